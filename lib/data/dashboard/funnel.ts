import "server-only";
/**
 * Conversion funnel, from the stage_change history.
 *
 * - reached(S): projects that, in the period, moved into S or a later forward
 *   stage (FIRST_CONTACT < INTENT < NEGOTIATION < SIGNED < CONSTRUCTION <
 *   OPERATING): a project that skipped a stage still passed it, and a project
 *   that moved back and forward again counts once, at the furthest stage.
 * - entered(S): the cohort — projects with a move INTO S in the period
 *   (a revival or a move back into S counts; each project once).
 * - converted(S): of that cohort, those that later (by now, period end or not)
 *   moved into a forward stage past S. rate = converted / entered.
 * - onHold / lost: projects moved into ON_HOLD / LOST in the period.
 * - medianDaysToSign, medianRoundsToSign: over the projects SIGNED in the
 *   period (see sql-rules.ts): days from first_contact_on to the first contract's
 *   signed_on; rounds held on or before that day.
 * - medianDaysToStart: over the projects whose FIRST construction start is in
 *   the period: days from their first contract's signed_on to started_on.
 *
 * A month, quarter or year is read from the summaries kept by triggers (migration 20261204090000_funnel_summary: a
 * few hundred rows a period, whatever the number of projects); a custom period is counted from its stage changes.
 * funnel-summary.int.test.ts checks the two agree after every kind of write.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { FORWARD_STAGES, STAGES, type ForwardStage } from "@/lib/domain/stages";
import { dayStart, type PeriodKind } from "@/lib/domain/period";
import { firstStartsSql, narrowsBelowUnit, projectFilterSql, projectsInViewJoinSql } from "@/lib/data/sql-rules";
import { type Actor, signedInPeriodSql } from "./sql";

export type FunnelRow = { stage: ForwardStage; reached: number; entered: number; converted: number; rate: number | null };
export type Funnel = {
  stages: FunnelRow[];
  onHold: number;
  lost: number;
  signed: number;
  started: number;
  medianDaysToSign: number | null;
  medianRoundsToSign: number | null;
  medianDaysToStart: number | null;
};

/** The calendar periods the funnel's summaries keep (migration 20261204090000_funnel_summary), by their length in months. */
const SUMMARY_MONTHS: Partial<Record<PeriodKind, number>> = { month: 1, quarter: 3, year: 12 };

type StageCounts = { stage: string; reached: number; entered: number; converted: number };

/**
 * A month, quarter or year from the summaries: per unit and slot when no owner, sector or chain filter narrows (about
 * units × 8 × 8 rows, whatever the number of projects), else per unit, owner, sector and chain.
 */
function summedSql(user: Actor, filters: DashboardFilters, months: number): Prisma.Sql {
  const table = narrowsBelowUnit(filters) ? Prisma.sql`funnel_summary` : Prisma.sql`funnel_unit_summary`;
  return Prisma.sql`
    SELECT s.stage::text AS stage, SUM(s.reached)::int AS reached, SUM(s.entered)::int AS entered, SUM(s.converted)::int AS converted
      FROM ${table} s
     WHERE s.months = ${months}::smallint AND s.starts_on = ${filters.period.from}::date AND ${projectFilterSql(user, filters, { alias: "s" })}
     GROUP BY s.stage`;
}

/** Any period (a custom one) counted from its stage changes: what the summaries keep, for one period. */
function countedSql(user: Actor, filters: DashboardFilters): Prisma.Sql {
  const { from, to } = filters.period;
  const projectJoin = projectsInViewJoinSql(user, filters, Prisma.sql`sc.project_id`);
  return Prisma.sql`
    WITH ch AS (
      SELECT sc.id, sc.project_id, sc.to_stage::text AS to_stage, sc.changed_at, funnel_stage_rank(sc.to_stage) AS rank
        FROM stage_change sc ${projectJoin}
       WHERE sc.changed_at >= ${dayStart(from)} AND sc.changed_at < ${dayStart(to)}
    ), best AS (
      SELECT project_id, MAX(rank) AS rank FROM ch GROUP BY project_id
    ), entry AS (
      SELECT DISTINCT ON (project_id, to_stage) project_id, to_stage, rank, changed_at, id
        FROM ch ORDER BY project_id, to_stage, changed_at, id
    ), conv AS (
      SELECT e.to_stage, COUNT(*)::int AS entered,
             COUNT(*) FILTER (WHERE e.rank > 0 AND EXISTS (
               SELECT 1 FROM stage_change n
                WHERE n.project_id = e.project_id AND funnel_stage_rank(n.to_stage) > e.rank
                  AND (n.changed_at > e.changed_at OR (n.changed_at = e.changed_at AND n.id > e.id))))::int AS converted
        FROM entry e GROUP BY e.to_stage
    ), reach AS (
      SELECT s.ord::int AS ord, COALESCE(SUM(h.n) FILTER (WHERE h.rank >= s.ord), 0)::int AS reached
        FROM generate_series(1, ${FORWARD_STAGES.length}) s(ord) CROSS JOIN (SELECT rank, COUNT(*) AS n FROM best GROUP BY rank) h GROUP BY s.ord
    )
    SELECT st.stage, COALESCE(r.reached, 0) AS reached, COALESCE(c.entered, 0) AS entered, COALESCE(c.converted, 0) AS converted
      FROM unnest(${[...STAGES]}::text[]) WITH ORDINALITY st(stage, ord)
      LEFT JOIN reach r ON r.ord = st.ord
      LEFT JOIN conv c ON c.to_stage = st.stage`;
}

/** The funnel's stages; `counted` asks the stage changes even for a calendar period (the summaries' tests). */
export async function funnelStages(db: Db, user: Actor, filters: DashboardFilters, { counted = false } = {}) {
  const months = SUMMARY_MONTHS[filters.period.kind];
  const rows = await db.$queryRaw<StageCounts[]>(months && !counted ? summedSql(user, filters, months) : countedSql(user, filters));
  const by = new Map(rows.map((r) => [r.stage, r]));
  const of = (stage: string) => by.get(stage) ?? { reached: 0, entered: 0, converted: 0 };
  return {
    stages: FORWARD_STAGES.map((stage): FunnelRow => {
      const r = of(stage);
      return { stage, reached: r.reached, entered: r.entered, converted: r.converted, rate: r.entered ? r.converted / r.entered : null };
    }),
    onHold: of("ON_HOLD").entered,
    lost: of("LOST").entered,
  };
}

export async function funnelDurations(db: Db, user: Actor, filters: DashboardFilters) {
  const [row] = await db.$queryRaw<
    { signed: number; started: number; days_to_sign: number | null; rounds_to_sign: number | null; days_to_start: number | null }[]
  >`
    WITH sr AS (
      -- The rounds held on or before the signing are kept beside it (counted_signing.rounds_to_sign).
      SELECT s.signed_on - s.first_contact_on AS days, s.rounds_to_sign AS rounds
        FROM (${signedInPeriodSql(user, filters, [filters.period], { roundsToSign: true })}) s
    ), st AS (
      SELECT fs.started_on - fk.signed_on AS days
        FROM (${firstStartsSql([filters.period])}) fs
        ${projectsInViewJoinSql(user, filters, Prisma.sql`fs.project_id`)}
        JOIN LATERAL (SELECT k.signed_on FROM contract k WHERE k.project_id = fs.project_id ORDER BY k.signed_on, k.id LIMIT 1) fk ON TRUE
    )
    SELECT (SELECT COUNT(*) FROM sr)::int AS signed,
           (SELECT COUNT(*) FROM st)::int AS started,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM sr)::float8 AS days_to_sign,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY rounds) FROM sr)::float8 AS rounds_to_sign,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM st)::float8 AS days_to_start`;
  return {
    signed: row.signed,
    started: row.started,
    medianDaysToSign: row.days_to_sign,
    medianRoundsToSign: row.rounds_to_sign,
    medianDaysToStart: row.days_to_start,
  };
}

/** The funnel from its two reads: the stages (stage changes) and the durations (which read rounds; the dashboard caches them apart). */
export function funnelOf(stages: Awaited<ReturnType<typeof funnelStages>>, durations: Awaited<ReturnType<typeof funnelDurations>>): Funnel {
  return { ...stages, ...durations };
}

export async function getFunnel(db: Db, user: Actor, filters: DashboardFilters): Promise<Funnel> {
  const [stages, durations] = await Promise.all([funnelStages(db, user, filters), funnelDurations(db, user, filters)]);
  return funnelOf(stages, durations);
}
