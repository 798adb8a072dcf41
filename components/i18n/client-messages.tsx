import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickClientMessages, type Namespace } from "@/i18n/client-messages";

/**
 * Gives the client components below it the base namespaces plus
 * `namespaces` (see i18n/client-messages.ts). Used once in the root layout
 * and in the layout of each segment whose client components read more; write
 * the list as a literal, client-messages.test.ts reads it from the source.
 * getMessages is cached per request, so a nested one costs only its payload.
 */
export async function ClientMessages({ namespaces = [], children }: { namespaces?: readonly Namespace[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickClientMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
