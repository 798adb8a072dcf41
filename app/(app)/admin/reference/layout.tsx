import { ClientMessages } from "@/components/i18n/client-messages";

/** The reference-list forms. */
export default function AdminReferenceLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin"]}>{children}</ClientMessages>;
}
