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
 *   plus unitId, sectorId, chainId, ownerId (the project list's names).
 */
import { z } from "zod";
import { todayDate, zId } from "@/lib/validation/fields";
import { PERIOD_KINDS, currentQuarter, customPeriod, isoDay, lastDay, monthPeriod, quarterPeriod, yearPeriod, type Period } from "@/lib/domain/period";

export type DashboardFilters = {
  period: Period;
  unitId?: number;
  sectorId?: number;
  chainId?: number;
  ownerId?: number;
};

const first = (v: unknown) => {
  const x = Array.isArray(v) ? v[0] : v;
  return x === "" ? undefined : x;
};
const param = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional()).catch(undefined);

const zYear = z.coerce.number().int().min(1990).max(2100);
const zDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((s) => new Date(`${s}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2100);

/** The raw URL fields (all optional, bad values dropped). */
export const ZDashboardParams = z.object({
  period: param(z.enum(PERIOD_KINDS)),
  month: param(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  quarter: param(z.string().regex(/^\d{4}-Q[1-4]$/)),
  year: param(zYear),
  from: param(zDay),
  to: param(zDay),
  unitId: param(zId),
  sectorId: param(zId),
  chainId: param(zId),
  ownerId: param(zId),
});

/**
 * searchParams → filters. `now` fixes "today" (Asia/Shanghai) for the default
 * period and for a period kind chosen without its value.
 */
export function parseDashboardFilters(searchParams: Record<string, unknown>, now = new Date()): DashboardFilters {
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
  return { period, unitId: p.unitId, sectorId: p.sectorId, chainId: p.chainId, ownerId: p.ownerId };
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
  for (const key of ["unitId", "sectorId", "chainId", "ownerId"] as const) {
    if (filters[key] !== undefined) q.set(key, String(filters[key]));
  }
  return q;
}
