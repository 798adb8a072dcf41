import { ClientMessages } from "@/components/i18n/client-messages";

/** The targets grid, its import and the assessment settings. */
export default function AdminTargetsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["targets"]}>{children}</ClientMessages>;
}
