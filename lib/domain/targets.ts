/**
 * Annual targets and the measures they are set on. Pure (no database).
 *
 * A unit's target is for one measure and one calendar year. The city's
 * targets are set on the city unit (kind CITY) and compared with the whole
 * city (every unit's projects together); a county's or district's with its
 * own projects. What each measure's actual value is, for a period:
 * - SIGNED: projects signed in the period (the first contract; the shared rule);
 * - SIGNED_100M: of them, those whose contracted investment is at least 1亿元 (the first size band);
 * - CONTRACTED_CNY: their contracted investment in yuan;
 * - STARTS: projects whose first construction start is in the period;
 * - FUNDS_CNY: funds in place received in the period, in yuan;
 * - FDI_USD: foreign investment actually utilized — funds in place received in the period in US dollars.
 * The SQL that computes all six per unit is lib/data/targets.ts (measureActualsSql, in two parts: signed, delivery).
 */
import type { TargetMeasure } from "@/lib/generated/prisma/enums";
import { DAY_MS, type Period } from "@/lib/domain/period";

export const TARGET_MEASURES = ["SIGNED", "SIGNED_100M", "CONTRACTED_CNY", "STARTS", "FUNDS_CNY", "FDI_USD"] as const satisfies readonly TargetMeasure[];
export type Measure = (typeof TARGET_MEASURES)[number];

/** What a measure's values are: a count of projects, or an amount in a currency. */
export const MEASURE_KIND: Record<Measure, "count" | "CNY" | "USD"> = {
  SIGNED: "count",
  SIGNED_100M: "count",
  CONTRACTED_CNY: "CNY",
  STARTS: "count",
  FUNDS_CNY: "CNY",
  FDI_USD: "USD",
};

/** The threshold of SIGNED_100M in yuan (the dashboard's first size band). */
export const LARGE_PROJECT_CNY = "100000000";

export const isMeasure = (v: unknown): v is Measure => typeof v === "string" && (TARGET_MEASURES as readonly string[]).includes(v);

/**
 * The share of the target year elapsed on `today` (a UTC-midnight day in
 * Asia/Shanghai, todayDate()): today counts as elapsed, so 1 January is
 * 1/365 and 31 December is 1. A past year is 1, a future one 0.
 */
export function yearElapsed(year: number, today: Date): number {
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const days = (to - from) / DAY_MS;
  const done = (today.getTime() - from) / DAY_MS + 1;
  return Math.min(1, Math.max(0, done / days));
}

export type Pace = "ahead" | "onPace" | "behind";

/**
 * Progress against a target: the share reached, and against the share of the
 * year elapsed — ahead when the share reached is at least the elapsed share,
 * behind when it is below. No target (or a zero one): null.
 */
export function progressOf(actual: number, target: number | null, elapsed: number): { share: number; pace: Pace; expected: number } | null {
  if (target === null || !(target > 0)) return null;
  const share = actual / target;
  const expected = target * elapsed;
  const pace: Pace = share > elapsed + 1e-9 ? "ahead" : share >= elapsed - 1e-9 ? "onPace" : "behind";
  return { share, pace, expected };
}

/** The year whose targets a dashboard period is compared with: the year its first day falls in. */
export const targetYearOf = (period: Period) => period.from.getUTCFullYear();

/**
 * Ranks on one measure: by share of target, highest first; units without a
 * target after them, by their actual value; equal standing shares a rank.
 */
export function rankOnMeasure(rows: { id: number; actual: number; target: number | null }[]): Map<number, number> {
  const keyed = rows.map((r) => ({ id: r.id, hasTarget: r.target !== null && r.target > 0, share: r.target ? r.actual / r.target : 0, actual: r.actual }));
  keyed.sort((a, b) => Number(b.hasTarget) - Number(a.hasTarget) || b.share - a.share || b.actual - a.actual);
  const out = new Map<number, number>();
  keyed.forEach((r, i) => {
    const prev = keyed[i - 1];
    const tie = prev && prev.hasTarget === r.hasTarget && prev.share === r.share && prev.actual === r.actual;
    out.set(r.id, tie ? out.get(prev.id)! : i + 1);
  });
  return out;
}
