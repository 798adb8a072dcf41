import { ClientMessages } from "@/components/i18n/client-messages";

/** The API token forms. */
export default function AdminTokensLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin"]}>{children}</ClientMessages>;
}
