import { ClientMessages } from "@/components/i18n/client-messages";

/** The company form. */
export default function NewCompanyLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["companies"]}>{children}</ClientMessages>;
}
