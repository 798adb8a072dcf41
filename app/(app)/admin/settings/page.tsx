import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getInstallationSettings } from "@/lib/data/settings";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { MilestoneSettingsForm } from "@/components/admin/milestone-settings-form";
import { CountingRulesForm } from "@/components/admin/counting-rules-form";
import { getCountingRules } from "@/lib/data/signings";

export default async function AdminSettingsPage() {
  await requirePageRole(...ROLES_FOR.administer);
  const [t, settings, rules, sectors] = await Promise.all([
    getTranslations("admin.settings"),
    getInstallationSettings(db()),
    getCountingRules(db()),
    db().referenceItem.findMany({ where: { kind: "SECTOR", retiredAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameZh: true, nameEn: true } }),
  ]);
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <MilestoneSettingsForm warnDays={settings.warnDays} fundsBehindPercent={Math.round(settings.fundsBehindShare * 100)} stallLimits={settings.stallLimits} version={settings.version} />
      <CountingRulesForm minRecognisedCny={rules.minRecognisedCny} sectorIds={rules.notRecognisedSectorIds} sectors={sectors} version={settings.version} />
    </>
  );
}
