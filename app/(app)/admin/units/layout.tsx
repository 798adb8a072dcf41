import { ClientMessages } from "@/components/i18n/client-messages";

/** The unit forms. */
export default function AdminUnitsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin"]}>{children}</ClientMessages>;
}
