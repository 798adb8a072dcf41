import { ClientMessages } from "@/components/i18n/client-messages";

/** The board, its cards' move menus and the stage-transition dialog (the project page's journey fields). */
export default function PipelineLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["pipeline", "journey", "stages"]}>{children}</ClientMessages>;
}
