import type { Role } from "@/lib/generated/prisma/enums";

/** The app's sections; `roles` limits who sees the link (pages check again). */
export const NAV_ITEMS: { href: string; key: string; roles?: Role[] }[] = [
  { href: "/", key: "home" },
  { href: "/projects", key: "projects" },
  { href: "/pipeline", key: "pipeline" },
  { href: "/companies", key: "companies" },
  { href: "/events", key: "events" },
  { href: "/dashboard", key: "dashboard" },
  { href: "/reports", key: "reports", roles: ["MANAGER", "ADMIN"] },
  { href: "/import", key: "import", roles: ["ADMIN"] },
  { href: "/admin", key: "admin", roles: ["ADMIN"] },
];
