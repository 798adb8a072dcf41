import { ClientMessages } from "@/components/i18n/client-messages";

/** The sign-in form. */
export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["auth"]}>{children}</ClientMessages>;
}
