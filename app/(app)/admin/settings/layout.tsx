import { ClientMessages } from "@/components/i18n/client-messages";

/** The settings form. */
export default function AdminSettingsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin"]}>{children}</ClientMessages>;
}
