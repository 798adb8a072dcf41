/**
 * Periods: what "in the period" means on every dashboard number, list filter
 * and report. Pure (no database).
 *
 * A period is a half-open range of calendar days [from, to): `from` is its
 * first day, `to` the day after its last, both UTC-midnight Dates like every
 * @db.Date column, so a date column is in the period when from <= d < to.
 * Timestamps (stage_change.changed_at) are placed on days in the bureau's
 * time zone, Asia/Shanghai (UTC+8, no daylight saving): a change at
 * 2024-03-31 23:30 Beijing time is in March (`dayStart`).
 */

/** The bureau's time zone: "today" and the day of a timestamp are counted in it. */
export const BUREAU_TIME_ZONE = "Asia/Shanghai";
const BUREAU_OFFSET_MS = 8 * 3_600_000;

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

export const DAY_MS = 86_400_000;
const utc = (y: number, m0: number, d = 1) => new Date(Date.UTC(y, m0, d));
const pad = (n: number) => String(n).padStart(2, "0");

/** A UTC-midnight Date as YYYY-MM-DD. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The instant a calendar day (UTC-midnight Date) starts in Asia/Shanghai: compare timestamps with it. */
export const dayStart = (day: Date) => new Date(day.getTime() - BUREAU_OFFSET_MS);

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
  return { kind: "custom", from: a, to: new Date(b.getTime() + DAY_MS), label: `${isoDay(a)}..${isoDay(b)}` };
}

/** The quarter containing `day`. */
export function currentQuarter(day: Date): Period {
  return quarterPeriod(day.getUTCFullYear(), Math.floor(day.getUTCMonth() / 3) + 1);
}

/** The same period one year earlier (for "against last year"). */
export function priorYear(period: Period): Period {
  const back = (d: Date) => utc(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  return { ...period, from: back(period.from), to: back(period.to), label: `${period.label}-1y` };
}

/** The last day of the period (inclusive), for display and the custom form. */
export const lastDay = (period: Period) => new Date(period.to.getTime() - DAY_MS);

/** A report's period from its label: a year ("2023") or a quarter ("2023-Q4"); null for anything else. */
export function reportPeriodOf(label: string): Period | null {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(label);
  if (!m) return null;
  return m[2] ? quarterPeriod(Number(m[1]), Number(m[2])) : yearPeriod(Number(m[1]));
}

/** A year or quarter label in words: "2023年" / "2023年第四季度"; "2023" / "Q4 2023". Other labels as they are. */
export function periodName(label: string, locale: "zh-CN" | "en"): string {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(label);
  if (!m) return label;
  const q = m[2] ? Number(m[2]) : null;
  if (locale === "zh-CN") return q ? `${m[1]}年第${"一二三四"[q - 1]}季度` : `${m[1]}年`;
  return q ? `Q${q} ${m[1]}` : m[1];
}
