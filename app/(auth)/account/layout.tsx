import { ClientMessages } from "@/components/i18n/client-messages";

/** The user's own account: changing the password. Outside the app shell, so it also serves a user who must change an admin-set password first. */
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["account"]}>{children}</ClientMessages>;
}
