import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getTargetGrid } from "@/lib/data/targets";
import { getActivityWeights, getAssessmentSettings } from "@/lib/data/assessment";
import { zTargetYear } from "@/lib/validation/targets";
import { todayDate } from "@/lib/validation/fields";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { buttonClasses } from "@/components/ui/button";
import { TargetGridForm } from "@/components/targets/target-grid-form";
import { TargetImportForm } from "@/components/targets/target-import-form";
import { AssessmentSettingsForm } from "@/components/targets/assessment-settings-form";
import { ActivityWeightsForm } from "@/components/targets/activity-weights-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminTargetsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole(...ROLES_FOR.setTargets);
  const params = await searchParams;
  const parsed = zTargetYear.safeParse(params.year);
  const year = parsed.success ? parsed.data : todayDate().getUTCFullYear();
  const [t, locale] = await Promise.all([getTranslations("targets"), getLocale()]);
  const actor = { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unitIsCity };
  const [grid, settings, weights] = await Promise.all([getTargetGrid(db(), actor, year), getAssessmentSettings(db()), getActivityWeights(db())]);
  const units = grid.units.map((u) => ({ id: u.id, name: locale === "en" ? u.nameEn : u.nameZh, isCity: u.kind === "CITY", cells: u.cells }));
  const lang = locale === "en" ? "en" : "zh-CN";
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("admin.title")} description={t("admin.description")} />
      <form method="get" className="mb-4 flex items-end gap-2">
        <div>
          <label htmlFor="target-year" className="block text-sm font-medium text-slate-800">
            {t("admin.year")}
          </label>
          <input id="target-year" name="year" defaultValue={year} inputMode="numeric" className="mt-1 w-24 rounded border border-slate-300 px-2 py-1" />
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("admin.show")}
        </button>
      </form>
      <TargetGridForm key={year} year={year} units={units} />
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <TargetImportForm year={year} />
        <AssessmentSettingsForm method={settings.method} deductionPerLateStart={settings.deductionPerLateStart} version={settings.version} />
      </div>
      <ul className="mt-4 flex flex-wrap gap-3 text-sm">
        {(["xlsx", "pdf", "csv", "json"] as const).map((f) => (
          <li key={f}>
            {/* A plain link: a file download, not a page. */}
            <a href={`/api/assessment/${year}.${f}?lang=${lang}`} className="text-brand-700 underline">
              {t("assessment.download", { year, format: f.toUpperCase() })}
            </a>
          </li>
        ))}
      </ul>
      <div className="mt-8">
        <ActivityWeightsForm weights={weights} version={weights.version} />
      </div>
    </>
  );
}
