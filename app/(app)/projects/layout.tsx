import { ClientMessages } from "@/components/i18n/client-messages";

/** The project list: its "issue a supervision order for these projects" form (components/supervision). */
export default function ProjectsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["supervision"]}>{children}</ClientMessages>;
}
