import { requirePageRole } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/ui/coming-soon";

export default async function Page() {
  await requirePageRole("ADMIN");
  return <ComingSoon navKey="admin" />;
}
