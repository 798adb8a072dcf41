import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";

/**
 * Managers and admins only, checked here as well as in the page: the page
 * streams after its loading state (loading.tsx), and a check in the layout
 * answers a refused user with a real redirect before anything is sent.
 */
export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  await requirePageRole(...ROLES_FOR.viewReports);
  return children;
}
