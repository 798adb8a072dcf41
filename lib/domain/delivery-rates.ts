/**
 * The delivery rates after the signing (issue 15): what each counts, written
 * once. Pure: the SQL forms are in lib/data/sql-rules.ts ("Delivery rates"),
 * which the dashboard, the project list's `delivery` filter and the report use.
 *
 * A period is [from, to). Everything is counted AS OF THE PERIOD'S END: the
 * records dated before the cutoff `deliveryCutoff(period, today)` = the day
 * after the period's last day, or tomorrow when the period has not ended yet
 * (so the as-of day is the period's last day, or today). A report of 2024-Q1
 * made today or next year says the same.
 *
 * - A milestone (供地, 开工, 投产, 达产, 入统) is DUE when the promise in force
 *   (not replaced by an amendment: the current promise counts, the old
 *   deadline no longer does) has its due date before the cutoff — on or before
 *   the period's last day and on or before today. A milestone due on the
 *   period's last day is due in that period.
 * - It is MET when it was reached on or before its due date (reached: the
 *   earliest actual of its kind; 开工 the first construction start record).
 *   Reached late is not met (it is no longer overdue either).
 * - It is PAST ITS DEADLINE (overdue) when its due date is before the as-of
 *   day and it was not reached by the as-of day (the dashboard's red).
 * - "Signed in the period" is the project's first contract, as everywhere
 *   (firstContractsSql). Its contracted amounts are that contract's yuan and
 *   US dollars, never added together.
 * - A project LOST (or paused) after the signing stays in every denominator:
 *   it was signed and promised, and the bureau is judged on it.
 *
 * The rates (each numerator ⊆ its denominator; no denominator → no rate, "—"):
 * - 履约率 fulfilment: projects with at least one milestone due whose due
 *   milestones were ALL met / projects with at least one milestone due.
 * - 开工率 started: projects signed in the period with a construction start
 *   before the cutoff / projects signed in the period.
 * - 按期开工率 started on time: projects whose 开工 milestone is due and was
 *   met / projects whose 开工 milestone is due.
 * - 投产率 in production: projects signed in the period whose 投产 was
 *   reached before the cutoff / projects signed in the period.
 * - 按期投产率 in production on time: as 按期开工率, for 投产.
 * - 资金到位率 funds in place, per currency: funds in place received before
 *   the cutoff on the projects signed in the period / their contracted
 *   amount in that currency (yuan over yuan, US dollars over US dollars).
 * - Past a deadline: projects with at least one milestone past its deadline.
 * - Promised against actual: over the projects signed in the period, each
 *   figure promised (the promise in force) against what was reached: funds in
 *   place for the investment (CNY) and foreign investment (USD), the latest
 *   reported actual before the cutoff for the others.
 */
import { DAY_MS, type Period } from "@/lib/domain/period";
import { FIGURE_KIND_LIST, type FigureKind } from "@/lib/domain/milestones";

const RATE_SETS = ["due", "met", "pastDue", "startDue", "startMet", "productionDue", "productionMet", "producing", "fundedCny", "fundedUsd"] as const;

/**
 * Promised against actual, per figure: `promised-JOBS` = the projects with a
 * jobs promise in force; `reached-JOBS` = of them, those with something
 * reached by the cutoff (funds in place for the two investments, else a
 * reported actual).
 */
export type FigureSet = `promised-${FigureKind}` | `reached-${FigureKind}`;
export const figureSet = (side: "promised" | "reached", kind: FigureKind): FigureSet => `${side}-${kind}`;
/** A figure set's side and kind; null for a rate's set. */
export function parseFigureSet(set: string): { side: "promised" | "reached"; kind: FigureKind } | null {
  const m = /^(promised|reached)-([A-Z_]+)$/.exec(set);
  return m && (FIGURE_KIND_LIST as string[]).includes(m[2]) ? { side: m[1] as "promised" | "reached", kind: m[2] as FigureKind } : null;
}

/**
 * The sets of projects the rates count, as the project list's `delivery`
 * filter names them (with `deliveryTo`, the cutoff; signed in the period is
 * signedFrom/signedTo, started startedTo).
 */
export const DELIVERY_SETS = [...RATE_SETS, ...FIGURE_KIND_LIST.flatMap((k) => [figureSet("promised", k), figureSet("reached", k)])] as [
  (typeof RATE_SETS)[number] | FigureSet,
  ...((typeof RATE_SETS)[number] | FigureSet)[],
];
export type DeliverySet = (typeof DELIVERY_SETS)[number];

/** The milestone each on-time rate is about. */
export const ON_TIME_KINDS = { start: "CONSTRUCTION_START", production: "PRODUCTION" } as const;

/** The day after the as-of day: records dated before it count. The period's end, or tomorrow while it runs. */
export function deliveryCutoff(period: Pick<Period, "to">, today: Date): Date {
  const tomorrow = new Date(today.getTime() + DAY_MS);
  return period.to < tomorrow ? period.to : tomorrow;
}

/** The as-of day (the cutoff's eve): the period's last day, or today. */
export const asOfDay = (cutoff: Date) => new Date(cutoff.getTime() - DAY_MS);

/** A milestone's facts as dates (UTC-midnight, like @db.Date). */
export type MilestoneDates = { dueOn: Date | null; reachedOn: Date | null; replaced?: boolean };

export const isDue = (m: MilestoneDates, cutoff: Date) => !m.replaced && m.dueOn !== null && m.dueOn < cutoff;
export const isMet = (m: MilestoneDates) => m.dueOn !== null && m.reachedOn !== null && m.reachedOn <= m.dueOn;
export const isPastDeadline = (m: MilestoneDates, cutoff: Date) =>
  isDue(m, cutoff) && m.dueOn! < asOfDay(cutoff) && (m.reachedOn === null || m.reachedOn >= cutoff);

/** A project's standing on 履约率: null when it has no milestone due (not in the denominator). */
export function fulfilled(milestones: MilestoneDates[], cutoff: Date): boolean | null {
  const due = milestones.filter((m) => isDue(m, cutoff));
  return due.length === 0 ? null : due.every(isMet);
}

/** A rate: numerator over denominator, null without a denominator. Amounts as numbers or decimal strings. */
export function rate(numerator: number | string, denominator: number | string): number | null {
  const d = Number(denominator);
  return d > 0 ? Number(numerator) / d : null;
}

/** The rates as shown (dashboard, report): each one's numerator and denominator among the counts. */
export const RATES = {
  fulfilment: { num: "met", den: "due" },
  started: { num: "started", den: "signed" },
  startOnTime: { num: "startMet", den: "startDue" },
  producing: { num: "producing", den: "signed" },
  productionOnTime: { num: "productionMet", den: "productionDue" },
  fundsCny: { num: "fundsCny", den: "contractedCny" },
  fundsUsd: { num: "fundsUsd", den: "contractedUsd" },
} as const;
export type RateName = keyof typeof RATES;
export const RATE_NAMES = Object.keys(RATES) as RateName[];
type RatePart = (typeof RATES)[RateName]["num" | "den"];

/** Rate `name` of a set of counts. */
export const rateOf = (c: Record<RatePart, number | string>, name: RateName) => rate(c[RATES[name].num], c[RATES[name].den]);
