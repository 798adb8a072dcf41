import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/current-user";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <p className="text-sm text-slate-600">{t("app.name")}</p>
            <h1 className="text-xl font-semibold text-brand-900">{t("account.title")}</h1>
          </div>
          <LocaleSwitcher />
        </div>
        <section aria-labelledby="change-password-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="change-password-title" className="sr-only">
            {t("account.title")}
          </h2>
          {user.mustChangePassword && (
            <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {t("account.mustChange")}
            </p>
          )}
          <p className="mb-4 text-sm text-slate-600">{t("account.description")}</p>
          <ChangePasswordForm forced={user.mustChangePassword} />
        </section>
        {!user.mustChangePassword && (
          <p className="mt-4 text-sm">
            <Link href="/" className="text-brand-700 underline">
              {t("account.back")}
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
