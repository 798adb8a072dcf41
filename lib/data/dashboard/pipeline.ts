import "server-only";
/**
 * What may sign next: the open pipeline as of today, in the scope and
 * filters (the period does not narrow it: it is the stock of projects still
 * being worked, not a flow).
 * - byStage: projects now in INTENT and NEGOTIATION, with their planned
 *   investment in yuan and, separately, in US dollars.
 * - closest: the largest NEGOTIATION projects by planned yuan investment (the
 *   ones a manager asks about first), with their last round, rounds so far
 *   and next follow-up.
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { PIPELINE_STAGES } from "@/lib/domain/stages";
import { Prisma } from "@/lib/generated/prisma/client";
import { money, narrowsBelowUnit, projectFilterSql } from "@/lib/data/sql-rules";
import { type Actor } from "./sql";

export const CLOSEST_LIMIT = 10;

export type PipelineStageRow = { stage: (typeof PIPELINE_STAGES)[number]; count: number; plannedCny: string; plannedUsd: string };
export type PipelineProject = {
  id: number;
  title: string;
  companyZh: string;
  companyEn: string | null;
  ownerName: string;
  plannedCny: string | null;
  roundCount: number;
  lastRoundOn: Date | null;
  nextFollowUpOn: Date | null;
};
export type Pipeline = { byStage: PipelineStageRow[]; closest: PipelineProject[] };

type StageRow = { stage: string; count: number; cny: string | null; usd: string | null };

/**
 * Projects now in INTENT and NEGOTIATION with their planned amounts: no round changes them (data_version's records).
 * Read from the projects per stage kept by triggers: per unit, slot and stage unless an owner, sector or chain
 * narrows (units × 8 × 8 rows, whatever the number of projects); a sum over no amount is NULL, as SUM over the
 * projects would be.
 */
export async function pipelineByStage(db: Db, user: Actor, filters: DashboardFilters): Promise<PipelineStageRow[]> {
  const stages = await db.$queryRaw<StageRow[]>`
    SELECT s.stage::text AS stage, SUM(s.projects)::int AS count,
           CASE WHEN SUM(s.planned_cny_n) > 0 THEN SUM(s.planned_cny)::text END AS cny,
           CASE WHEN SUM(s.foreign_usd_n) > 0 THEN SUM(s.foreign_usd)::text END AS usd
      FROM ${narrowsBelowUnit(filters) ? Prisma.sql`project_stage_summary` : Prisma.sql`project_stage_unit_summary`} s
     WHERE s.stage = ANY(${[...PIPELINE_STAGES]}::"Stage"[]) AND ${projectFilterSql(user, filters, { alias: "s" })}
     GROUP BY s.stage`;
  const by = new Map(stages.map((s) => [s.stage, s]));
  return PIPELINE_STAGES.map((stage) => {
    const r = by.get(stage);
    return { stage, count: r?.count ?? 0, plannedCny: money(r?.cny), plannedUsd: money(r?.usd) };
  });
}

/** The largest NEGOTIATION projects with their last round, rounds so far and next follow-up: what a logged round changes. */
export async function pipelineClosest(db: Db, user: Actor, filters: DashboardFilters): Promise<PipelineProject[]> {
  const closest = await db.$queryRaw<
    { id: number; title: string; company_zh: string; company_en: string | null; owner_name: string; cny: string | null; round_count: number; last_round_on: Date | null; next_follow_up_on: Date | null }[]
  >`
    SELECT p.id, p.title, c.name_zh AS company_zh, c.name_en AS company_en, o.name AS owner_name,
           p.planned_investment_cny::text AS cny, p.round_count, p.last_round_on, p.next_follow_up_on
      FROM project p JOIN company c ON c.id = p.company_id JOIN app_user o ON o.id = p.owner_id
     WHERE p.stage = 'NEGOTIATION' AND ${projectFilterSql(user, filters)}
     ORDER BY p.planned_investment_cny DESC NULLS LAST, p.id
     LIMIT ${CLOSEST_LIMIT}`;
  return closest.map((r) => ({
    id: r.id,
    title: r.title,
    companyZh: r.company_zh,
    companyEn: r.company_en,
    ownerName: r.owner_name,
    plannedCny: r.cny,
    roundCount: r.round_count,
    lastRoundOn: r.last_round_on,
    nextFollowUpOn: r.next_follow_up_on,
  }));
}

export async function getPipeline(db: Db, user: Actor, filters: DashboardFilters): Promise<Pipeline> {
  const [byStage, closest] = await Promise.all([pipelineByStage(db, user, filters), pipelineClosest(db, user, filters)]);
  return { byStage, closest };
}
