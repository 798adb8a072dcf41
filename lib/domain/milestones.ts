/**
 * After the signing: what a contract promises (commitment kinds) and the one
 * rule of a milestone's colour (issue 15). Pure: dates as YYYY-MM-DD, `today`
 * passed in, no database.
 *
 * green  — reached, or due later than N days from today (or no due date);
 * yellow — not reached and due within N days (today .. today+N), or funds in
 *          place behind the promised schedule by more than X%;
 * red    — not reached and past due (due before today).
 * A milestone reached after its due date is done: green.
 */
import type { CommitmentKind } from "@/lib/generated/prisma/enums";

/** The milestone plan in its order: 供地 → 开工 → 投产 → 达产 → 入统. */
export const MILESTONE_KINDS = ["LAND_HANDOVER", "CONSTRUCTION_START", "PRODUCTION", "FULL_PRODUCTION", "STATISTICS"] as const satisfies readonly CommitmentKind[];
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The numeric promises, each with the unit its value is in. */
export const FIGURE_KINDS = {
  INVESTMENT_TOTAL: "CNY",
  FIXED_ASSET: "CNY",
  FOREIGN_INVESTMENT: "USD",
  LAND: "MU",
  JOBS: "COUNT",
  ANNUAL_OUTPUT: "CNY",
  ANNUAL_TAX: "CNY",
} as const satisfies Partial<Record<CommitmentKind, "CNY" | "USD" | "MU" | "COUNT">>;
export type FigureKind = keyof typeof FIGURE_KINDS;
export const FIGURE_KIND_LIST = Object.keys(FIGURE_KINDS) as FigureKind[];

export const isMilestoneKind = (kind: CommitmentKind): kind is MilestoneKind => (MILESTONE_KINDS as readonly string[]).includes(kind);

/**
 * The thresholds' defaults, as a bureau expects them; the installation's own
 * values are set by admins (installation_setting, lib/data/settings.ts).
 */
export const MILESTONE_SETTINGS = {
  /** A milestone due within this many days is yellow. */
  warnDays: 30,
  /** Funds in place behind the promised schedule by more than this share turn yellow. */
  fundsBehindShare: 0.2,
} as const;
export type MilestoneSettings = { warnDays: number; fundsBehindShare: number };

export const MILESTONE_COLOURS = ["RED", "YELLOW", "GREEN"] as const;
export type MilestoneColour = (typeof MILESTONE_COLOURS)[number];

const DAY_MS = 86_400_000;
const dayNumber = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;

export type MilestoneFacts = {
  /** The promise in force (an amended deadline replaces the old one). */
  dueOn: string | null;
  reachedOn: string | null;
  /** How far funds in place trail the promised schedule (0.25 = 25% behind); absent when not known. */
  fundsBehind?: number | null;
};

/** The one colour rule (see the head of this file). */
export function milestoneColour(m: MilestoneFacts, today: string, settings: MilestoneSettings = MILESTONE_SETTINGS): MilestoneColour {
  if (m.reachedOn) return "GREEN";
  if (m.dueOn) {
    const daysLeft = dayNumber(m.dueOn) - dayNumber(today);
    if (daysLeft < 0) return "RED";
    if (daysLeft <= settings.warnDays) return "YELLOW";
  }
  if (m.fundsBehind != null && m.fundsBehind > settings.fundsBehindShare) return "YELLOW";
  return "GREEN";
}

/**
 * How far funds in place trail a promised investment due on `dueOn`: the share
 * of the promise expected by today (straight line from the signing to the due
 * date) minus the share in place. Null when there is no schedule to trail.
 */
export function fundsBehindSchedule(p: { promised: number; inPlace: number; signedOn: string; dueOn: string | null }, today: string): number | null {
  if (!p.dueOn || p.promised <= 0) return null;
  const span = dayNumber(p.dueOn) - dayNumber(p.signedOn);
  const elapsed = dayNumber(today) - dayNumber(p.signedOn);
  const expected = span <= 0 ? 1 : Math.min(1, Math.max(0, elapsed / span));
  return expected - p.inPlace / p.promised;
}

/** Red first, then yellow, then green: how lists order milestones. */
export const colourRank = (c: MilestoneColour) => MILESTONE_COLOURS.indexOf(c);

/**
 * A project's colour (the list's and board's badge and `colour` filter): its
 * worst milestone colour — red if any milestone is red, else yellow if any is
 * yellow, else green. Null for a project without a milestone plan (no colour
 * on any milestone, e.g. not signed). Its SQL form: projectColourSql in
 * lib/data/sql-rules.ts.
 */
export function projectColour(colours: readonly (MilestoneColour | null)[]): MilestoneColour | null {
  const known = colours.filter((c): c is MilestoneColour => c !== null);
  if (known.length === 0) return null;
  return known.reduce((worst, c) => (colourRank(c) < colourRank(worst) ? c : worst));
}

/** The figures an officer reports (the investments are read from funds in place instead). */
export const REPORTED_FIGURE_KINDS = ["FIXED_ASSET", "LAND", "JOBS", "ANNUAL_OUTPUT", "ANNUAL_TAX"] as const satisfies readonly FigureKind[];
export type ReportedFigureKind = (typeof REPORTED_FIGURE_KINDS)[number];
export type YearOfReports = { year: number; values: Partial<Record<ReportedFigureKind, number>> };

/**
 * The reported figures per year (the year of the day reported): for each year
 * with a report, each figure's latest report in that year — output and tax
 * are annual figures, so a year's last report is that year's. Newest year first.
 * Milestones reached (no value) are not figures and are left out.
 */
export function reportedByYear(actuals: readonly { kind: CommitmentKind; value: string | number | null; reportedOn: string }[]): YearOfReports[] {
  const latest = new Map<number, Map<ReportedFigureKind, { on: string; value: number }>>();
  for (const a of actuals) {
    if (a.value === null || !(REPORTED_FIGURE_KINDS as readonly string[]).includes(a.kind)) continue;
    const year = Number(a.reportedOn.slice(0, 4));
    const kinds = latest.get(year) ?? new Map();
    latest.set(year, kinds);
    const seen = kinds.get(a.kind as ReportedFigureKind);
    if (!seen || seen.on <= a.reportedOn) kinds.set(a.kind as ReportedFigureKind, { on: a.reportedOn, value: Number(a.value) });
  }
  return [...latest.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, kinds]) => ({ year, values: Object.fromEntries([...kinds.entries()].map(([k, v]) => [k, v.value])) }));
}

export type PerMu = { promised: { output: number | null; tax: number | null }; years: { year: number; output: number | null; tax: number | null }[] };

/**
 * 亩均产出 and 亩均税收: output and tax per 亩 of the land promised (the promise
 * in force). Promised: the annual output or tax promised at full production ÷
 * land; per year: that year's reported output or tax (reportedByYear) ÷ the
 * same land. Null without land (none promised, or 0); a ratio is null when its
 * figure is missing.
 */
export function perMu(promises: { landMu: string | number | null; promisedOutput: string | number | null; promisedTax: string | number | null }, years: readonly YearOfReports[]): PerMu | null {
  const land = promises.landMu === null ? 0 : Number(promises.landMu);
  if (!(land > 0)) return null;
  const per = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v) / land);
  return {
    promised: { output: per(promises.promisedOutput), tax: per(promises.promisedTax) },
    years: years.map((y) => ({ year: y.year, output: per(y.values.ANNUAL_OUTPUT), tax: per(y.values.ANNUAL_TAX) })),
  };
}
