import { ClientMessages } from "@/components/i18n/client-messages";

/** The project form. */
export default function NewProjectLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["projects", "companies"]}>{children}</ClientMessages>;
}
