/**
 * The dashboard's period and filters, read from the URL's searchParams (a GET
 * form keeps them there). A period is a half-open range of calendar days
 * [from, to): `from` is its first day, `to` the day after its last, both
 * UTC-midnight Dates like every @db.Date column. Bad or missing values fall
 * back to the current quarter rather than an error page.
 *
 * URL shape:
 *   period=month&month=2024-03
 *   period=quarter&quarter=2024-Q1
 *   period=year&year=2024
 *   period=custom&from=2024-01-15&to=2024-02-14   (`to` is the LAST day, inclusive, as people type it)
 *   plus unitId, sectorId, chainId, ownerId: the project filter's fields, read
 *   and written by lib/domain/project-filter.ts.
 * The admin reports (issue 5) parse their period with the same schema.
 */
import { z } from "zod";
import { todayDate } from "@/lib/validation/fields";
import { fromSearchParams, toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export type Period = {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: Date;
  /** The day after the last day: exclusive. */
  to: Date;
  /** A stable label key: "2024-03", "2024-Q1", "2024", "2024-01-15..2024-02-14". */
  label: string;
};

/** The dashboard's period, and the project filter's fields its form offers. */
export type DashboardFilters = { period: Period } & Pick<Partial<ProjectFilter>, (typeof DASHBOARD_FILTER_KEYS)[number]>;
export const DASHBOARD_FILTER_KEYS = ["unitId", "sectorId", "chainId", "ownerId"] as const;

const DAY = 86_400_000;
const utc = (y: number, m0: number, d = 1) => new Date(Date.UTC(y, m0, d));
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, "0");

export function monthPeriod(year: number, month1: number): Period {
  return { kind: "month", from: utc(year, month1 - 1), to: utc(year, month1), label: `${year}-${pad(month1)}` };
}
export function quarterPeriod(year: number, quarter: number): Period {
  return { kind: "quarter", from: utc(year, (quarter - 1) * 3), to: utc(year, quarter * 3), label: `${year}-Q${quarter}` };
}
export function yearPeriod(year: number): Period {
  return { kind: "year", from: utc(year, 0), to: utc(year + 1, 0), label: String(year) };
}
/** A custom period from its first and LAST day (inclusive); swapped when given backwards. */
export function customPeriod(first: Date, last: Date): Period {
  const [a, b] = first <= last ? [first, last] : [last, first];
  return { kind: "custom", from: a, to: new Date(b.getTime() + DAY), label: `${isoDay(a)}..${isoDay(b)}` };
}

/** The same period one year earlier (for "against last year"). */
export function priorYear(period: Period): Period {
  const back = (d: Date) => utc(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  return { ...period, from: back(period.from), to: back(period.to), label: `${period.label}-1y` };
}

/** The last day of the period (inclusive), for display and the custom form. */
export const lastDay = (period: Period) => new Date(period.to.getTime() - DAY);

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

/** The raw URL fields of the period (all optional, bad values dropped). */
export const ZDashboardParams = z.object({
  period: param(z.enum(PERIOD_KINDS)),
  month: param(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  quarter: param(z.string().regex(/^\d{4}-Q[1-4]$/)),
  year: param(zYear),
  from: param(zDay),
  to: param(zDay),
});

/** The quarter containing `day`. */
export function currentQuarter(day: Date): Period {
  return quarterPeriod(day.getUTCFullYear(), Math.floor(day.getUTCMonth() / 3) + 1);
}

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
      period = customPeriod(p.from ?? utc(y, 0), p.to ?? today);
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
