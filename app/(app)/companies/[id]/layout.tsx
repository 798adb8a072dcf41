import { ClientMessages } from "@/components/i18n/client-messages";

/** The company page's contacts forms; the edit page's company form. */
export default function CompanyLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["companies"]}>{children}</ClientMessages>;
}
