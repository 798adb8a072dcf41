import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/current-user";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
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
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold text-brand-900">{t("app.name")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
          </div>
          <LocaleSwitcher />
        </div>
        <section aria-labelledby="login-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="login-title" className="mb-4 text-lg font-medium">
            {t("auth.title")}
          </h2>
          <LoginForm callbackPath={target} />
          {isDemoMode() && <p className="mt-4 text-xs text-slate-500">{t("auth.demoHint")}</p>}
        </section>
      </div>
    </main>
  );
}
