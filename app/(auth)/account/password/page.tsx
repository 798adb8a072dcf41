import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/current-user";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { AuthCard } from "@/components/auth/auth-card";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const t = await getTranslations();
  return (
    <AuthCard title={t("account.title")}>
      {user.mustChangePassword && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("account.mustChange")}
        </p>
      )}
      <p className="mb-4 text-sm text-slate-600">{t("account.description")}</p>
      <ChangePasswordForm forced={user.mustChangePassword} />
      {!user.mustChangePassword && (
        <p className="mt-4 text-sm">
          <Link href="/" className="text-brand-700 underline">
            {t("account.back")}
          </Link>
        </p>
      )}
    </AuthCard>
  );
}
