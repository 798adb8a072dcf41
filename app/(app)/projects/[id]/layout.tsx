import { ClientMessages } from "@/components/i18n/client-messages";

/** The project page's timeline filter, owner form and journey forms (projects, journey, stages); the supervision forms (supervision); the edit page's project form (projects). */
export default function ProjectLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["projects", "journey", "stages", "roundFormats", "supervision"]}>{children}</ClientMessages>;
}
