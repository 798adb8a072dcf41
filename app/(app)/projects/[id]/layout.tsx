import { ClientMessages } from "@/components/i18n/client-messages";

/** The project page's timeline filter, owner form, journey forms (projects, journey, stages) and commitment forms (commitments); the edit page's project form (projects). */
export default function ProjectLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["projects", "journey", "stages", "roundFormats", "commitments"]}>{children}</ClientMessages>;
}
