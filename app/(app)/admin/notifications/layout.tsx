import { ClientMessages } from "@/components/i18n/client-messages";

/** The reminder settings and robot forms. */
export default function AdminNotificationsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["notifications"]}>{children}</ClientMessages>;
}
