import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getInstallationSettings } from "@/lib/data/settings";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { MilestoneSettingsForm } from "@/components/admin/milestone-settings-form";

export default async function AdminSettingsPage() {
  await requirePageRole(...ROLES_FOR.administer);
  const [t, settings] = await Promise.all([getTranslations("admin.settings"), getInstallationSettings(db())]);
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <MilestoneSettingsForm warnDays={settings.warnDays} fundsBehindPercent={Math.round(settings.fundsBehindShare * 100)} stallLimits={settings.stallLimits} version={settings.version} />
    </>
  );
}
