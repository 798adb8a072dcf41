/**
 * The dashboard's period and filters, read from the URL's searchParams (a GET
 * form keeps them there). What a period is, and its maths, is
 * lib/domain/period.ts. Bad or missing values fall back to the current
 * quarter rather than an error page.
 *
 * URL shape:
 *   period=month&month=2024-03
 *   period=quarter&quarter=2024-Q1
 *   period=year&year=2024
 *   period=custom&from=2024-01-15&to=2024-02-14   (`to` is the LAST day, inclusive, as people type it)
 *   plus unitId, sectorId, chainId, ownerId: the project filter's fields, read
 *   and written by lib/domain/project-filter.ts. The reports parse their period
 *   with the same schema.
 */
import { z } from "zod";
import { todayDate, zDate, zSearchParam } from "@/lib/validation/fields";
import { fromSearchParams, toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";
import { PERIOD_KINDS, currentQuarter, customPeriod, isoDay, lastDay, monthPeriod, quarterPeriod, yearPeriod, type Period } from "@/lib/domain/period";

/** The dashboard's period, and the project filter's fields its form offers. */
export type DashboardFilters = { period: Period } & Pick<Partial<ProjectFilter>, (typeof DASHBOARD_FILTER_KEYS)[number]>;
export const DASHBOARD_FILTER_KEYS = ["unitId", "sectorId", "chainId", "ownerId"] as const;

const param = zSearchParam;

const zYear = z.coerce.number().int().min(1990).max(2100);

/** The raw URL fields of the period (all optional, bad values dropped). */
export const ZDashboardParams = z.object({
  period: param(z.enum(PERIOD_KINDS)),
  month: param(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  quarter: param(z.string().regex(/^\d{4}-Q[1-4]$/)),
  year: param(zYear),
  from: param(zDate),
  to: param(zDate),
});

/**
 * searchParams → filters. `now` fixes "today" (Asia/Shanghai) for the default
 * period and for a period kind chosen without its value.
 */
export function parseDashboardFilters(searchParams: Record<string, string | string[] | undefined>, now = new Date()): DashboardFilters {
  const p = ZDashboardParams.parse(searchParams);
  const today = todayDate(now);
  const y = today.getUTCFullYear();
  let period: Period;
  const kind = p.period ?? (p.month ? "month" : p.year ? "year" : p.from || p.to ? "custom" : "quarter");
  switch (kind) {
    case "month": {
      const [yy, mm] = p.month ? p.month.split("-").map(Number) : [y, today.getUTCMonth() + 1];
      period = monthPeriod(yy, mm);
      break;
    }
    case "year":
      period = yearPeriod(p.year ?? y);
      break;
    case "custom":
      period = customPeriod(p.from ?? yearPeriod(y).from, p.to ?? today);
      break;
    default: {
      period = p.quarter ? quarterPeriod(Number(p.quarter.slice(0, 4)), Number(p.quarter.slice(6))) : currentQuarter(today);
    }
  }
  const filter = fromSearchParams(searchParams);
  return { period, ...Object.fromEntries(DASHBOARD_FILTER_KEYS.map((k) => [k, filter[k]])) };
}

/** Filters → URL params (the inverse of parseDashboardFilters), for links and the form. */
export function dashboardParams(filters: DashboardFilters): URLSearchParams {
  const q = new URLSearchParams();
  const { period } = filters;
  q.set("period", period.kind);
  if (period.kind === "month") q.set("month", period.label);
  else if (period.kind === "quarter") q.set("quarter", period.label);
  else if (period.kind === "year") q.set("year", period.label);
  else {
    q.set("from", isoDay(period.from));
    q.set("to", isoDay(lastDay(period)));
  }
  const { period: _, ...filter } = filters;
  for (const [k, v] of toSearchParams(filter)) q.set(k, v);
  return q;
}
