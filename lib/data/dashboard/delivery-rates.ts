import "server-only";
/**
 * The delivery rates (履约率, 开工率, 按期开工率, 投产率, 按期投产率,
 * 资金到位率, past a deadline), as lib/domain/delivery-rates.ts defines them,
 * for the period overall and per unit, and for each quarter of the period's
 * year (up to today) overall — the trend: the signed cohort's counts
 * (deliveryCohort), the milestones due (deliveryDue) and the figures promised
 * against reached (deliveryFigures) in a statement each, cached apart by the
 * dashboard (a contract changes the first and the last, a construction start
 * the first two), joined by deliveryRatesOf. The day a milestone was reached
 * is milestone_reached's, kept by triggers. The rules' SQL is
 * sql-rules.ts ("Delivery rates"), shared with the project list's `delivery`
 * filter, so each count opens exactly its projects.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { lastDay, quarterPeriod, type Period } from "@/lib/domain/period";
import { deliveryCutoff, ON_TIME_KINDS } from "@/lib/domain/delivery-rates";
import { dueBeforeSql, figuresPromisedSql, figuresReachedSql, fundReceivedBeforeSql, milestoneDueSql, milestoneMetSql, milestonePastDeadlineSql, milestoneReachedJoinSql, money, projectsInViewJoinSql } from "@/lib/data/sql-rules";
import { todayDate } from "@/lib/validation/fields";
import { FIGURE_KIND_LIST, type FigureKind } from "@/lib/domain/milestones";
import { type Actor, signedAmountsSql, signedInPeriodSql } from "./sql";

/** The counts behind the rates (amounts as decimal strings: yuan and US dollars apart). */
export type RateCounts = {
  /** Signed in the period, and of them: started, in production, with funds in place (per currency), by the cutoff. */
  signed: number;
  started: number;
  producing: number;
  fundedCny: number;
  fundedUsd: number;
  contractedCny: string;
  contractedUsd: string;
  fundsCny: string;
  fundsUsd: string;
  /** With a milestone due; of them all due met; with one past its deadline. */
  due: number;
  met: number;
  pastDue: number;
  startDue: number;
  startMet: number;
  productionDue: number;
  productionMet: number;
};
export type UnitRates = RateCounts & { id: number; nameZh: string; nameEn: string };
export type QuarterRates = RateCounts & { label: string; period: Period; cutoff: Date };
/**
 * Promised against actual for one figure, over the projects signed in the
 * period: those with a promise in force and its sum; of them, those with
 * something reached by the cutoff and its sum (yuan, US dollars, 亩 or jobs by
 * kind: FIGURE_KINDS; decimal strings).
 */
export type FigureTotal = { kind: FigureKind; promisedProjects: number; promised: string; reachedProjects: number; reached: string };
export type DeliveryRates = { cutoff: Date; overall: RateCounts; byUnit: UnitRates[]; trend: QuarterRates[]; figures: FigureTotal[] };

/** The quarters of the period's year (its last day's year) that have begun by today. */
export function trendQuarters(period: Period, today: Date): Period[] {
  const year = lastDay(period).getUTCFullYear();
  return [1, 2, 3, 4].map((q) => quarterPeriod(year, q)).filter((q) => q.from <= today);
}

type Row = {
  i: number;
  unit_id: number | null;
  name_zh: string | null;
  name_en: string | null;
  signed: number | null;
  started: number | null;
  producing: number | null;
  funded_cny: number | null;
  funded_usd: number | null;
  contracted_cny: string | null;
  contracted_usd: string | null;
  funds_cny: string | null;
  funds_usd: string | null;
  due: number | null;
  met: number | null;
  past_due: number | null;
  start_due: number | null;
  start_met: number | null;
  production_due: number | null;
  production_met: number | null;
};

const countsOf = (r: Row | undefined): RateCounts => ({
  signed: r?.signed ?? 0,
  started: r?.started ?? 0,
  producing: r?.producing ?? 0,
  fundedCny: r?.funded_cny ?? 0,
  fundedUsd: r?.funded_usd ?? 0,
  contractedCny: money(r?.contracted_cny),
  contractedUsd: money(r?.contracted_usd),
  fundsCny: money(r?.funds_cny),
  fundsUsd: money(r?.funds_usd),
  due: r?.due ?? 0,
  met: r?.met ?? 0,
  pastDue: r?.past_due ?? 0,
  startDue: r?.start_due ?? 0,
  startMet: r?.start_met ?? 0,
  productionDue: r?.production_due ?? 0,
  productionMet: r?.production_met ?? 0,
});

/** The periods the rates are read for (i = 0: the period itself; 1…: the trend's quarters) and each one's cutoff. */
function ratePeriods(filters: DashboardFilters, now: Date) {
  const today = todayDate(now);
  const quarters = trendQuarters(filters.period, today);
  const periods = [filters.period, ...quarters];
  const cutoffs = periods.map((p) => deliveryCutoff(p, today));
  return { today, quarters, periods, cutoffs, maxCutoff: cutoffs.reduce((a, b) => (a > b ? a : b)) };
}

const perSql = (periods: Period[], cutoffs: Date[]) =>
  Prisma.sql`SELECT * FROM unnest(${periods.map((_, i) => i)}::int[], ${periods.map((p) => p.from)}::date[], ${periods.map((p) => p.to)}::date[], ${cutoffs}::date[]) AS per(i, pfrom, pto, cut)`;
const reachedJoin = (alias: string, kind: string, projectId: string) =>
  milestoneReachedJoinSql(alias, Prisma.sql`${kind}::"CommitmentKind"`, Prisma.raw(projectId));

/** The cohort's half (what a contract changes): per period overall and (the period itself) per unit. */
export type DeliveryCohort = { rows: Row[]; quarters: Period[]; cutoffs: Date[] };
/** The milestones' half (no contract changes it: which projects have a milestone due, met, past its deadline). */
export type DeliveryDue = { rows: Row[] };

/**
 * Promised against reached for each figure, over the projects signed in the period (what a contract, a promise, an
 * actual or funds change; a construction start does not). Per signed project, its promised figures and what was
 * reached of them, each read in one index range of the project's rows (not one lookup per figure kind and project:
 * 7 × 5.6k probes of commitment at 100k).
 */
export async function deliveryFigures(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<FigureTotal[]> {
  const { cutoffs } = ratePeriods(filters, now);
  const figures = await db.$queryRaw<{ kind: FigureKind; promised_projects: number; promised: string | null; reached_projects: number; reached: string | null }[]>`
    SELECT v.kind, COUNT(*)::int AS promised_projects, SUM(v.promised)::text AS promised,
           COUNT(v.reached)::int AS reached_projects, SUM(v.reached)::text AS reached
      FROM (${signedAmountsSql(user, filters)}) s
      CROSS JOIN LATERAL (
        SELECT fp.kind, fp.value AS promised, fr.value AS reached
          FROM (${figuresPromisedSql(Prisma.sql`s.project_id`)}) fp
          LEFT JOIN (${figuresReachedSql(Prisma.sql`${cutoffs[0]}::date`, Prisma.sql`s.project_id`)}) fr ON fr.kind = fp.kind) v
     WHERE v.kind = ANY(${FIGURE_KIND_LIST}::"CommitmentKind"[])
     GROUP BY v.kind`;
  return FIGURE_KIND_LIST.map((kind) => {
    const f = figures.find((x) => x.kind === kind);
    return { kind, promisedProjects: f?.promised_projects ?? 0, promised: money(f?.promised), reachedProjects: f?.reached_projects ?? 0, reached: money(f?.reached) };
  });
}

/**
 * The projects signed in each period and what they did by its cutoff (started, producing, funds in place): the
 * rates' counts of signings.
 */
export async function deliveryCohort(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<DeliveryCohort> {
  const { quarters, periods, cutoffs } = ratePeriods(filters, now);
  const rows = await db.$queryRaw<Row[]>`
    WITH per AS (${perSql(periods, cutoffs)}),
    s AS MATERIALIZED (${signedInPeriodSql(user, filters, periods)}),
    -- When each project started and began producing, asked once per project (a project signed in the year is in one
    -- of its quarters too), then compared with each period's cutoff.
    r AS MATERIALIZED (
      SELECT d.project_id, st.reached_on AS started_on, pr.reached_on AS producing_on
        FROM (SELECT DISTINCT s.project_id FROM s) d
        ${reachedJoin("st", "CONSTRUCTION_START", "d.project_id")}
        ${reachedJoin("pr", "PRODUCTION", "d.project_id")}
    ),
    pairs AS MATERIALIZED (
      SELECT per.i, per.cut, s.project_id, s.unit_id, s.cny, s.usd,
             r.started_on < per.cut AS started, r.producing_on < per.cut AS producing
        FROM s JOIN r ON r.project_id = s.project_id
        JOIN per ON s.signed_on >= per.pfrom AND s.signed_on < per.pto
    ),
    -- Each (period, project)'s funds before the period's cutoff, per currency, summed in one join over the cohort's
    -- funds (not two index probes per pair: 67k at 300k projects).
    fx AS (
      SELECT pairs.i, pairs.project_id,
             SUM(f.amount) FILTER (WHERE f.currency = 'CNY') AS f_cny, SUM(f.amount) FILTER (WHERE f.currency = 'USD') AS f_usd
        FROM pairs JOIN funds_in_place f ON f.project_id = pairs.project_id AND ${fundReceivedBeforeSql(Prisma.sql`pairs.cut`)}
       GROUP BY pairs.i, pairs.project_id
    ),
    cohort AS (SELECT pairs.*, fx.f_cny, fx.f_usd FROM pairs LEFT JOIN fx ON fx.i = pairs.i AND fx.project_id = pairs.project_id),
    c AS (
      SELECT i, unit_id, GROUPING(unit_id) AS g, COUNT(*)::int AS signed,
             COUNT(*) FILTER (WHERE started)::int AS started, COUNT(*) FILTER (WHERE producing)::int AS producing,
             COUNT(f_cny)::int AS funded_cny, COUNT(f_usd)::int AS funded_usd,
             SUM(cny)::text AS contracted_cny, SUM(usd)::text AS contracted_usd, SUM(f_cny)::text AS funds_cny, SUM(f_usd)::text AS funds_usd
        FROM cohort GROUP BY GROUPING SETS ((i), (i, unit_id))
    )
    SELECT c.i, c.unit_id, u.name_zh, u.name_en,
           c.signed, c.started, c.producing, c.funded_cny, c.funded_usd, c.contracted_cny, c.contracted_usd, c.funds_cny, c.funds_usd
      FROM c LEFT JOIN unit u ON u.id = c.unit_id
     WHERE c.g = 1 OR c.i = 0`;
  return { rows, quarters, cutoffs };
}

/**
 * The projects with a milestone due by each period's cutoff: all due met, one past its deadline, start and production
 * on time. Each project's milestones are read once and folded into a row per project (the earliest due date of each
 * set, and a bit per period for past its deadline), then counted per period: the work grows with the milestones, not
 * with milestones × periods. At 300k projects the earlier form grouped 223k (period, project) pairs, spilled them to
 * disk and took 1.3 s; this one took 0.55 s asking each milestone's reached date by an index probe (137k), and
 * 0.35–0.45 s joining them from milestone_reached in one pass: what is left grows with the milestones due.
 */
export async function deliveryDue(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<DeliveryDue> {
  const { today, cutoffs, maxCutoff } = ratePeriods(filters, now);
  const met = milestoneMetSql(Prisma.sql`ms.reached_on`, "ms");
  const isKind = (kind: string) => Prisma.sql`ms.kind = ${kind}::"CommitmentKind"`;
  // The milestone carries its project's unit (commitment.unit_id, kept by triggers): the project is read only when
  // the scope or a filter narrows the projects.
  const projects = projectsInViewJoinSql(user, filters, Prisma.sql`m.project_id`, { today });
  // Past its deadline depends on the cutoff at both ends: one bit per period (bit i: period i), OR-ed per project.
  const pastDueBits = Prisma.join(
    cutoffs.map((day, i) => {
      const cut = Prisma.sql`${day}::date`;
      return Prisma.sql`(CASE WHEN ${dueBeforeSql(cut, Prisma.sql`ms.due_on`)} AND ${milestonePastDeadlineSql(cut, Prisma.sql`ms.reached_on`, "ms")} THEN ${1 << i} ELSE 0 END)`;
    }),
    " | ",
  );
  // Per unit and overall, one count per period (an array, index i: period i) of the projects `holds` is true of at its cutoff.
  const counts = (holds: (cut: Prisma.Sql, i: number) => Prisma.Sql) =>
    Prisma.sql`ARRAY[${Prisma.join(cutoffs.map((day, i) => Prisma.sql`COUNT(*) FILTER (WHERE ${holds(Prisma.sql`${day}::date`, i)})`))}]::int[]`;
  const dueBy = (column: string) => (cut: Prisma.Sql) => dueBeforeSql(cut, Prisma.sql`pj.${Prisma.raw(column)}`);
  const rows = await db.$queryRaw<Row[]>`
    WITH ms AS MATERIALIZED (
      -- (Materialised: each milestone's reached date is joined once, not once per use below.)
      SELECT m.project_id, m.unit_id, m.kind, m.due_on, mr.reached_on
        FROM commitment m ${projects} ${milestoneReachedJoinSql("mr", Prisma.sql`m.kind`, Prisma.sql`m.project_id`)}
       WHERE ${milestoneDueSql(Prisma.sql`${maxCutoff}::date`, "m")}
    ),
    -- Per project, the earliest due date of each set of its milestones (all, unmet, start, start met, …): the project
    -- has one of the set due by a cutoff exactly when the earliest is. Met or not does not depend on the cutoff.
    pj AS (
      SELECT MIN(ms.unit_id) AS unit_id, MIN(ms.due_on) AS first_due,
             MIN(ms.due_on) FILTER (WHERE NOT ${met}) AS first_unmet,
             MIN(ms.due_on) FILTER (WHERE ${isKind(ON_TIME_KINDS.start)}) AS first_start,
             MIN(ms.due_on) FILTER (WHERE ${isKind(ON_TIME_KINDS.start)} AND ${met}) AS first_start_met,
             MIN(ms.due_on) FILTER (WHERE ${isKind(ON_TIME_KINDS.production)}) AS first_production,
             MIN(ms.due_on) FILTER (WHERE ${isKind(ON_TIME_KINDS.production)} AND ${met}) AS first_production_met,
             bit_or(${pastDueBits}) AS past_due
        FROM ms GROUP BY ms.project_id
    ),
    d AS (
      SELECT pj.unit_id, GROUPING(pj.unit_id) AS g,
             ${counts(dueBy("first_due"))} AS due,
             -- All due met: one due, none of those due unmet.
             ${counts((cut) => Prisma.sql`${dueBy("first_due")(cut)} AND NOT COALESCE(${dueBy("first_unmet")(cut)}, FALSE)`)} AS met,
             ${counts((_, i) => Prisma.sql`(pj.past_due & ${1 << i}) <> 0`)} AS past_due,
             ${counts(dueBy("first_start"))} AS start_due, ${counts(dueBy("first_start_met"))} AS start_met,
             ${counts(dueBy("first_production"))} AS production_due, ${counts(dueBy("first_production_met"))} AS production_met
        FROM pj GROUP BY GROUPING SETS ((), (pj.unit_id))
    )
    SELECT (x.o - 1)::int AS i, d.unit_id, u.name_zh, u.name_en,
           x.due, x.met, x.past_due, x.start_due, x.start_met, x.production_due, x.production_met
      FROM d CROSS JOIN LATERAL unnest(d.due, d.met, d.past_due, d.start_due, d.start_met, d.production_due, d.production_met)
             WITH ORDINALITY x(due, met, past_due, start_due, start_met, production_due, production_met, o)
      LEFT JOIN unit u ON u.id = d.unit_id
     -- Per unit for the period itself, overall for each period; a period or unit with nothing due has no row.
     WHERE (d.g = 1 OR x.o = 1) AND x.due > 0`;
  return { rows };
}

/** The rates from their three parts (the dashboard caches them apart: a contract changes the cohort's and the figures). */
export function deliveryRatesOf(cohort: DeliveryCohort, due: DeliveryDue, figures: FigureTotal[]): DeliveryRates {
  const { quarters, cutoffs } = cohort;
  // One row per (period, unit or all), the two halves' columns side by side (a unit with signings and no milestone
  // due, or the reverse, has the other half's counts at zero).
  const key = (r: Row) => `${r.i}:${r.unit_id ?? ""}`;
  const merged = new Map<string, Row>();
  for (const r of [...cohort.rows, ...due.rows]) merged.set(key(r), { ...merged.get(key(r)), ...r, name_zh: r.name_zh ?? merged.get(key(r))?.name_zh ?? null });
  const rows = [...merged.values()];
  const total = (i: number) => rows.find((r) => r.i === i && r.unit_id === null);
  // By unit name, then id (as ORDER BY name_zh, unit_id under the databases' C collation: code point order).
  const byName = (a: Row, b: Row) => (a.name_zh === b.name_zh ? a.unit_id! - b.unit_id! : a.name_zh === null ? 1 : b.name_zh === null ? -1 : a.name_zh < b.name_zh ? -1 : 1);
  return {
    figures,
    cutoff: cutoffs[0],
    overall: countsOf(total(0)),
    byUnit: rows
      .filter((r) => r.i === 0 && r.unit_id !== null)
      .sort(byName)
      .map((r) => ({ id: r.unit_id!, nameZh: r.name_zh ?? "", nameEn: r.name_en ?? "", ...countsOf(r) })),
    trend: quarters.map((q, k) => ({ label: q.label, period: q, cutoff: cutoffs[k + 1], ...countsOf(total(k + 1)) })),
  };
}

export async function getDeliveryRates(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<DeliveryRates> {
  const [cohort, due, figures] = await Promise.all([deliveryCohort(db, user, filters, now), deliveryDue(db, user, filters, now), deliveryFigures(db, user, filters, now)]);
  return deliveryRatesOf(cohort, due, figures);
}
