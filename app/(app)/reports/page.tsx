import { requirePageRole } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/ui/coming-soon";

export default async function Page() {
  await requirePageRole("MANAGER", "ADMIN");
  return <ComingSoon navKey="reports" />;
}
