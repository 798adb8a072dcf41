/**
 * The Reports page's period and unit picker: a plain GET form (the choice
 * stays in the URL; no JavaScript needed).
 */
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
const labelClass = "mb-1 block text-sm font-medium text-slate-700";

export type UnitChoice = { id: number; name: string };

export async function ReportForm({
  kind,
  year,
  quarter,
  unitId,
  years,
  units,
  ownUnit,
}: {
  kind: "year" | "quarter";
  year: number;
  quarter: number;
  unitId?: number;
  years: number[];
  /** null: the user may only have their own unit's report. */
  units: UnitChoice[] | null;
  ownUnit: string;
}) {
  const t = await getTranslations("reports.form");
  return (
    <form method="get" action="/reports" aria-label={t("label")} className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-5">
        <div>
          <label htmlFor="r-kind" className={labelClass}>{t("kind")}</label>
          <select id="r-kind" name="kind" defaultValue={kind} className={selectClass}>
            <option value="quarter">{t("quarter")}</option>
            <option value="year">{t("year")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="r-year" className={labelClass}>{t("yearLabel")}</label>
          <select id="r-year" name="year" defaultValue={year} className={selectClass}>
            {years.map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="r-quarter" className={labelClass}>{t("quarterLabel")}</label>
          <select id="r-quarter" name="quarter" defaultValue={quarter} className={selectClass}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>Q{q}</option>
            ))}
          </select>
        </div>
        <div>
          {units ? (
            <>
              <label htmlFor="r-unit" className={labelClass}>{t("unit")}</label>
              <select id="r-unit" name="unit" defaultValue={unitId ?? ""} className={selectClass}>
                <option value="">{t("wholeCity")}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>{u.name}</option>
                ))}
              </select>
            </>
          ) : (
            <p className="py-2 text-sm text-slate-700">{t("ownUnit", { unit: ownUnit })}</p>
          )}
        </div>
        <div>
          <button type="submit" className={buttonClasses("primary", "w-full")}>{t("apply")}</button>
        </div>
      </div>
    </form>
  );
}
