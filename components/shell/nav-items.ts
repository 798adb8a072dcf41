import type { Role } from "@/lib/generated/prisma/enums";
import { ROLES_FOR } from "@/lib/domain/policy";

/** The app's sections; `roles` limits who sees the link (pages check again). */
export const NAV_ITEMS: { href: string; key: string; roles?: readonly Role[] }[] = [
  { href: "/", key: "home" },
  { href: "/projects", key: "projects" },
  { href: "/pipeline", key: "pipeline" },
  { href: "/companies", key: "companies" },
  { href: "/events", key: "events" },
  { href: "/dashboard", key: "dashboard" },
  { href: "/reports", key: "reports", roles: ROLES_FOR.viewReports },
  { href: "/import", key: "import", roles: ROLES_FOR.importProjects },
  { href: "/admin", key: "admin", roles: ROLES_FOR.administer },
];
