import { ClientMessages } from "@/components/i18n/client-messages";

/** The create-user form and a user's admin panel (with the role names). */
export default function AdminUsersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["admin", "roles"]}>{children}</ClientMessages>;
}
