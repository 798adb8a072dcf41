import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { listUnits } from "@/lib/data/reference";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { CodedItemRow, CreateCodedItemForm } from "@/components/admin/coded-item-forms";

export default async function AdminUnitsPage() {
  const user = await requirePageRole(...ROLES_FOR.administer);
  const [t, locale] = await Promise.all([getTranslations("admin.units"), getLocale() as Promise<Locale>]);
  const units = await listUnits(db(), user);
  const nf = new Intl.NumberFormat(locale);
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <CreateCodedItemForm mode={{ kind: "unit" }} title={t("addTitle")} />
        <ul aria-label={t("listLabel")} className="space-y-3">
          {units.map((u) => (
            <CodedItemRow
              key={u.id}
              mode={{ kind: "unit" }}
              item={{
                id: u.id,
                code: u.code,
                nameZh: u.nameZh,
                nameEn: u.nameEn,
                version: u.version,
                retired: u.retiredAt !== null,
                canRetire: u.kind !== "CITY",
                detail: `${t(`kinds.${u.kind}`)} · ${t("usage", { users: nf.format(u.userCount), projects: nf.format(u.projectCount) })}`,
              }}
            />
          ))}
        </ul>
      </div>
    </>
  );
}
