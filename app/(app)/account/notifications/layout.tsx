import { ClientMessages } from "@/components/i18n/client-messages";

/** The preference form. */
export default function NotificationPreferencesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["notifications"]}>{children}</ClientMessages>;
}
