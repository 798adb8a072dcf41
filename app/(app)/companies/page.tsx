import { requireUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/ui/coming-soon";

export default async function Page() {
  await requireUser();
  return <ComingSoon navKey="companies" />;
}
