import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/current-user";
import { LoginForm } from "@/components/auth/login-form";
import { AuthCard } from "@/components/auth/auth-card";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { isDemoMode } from "@/lib/demo-mode";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getSessionUser()) redirect(target); // a user who must change their password is sent on from there
  const t = await getTranslations();
  return (
    <AuthCard title={t("auth.title")}>
      <LoginForm callbackPath={target} />
      {isDemoMode() && <p className="mt-4 text-xs text-slate-500">{t("auth.demoHint")}</p>}
    </AuthCard>
  );
}
