/**
 * Which message namespaces travel to the browser. Client components read
 * their words from the nearest <ClientMessages> (components/i18n/client-messages.tsx);
 * everything else (dashboard, reports, work, validation …) is read on the
 * server alone and would only add to each page's payload.
 *
 * The root layout sends BASE_NAMESPACES to every page; a route segment whose
 * client components read more wraps its children in
 * <ClientMessages namespaces={[…]}>, which sends the base ones plus those (a
 * nested provider replaces the messages above it, it does not add to them).
 * client-messages.test.ts fails when a route's client component reads a
 * namespace its provider does not send.
 */
import type en from "@/messages/en";

export type Namespace = keyof typeof en;

/**
 * Read on every page: the shell's navigation, locale switcher and sign-out
 * button (nav, locale, shell), the root error page and the forms' failure
 * words (errors), the echo under every amount field (amount) and date field
 * (dateField), the character counter under every long text field (textLength)
 * and the conflict box of every edit form (conflict): a few words each, used by
 * forms on many routes.
 */
export const BASE_NAMESPACES = ["amount", "conflict", "dateField", "errors", "locale", "nav", "shell", "textLength"] as const satisfies readonly Namespace[];

/** The base namespaces and `extra`, taken from the whole catalogue. */
export function pickClientMessages(messages: Record<string, unknown>, extra: readonly string[] = []): Record<string, unknown> {
  const wanted = new Set<string>([...BASE_NAMESPACES, ...extra]);
  return Object.fromEntries([...wanted].filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
