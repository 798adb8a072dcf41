import { ClientMessages } from "@/components/i18n/client-messages";

/** The project page's timeline filter, owner form, journey forms (projects, journey, stages), commitment forms (commitments) and supervision forms (supervision), 不予认定 form (signings); the edit page's project form (projects; companies: the inline new company's likely duplicates). */
export default function ProjectLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["projects", "journey", "stages", "roundFormats", "commitments", "supervision", "signings", "companies"]}>{children}</ClientMessages>;
}
