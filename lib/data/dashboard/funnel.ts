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
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { FORWARD_STAGES, STAGES, type ForwardStage } from "@/lib/domain/stages";
import { dayStart } from "@/lib/domain/period";
import { firstStartsSql, projectsInViewJoinSql } from "@/lib/data/sql-rules";
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

/**
 * A stage's place on the journey (1 = FIRST_CONTACT), 0 off it: a CASE over the enum, written out from FORWARD_STAGES
 * (no cast to text and no array search for each of a year's stage changes).
 */
const rank = (col: Prisma.Sql) =>
  Prisma.sql`(CASE ${col} ${Prisma.join(FORWARD_STAGES.map((stage, i) => Prisma.sql`WHEN ${Prisma.raw(`'${stage}'`)}::"Stage" THEN ${Prisma.raw(String(i + 1))}`), " ")} ELSE 0 END)`;

export async function funnelStages(db: Db, user: Actor, filters: DashboardFilters) {
  const { from, to } = filters.period;
  const projectJoin = projectsInViewJoinSql(user, filters, Prisma.sql`sc.project_id`);
  const rows = await db.$queryRaw<{ stage: string; reached: number; entered: number; converted: number }[]>`
    WITH ch AS (
      SELECT sc.id, sc.project_id, sc.to_stage::text AS to_stage, sc.changed_at, ${rank(Prisma.sql`sc.to_stage`)} AS rank
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
                WHERE n.project_id = e.project_id AND ${rank(Prisma.sql`n.to_stage`)} > e.rank
                  AND (n.changed_at > e.changed_at OR (n.changed_at = e.changed_at AND n.id > e.id))))::int AS converted
        FROM entry e GROUP BY e.to_stage
    ), reach AS (
      SELECT s.ord::int AS ord, COALESCE(SUM(h.n) FILTER (WHERE h.rank >= s.ord), 0)::int AS reached
        FROM generate_series(1, ${FORWARD_STAGES.length}) s(ord) CROSS JOIN (SELECT rank, COUNT(*) AS n FROM best GROUP BY rank) h GROUP BY s.ord
    )
    SELECT st.stage, COALESCE(r.reached, 0) AS reached, COALESCE(c.entered, 0) AS entered, COALESCE(c.converted, 0) AS converted
      FROM unnest(${[...STAGES]}::text[]) WITH ORDINALITY st(stage, ord)
      LEFT JOIN reach r ON r.ord = st.ord
      LEFT JOIN conv c ON c.to_stage = st.stage
     ORDER BY st.ord`;
  const by = new Map(rows.map((r) => [r.stage, r]));
  return {
    stages: FORWARD_STAGES.map((stage): FunnelRow => {
      const r = by.get(stage)!;
      return { stage, reached: r.reached, entered: r.entered, converted: r.converted, rate: r.entered ? r.converted / r.entered : null };
    }),
    onHold: by.get("ON_HOLD")?.entered ?? 0,
    lost: by.get("LOST")?.entered ?? 0,
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
