import { requireUser } from "@/lib/auth/current-user";
import { AppShell } from "@/components/shell/app-shell";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
