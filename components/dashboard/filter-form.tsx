/**
 * The period picker and filters as a plain GET form: everything stays in the
 * URL (shareable, back button works, no JavaScript needed). Only the chosen
 * period kind's fields show (PERIOD_STYLE: CSS, so this too works without
 * JavaScript); the others are still sent and ignored.
 */
import { getTranslations } from "next-intl/server";
import { type DashboardFilters } from "@/lib/validation/dashboard";
import { PERIOD_KINDS, isoDay, lastDay } from "@/lib/domain/period";
import type { DashboardOptions } from "@/lib/data/filter-options";
import { localName } from "@/components/projects/names";
import { buttonClasses } from "@/components/ui/button";
import { DateField } from "@/components/ui/date-field";

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
/** A period kind's fields show while that kind is the selected option. */
const PERIOD_STYLE = PERIOD_KINDS
  .map((k) => `[data-period-form]:not(:has(#d-period option[value="${k}"]:checked)) [data-period-kind="${k}"] { display: none; }`)
  .join("\n");
const labelClass = "mb-1 block text-sm font-medium text-slate-700";

export async function FilterForm({ filters, options, locale, today }: { filters: DashboardFilters; options: DashboardOptions; locale: string; today: Date }) {
  const t = await getTranslations("dashboard.filters");
  const { period } = filters;
  const thisYear = today.getUTCFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const quarters = years.flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`));
  const monthValue = period.kind === "month" ? period.label : isoDay(today).slice(0, 7);
  const quarterValue = period.kind === "quarter" ? period.label : `${thisYear}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
  const yearValue = period.kind === "year" ? period.label : String(thisYear);
  return (
    <>
      <style>{PERIOD_STYLE}</style>
      <form method="get" action="/dashboard" aria-label={t("label")} data-period-form="" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:hidden">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
          <div>
            <label htmlFor="d-period" className={labelClass}>{t("period")}</label>
            <select id="d-period" name="period" defaultValue={period.kind} className={selectClass}>
              {PERIOD_KINDS.map((k) => (
                <option key={k} value={k}>{t(`kinds.${k}`)}</option>
              ))}
            </select>
          </div>
          <div data-period-kind="month">
            <label htmlFor="d-month" className={labelClass}>{t("month")}</label>
            <input id="d-month" type="month" name="month" defaultValue={monthValue} className={selectClass} />
          </div>
          <div data-period-kind="quarter">
            <label htmlFor="d-quarter" className={labelClass}>{t("quarter")}</label>
            <select id="d-quarter" name="quarter" defaultValue={quarterValue} className={selectClass}>
              {quarters.map((q) => (
                <option key={q} value={q}>{q}</option>
              ))}
            </select>
          </div>
          <div data-period-kind="year">
            <label htmlFor="d-year" className={labelClass}>{t("year")}</label>
            <select id="d-year" name="year" defaultValue={yearValue} className={selectClass}>
              {years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </div>
          <div data-period-kind="custom" className="col-span-2 grid grid-cols-2 gap-3">
            <DateField id="d-from" name="from" label={t("from")} defaultValue={isoDay(period.from)} />
            <DateField id="d-to" name="to" label={t("to")} defaultValue={isoDay(lastDay(period))} />
          </div>
          {options.units.length > 0 && (
            <div>
              <label htmlFor="d-unit" className={labelClass}>{t("unit")}</label>
              <select id="d-unit" name="unitId" defaultValue={filters.unitId ?? ""} className={selectClass}>
                <option value="">{t("allUnits")}</option>
                {options.units.map((u) => (
                  <option key={u.id} value={u.id}>{localName(u, locale)}</option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="d-sector" className={labelClass}>{t("sector")}</label>
            <select id="d-sector" name="sectorId" defaultValue={filters.sectorId ?? ""} className={selectClass}>
              <option value="">{t("allSectors")}</option>
              {options.sectors.map((s) => (
                <option key={s.id} value={s.id}>{localName(s, locale)}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="d-chain" className={labelClass}>{t("chain")}</label>
            <select id="d-chain" name="chainId" defaultValue={filters.chainId ?? ""} className={selectClass}>
              <option value="">{t("allChains")}</option>
              {options.chains.map((s) => (
                <option key={s.id} value={s.id}>{localName(s, locale)}</option>
              ))}
            </select>
          </div>
          {options.owners.length > 0 && (
            <div>
              <label htmlFor="d-owner" className={labelClass}>{t("owner")}</label>
              <select id="d-owner" name="ownerId" defaultValue={filters.ownerId ?? ""} className={selectClass}>
                <option value="">{t("allOwners")}</option>
                {options.owners.map((o) => (
                  <option key={o.id} value={o.id}>{o.name}</option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="mt-3 flex gap-2">
          <button type="submit" className={buttonClasses("primary")}>{t("apply")}</button>
          <a href="/dashboard" className={buttonClasses("secondary")}>{t("reset")}</a>
        </div>
      </form>
    </>
  );
}
