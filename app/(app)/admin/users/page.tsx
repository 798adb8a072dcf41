import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/data/users";
import { listUnitOptions } from "@/lib/data/reference";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { BackToAdmin } from "@/components/admin/back-link";

export default async function AdminUsersPage() {
  const user = await requirePageRole(...ROLES_FOR.administer);
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
          <DataTable
            caption={t("title")}
            testId="users-table"
            rows={users}
            rowKey={(u) => u.id}
            rowAttributes={(u) => ({ className: u.disabledAt ? "text-slate-500" : undefined })}
            empty={t("count", { count: 0 })}
            columns={[
              {
                key: "name",
                header: t("fields.name"),
                className: "font-medium",
                cell: (u) => (
                  <>
                    {u.name} {u.id === user.id && <span className="text-slate-500">{t("you")}</span>}
                  </>
                ),
              },
              { key: "email", header: t("fields.email") },
              { key: "role", header: t("fields.role"), cell: (u) => tr(u.role) },
              { key: "unit", header: t("fields.unit"), cell: (u) => unitLabel(u.unit) },
              { key: "status", header: t("fields.status"), cell: (u) => (u.disabledAt ? t("status.disabled") : t("status.active")) },
              {
                key: "manage",
                header: t("manage"),
                headerHidden: true,
                align: "right",
                cell: (u) => (
                  <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline" aria-label={t("manageLabel", { name: u.name })}>
                    {t("manage")}
                  </Link>
                ),
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
