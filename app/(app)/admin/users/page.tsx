import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/data/users";
import { listUnitOptions } from "@/lib/data/reference";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { BackToAdmin } from "@/components/admin/back-link";

export default async function AdminUsersPage() {
  const user = await requirePageRole("ADMIN");
  const [t, tr, locale] = await Promise.all([getTranslations("admin.users"), getTranslations("roles"), getLocale() as Promise<Locale>]);
  const [users, units] = await Promise.all([listUsers(db(), user), listUnitOptions(db(), user)]);
  const unitLabel = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);

  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <CreateUserForm units={units.map((u) => ({ value: String(u.id), label: unitLabel(u) }))} />
        <section aria-labelledby="users-list">
          <h2 id="users-list" className="mb-2 text-sm text-slate-600">{t("count", { count: users.length })}</h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users-table">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.name")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.email")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.role")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.unit")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fields.status")}</th>
                  <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">{t("manage")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((u) => (
                  <tr key={u.id} className={u.disabledAt ? "text-slate-500" : undefined}>
                    <td className="px-3 py-2 font-medium">
                      {u.name} {u.id === user.id && <span className="text-slate-500">{t("you")}</span>}
                    </td>
                    <td className="px-3 py-2">{u.email}</td>
                    <td className="px-3 py-2">{tr(u.role)}</td>
                    <td className="px-3 py-2">{unitLabel(u.unit)}</td>
                    <td className="px-3 py-2">{u.disabledAt ? t("status.disabled") : t("status.active")}</td>
                    <td className="px-3 py-2 text-right">
                      <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline" aria-label={t("manageLabel", { name: u.name })}>
                        {t("manage")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
