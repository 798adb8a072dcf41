import { ClientMessages } from "@/components/i18n/client-messages";

/** The notification list's mark-read forms. */
export default function NotificationsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["notifications"]}>{children}</ClientMessages>;
}
