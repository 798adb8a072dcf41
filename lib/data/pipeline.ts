import "server-only";
/**
 * The pipeline board: one column per stage with its count and summed planned
 * investment (from project_stage_summary, kept by data_version), and the most recently
 * updated cards of each column (an index per scope reads them in order), so
 * the board stays fast with 100,000 projects.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";
import { scopeKey } from "@/lib/domain/scope";
import { toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";
import { highRiskSql, narrowsBelowUnit, projectColourSql, projectFilterSql } from "@/lib/data/sql-rules";
import type { MilestoneColour } from "@/lib/domain/milestones";
import { isoDay } from "@/lib/domain/period";
import { dataVersion, versionKey, VersionedCache, type DataVersion } from "@/lib/data/versioned-cache";
import { todayDate } from "@/lib/validation/fields";
import { daysBetween } from "@/lib/format/dates";
import { STAGES } from "@/lib/domain/stages";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/**
 * Cards per column: the most recently updated 25, as many as a page of the
 * project list; the column's "more" link opens the list for the rest. With 50
 * a city-wide board was half a megabyte of HTML and took most of a second to
 * render (bench data).
 */
export const DEFAULT_CARD_LIMIT = 25;

/** The board's project filter (a unit within the scope, an owner: "mine" is the user's id, a colour), and how it is read. */
export type PipelineFilters = Pick<Partial<ProjectFilter>, "unitId" | "ownerId" | "colour"> & {
  /** Cards per column (default DEFAULT_CARD_LIMIT). */
  cardLimit?: number;
  /** For tests: "now" (days in stage are counted to it). */
  now?: Date;
  /** data_version, when the caller has read it already (the board page reads it once for the board and its filter). */
  version?: DataVersion;
};

export type PipelineCard = {
  id: number;
  version: number;
  /** 项目编号 */
  number: string;
  title: string;
  companyNameZh: string;
  companyNameEn: string | null;
  /** Decimal string, yuan. */
  plannedInvestmentCny: string | null;
  ownerName: string;
  stage: Stage;
  stageEnteredAt: Date;
  daysInStage: number;
  lastRoundOn: Date | null;
  /** Its worst milestone colour today (projectColourSql); null without a milestone plan. */
  colour: MilestoneColour | null;
  /** Overdue by at least the high-risk days (highRiskSql): 高风险. */
  highRisk: boolean;
};

export type PipelineColumn = {
  stage: Stage;
  count: number;
  /** Summed planned investment, yuan, as a decimal string ("0" when none). */
  sumCny: string;
  cards: PipelineCard[];
  /** Projects in the column beyond the cards shown. */
  more: number;
};

/** The board's filter as a project filter: what its "more" links open on the list. */
export function boardFilter(filters: PipelineFilters): Partial<ProjectFilter> {
  return { unitId: filters.unitId, ownerId: filters.ownerId, colour: filters.colour };
}

function filterSql(user: Actor, filters: PipelineFilters): Prisma.Sql {
  return projectFilterSql(user, boardFilter(filters), { today: todayDate(filters.now) });
}

type Totals = Map<Stage, { count: number; sumCny: string }>;

/**
 * Column totals by data_version's records (lib/data/versioned-cache.ts): every change to
 * a project but its rounds and follow-ups moves it. A colour-filtered board reads every project in scope (~100 ms
 * on 100,000, bench data); the others read the summary, and the cards are a few index lookups.
 * Keyed by what the totals read: the scope and the filter (and the day, with a colour filter: colours move with the date).
 */
const totalsCache = new VersionedCache<Totals>(200);

/** Counts and sums per stage, in the user's scope and the filters. Shared between requests: callers must not change what they get. */
export async function pipelineTotals(db: Db, user: Actor, filters: PipelineFilters = {}): Promise<Totals> {
  const key = JSON.stringify([scopeKey(user), toSearchParams(boardFilter(filters)).toString(), filters.colour ? isoDay(todayDate(filters.now)) : null]);
  return totalsCache.get(key, versionKey(filters.version ?? (await dataVersion(db)), "records"), () => computeTotals(db, user, filters));
}

/**
 * Without a colour filter the totals are the projects per stage kept by triggers (per unit, slot and stage, or per
 * unit, owner, sector, chain and stage for an owner's board); a colour moves with the day and the milestones, so that
 * board counts its projects.
 */
async function computeTotals(db: Db, user: Actor, filters: PipelineFilters): Promise<Totals> {
  const rows = await db.$queryRaw<{ stage: Stage; count: number; sum_cny: string }[]>(
    filters.colour
      ? Prisma.sql`
    SELECT p.stage::text AS stage,
           COUNT(*)::int AS count,
           COALESCE(SUM(p.planned_investment_cny), 0)::text AS sum_cny
      FROM project p
     WHERE ${filterSql(user, filters)}
     GROUP BY p.stage`
      : Prisma.sql`
    SELECT s.stage::text AS stage,
           SUM(s.projects)::int AS count,
           CASE WHEN SUM(s.planned_cny_n) > 0 THEN SUM(s.planned_cny)::text ELSE '0' END AS sum_cny
      FROM ${narrowsBelowUnit(filters) ? Prisma.sql`project_stage_summary` : Prisma.sql`project_stage_unit_summary`} s
     WHERE ${projectFilterSql(user, boardFilter(filters), { alias: "s" })}
     GROUP BY s.stage HAVING SUM(s.projects) > 0`,
  );
  return new Map(rows.map((r) => [r.stage, { count: r.count, sumCny: r.sum_cny }]));
}

type CardRow = {
  id: number;
  version: number;
  number: string;
  title: string;
  planned: string | null;
  stage: Stage;
  stage_entered_at: Date;
  last_round_on: Date | null;
  company_zh: string;
  company_en: string | null;
  owner_name: string;
  colour: MilestoneColour | null;
  high_risk: boolean;
};

/**
 * The whole board: every stage's column with its totals and its most recently
 * updated cards. Cards come from one statement: per stage, a LATERAL subquery
 * that walks the updated_at index and stops at the limit.
 */
export async function getPipeline(db: Db, user: Actor, filters: PipelineFilters = {}): Promise<PipelineColumn[]> {
  const limit = Math.max(1, Math.min(filters.cardLimit ?? DEFAULT_CARD_LIMIT, 200));
  const today = todayDate(filters.now);
  const stages = Prisma.join(STAGES.map((stage) => Prisma.sql`${stage}::"Stage"`));
  const [totals, rows] = await Promise.all([
    pipelineTotals(db, user, filters),
    db.$queryRaw<CardRow[]>`
      SELECT c.* FROM unnest(ARRAY[${stages}]) AS s(stage)
      CROSS JOIN LATERAL (
        SELECT p.id, p.version, p.number, p.title, p.planned_investment_cny::text AS planned, p.stage::text AS stage,
               p.stage_entered_at, p.last_round_on, ${projectColourSql(today)} AS colour, ${highRiskSql(today)} AS high_risk,
               co.name_zh AS company_zh, co.name_en AS company_en, o.name AS owner_name
          FROM project p
          JOIN company co ON co.id = p.company_id
          JOIN app_user o ON o.id = p.owner_id
         WHERE p.stage = s.stage AND ${filterSql(user, filters)}
         ORDER BY p.updated_at DESC, p.id DESC
         LIMIT ${limit}
      ) c`,
  ]);

  const byStage = new Map<Stage, PipelineCard[]>(STAGES.map((stage) => [stage, []]));
  for (const r of rows) {
    byStage.get(r.stage)?.push({
      id: r.id,
      version: r.version,
      number: r.number,
      title: r.title,
      companyNameZh: r.company_zh,
      companyNameEn: r.company_en,
      plannedInvestmentCny: r.planned === null ? null : new Prisma.Decimal(r.planned).toString(),
      ownerName: r.owner_name,
      stage: r.stage,
      stageEnteredAt: r.stage_entered_at,
      daysInStage: Math.max(0, daysBetween(todayDate(r.stage_entered_at), today)),
      lastRoundOn: r.last_round_on,
      colour: r.colour,
      highRisk: r.high_risk,
    });
  }
  return STAGES.map((stage) => {
    const total = totals.get(stage) ?? { count: 0, sumCny: "0" };
    const cards = byStage.get(stage)!;
    return { stage, count: total.count, sumCny: total.sumCny, cards, more: Math.max(0, total.count - cards.length) };
  });
}
