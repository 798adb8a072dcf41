import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { getUserForAdmin } from "@/lib/data/users";
import { listUnitOptions } from "@/lib/data/reference";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { UserAdminPanel } from "@/components/admin/user-admin-panel";
import { BackToAdmin } from "@/components/admin/back-link";

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole(...ROLES_FOR.administer);
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  const [t, locale] = await Promise.all([getTranslations("admin.users"), getLocale() as Promise<Locale>]);
  const target = await getUserForAdmin(db(), user, { id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const units = await listUnitOptions(db(), user);
  const label = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);
  const options = units.map((u) => ({ value: String(u.id), label: label(u) }));
  // A retired unit the user is still in stays choosable for them.
  if (!units.some((u) => u.id === target.unitId)) options.push({ value: String(target.unitId), label: label(target.unit) });

  return (
    <>
      <BackToAdmin href="/admin/users" label={t("title")} />
      <PageHeader title={target.name} description={t("detailDescription", { email: target.email, date: formatDateTime(target.createdAt, locale) })} />
      <UserAdminPanel
        user={{ id: target.id, version: target.version, role: target.role, unitId: target.unitId, mobile: target.mobile ?? "", disabled: target.disabledAt !== null, name: target.name }}
        units={options}
      />
    </>
  );
}
