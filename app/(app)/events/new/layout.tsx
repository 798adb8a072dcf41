import { ClientMessages } from "@/components/i18n/client-messages";

/** The event form. */
export default function NewEventLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["events"]}>{children}</ClientMessages>;
}
