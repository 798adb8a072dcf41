import "server-only";
/**
 * The project list: search, filters, sort and one page, always within the
 * user's scope.
 *
 * Hand-written SQL rather than Prisma's findMany: two statements (the page
 * and the count) on the project filter's SQL form (projectWhereSql in
 * lib/data/sql-rules.ts), the one the dashboard counts with. Prisma's `where`
 * could not say "first contract" and had to carry an id list; and each
 * findMany is compiled afresh on every request, which on the list page cost
 * more than the database (bench/results.md).
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { boundedCountSql, COUNT_CAP, highRiskSql, projectColourSql, projectWhereSql } from "@/lib/data/sql-rules";
import type { MilestoneColour } from "@/lib/domain/milestones";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { todayDate } from "@/lib/validation/fields";
import { isOverdue, projectNotRecognisedSql } from "@/lib/data/sql-rules";
import { PROJECT_PAGE_SIZE } from "@/lib/validation/project";
import type { ProjectFilter } from "@/lib/domain/project-filter";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

type Named = { nameZh: string; nameEn: string | null };

export type ProjectListRow = {
  id: number;
  /** 项目编号 */
  number: string;
  title: string;
  stage: Stage;
  stageEnteredAt: Date;
  plannedInvestmentCny: string | null;
  foreignInvestmentUsd: string | null;
  nextFollowUpOn: Date | null;
  lastRoundOn: Date | null;
  roundCount: number;
  updatedAt: Date;
  company: Named & { id: number };
  owner: { id: number; name: string };
  unit: Named;
  sector: Named | null;
  /** A follow-up date in the past on a project still in play. */
  overdue: boolean;
  /** Overdue by at least the high-risk days (highRiskSql): 高风险. */
  highRisk: boolean;
  /** Its worst milestone colour today (projectColourSql); null without a milestone plan. */
  colour: MilestoneColour | null;
  /** 不予认定 (count once): marked by hand or by the sector rule. */
  notRecognised: boolean;
};

/** ORDER BY for the chosen sort; the id last, so pages never overlap. */
function orderSql(query: ProjectFilter): Prisma.Sql {
  const dir = Prisma.raw((query.dir ?? (query.sort === "title" || query.sort === "followUp" || query.sort === "stage" ? "asc" : "desc")).toUpperCase());
  switch (query.sort) {
    case "amount":
      return Prisma.sql`p.planned_investment_cny ${dir} NULLS LAST, p.id DESC`;
    case "followUp":
      return Prisma.sql`p.next_follow_up_on ${dir} NULLS LAST, p.id DESC`;
    case "title":
      return Prisma.sql`p.title ${dir}, p.id DESC`;
    case "stage":
      // The enum's order is the journey's order.
      return Prisma.sql`p.stage ${dir}, p.stage_entered_at ASC, p.id DESC`;
    default:
      return Prisma.sql`p.updated_at ${dir}, p.id DESC`;
  }
}

type Row = {
  id: number;
  number: string;
  title: string;
  stage: Stage;
  stage_entered_at: Date;
  planned_investment_cny: string | null;
  foreign_investment_usd: string | null;
  next_follow_up_on: Date | null;
  last_round_on: Date | null;
  round_count: number;
  updated_at: Date;
  company_id: number;
  company_zh: string;
  company_en: string | null;
  owner_id: number;
  owner_name: string;
  unit_zh: string;
  unit_en: string | null;
  sector_zh: string | null;
  sector_en: string | null;
  colour: MilestoneColour | null;
  high_risk: boolean;
  not_recognised: boolean;
};

/**
 * A search counts its matches up to this many ("more than 1,000"), the other lists up to COUNT_CAP. A search's
 * matches are found by its grams, but each must then be read from the table to check the substring: counting
 * 10,000 of them cost 8× what counting 1,000 does (about 0.8 s at 100k projects with 电池 in 12% of the titles),
 * and grew with the data; past 40 pages a number only says "many". A list without a search counts from an index
 * alone and keeps COUNT_CAP.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** How far the list counts its matches (listProjects): SEARCH_COUNT_CAP for a search, COUNT_CAP otherwise. */
export const listCountCap = (query: Pick<ProjectFilter, "q">) => (query.q ? SEARCH_COUNT_CAP : COUNT_CAP);

export async function listProjects(db: Db, user: Actor, query: ProjectFilter, now = new Date(), countCap = listCountCap(query)) {
  const today = todayDate(now);
  const where = await projectWhereSql(db, user, query, today);
  const page = query.page ?? 1;
  // The page's ids are found on `project` alone, then only those 25 rows are
  // joined to their company, owner, unit and sector (a join per matching row
  // made a filtered list several times slower).
  const order = orderSql(query);
  const pageSql = Prisma.sql`
      SELECT p.id, p.number, p.title, p.stage::text AS stage, p.stage_entered_at,
             p.planned_investment_cny::text AS planned_investment_cny, p.foreign_investment_usd::text AS foreign_investment_usd,
             p.next_follow_up_on, p.last_round_on, p.round_count, p.updated_at,
             c.id AS company_id, c.name_zh AS company_zh, c.name_en AS company_en,
             o.id AS owner_id, o.name AS owner_name, u.name_zh AS unit_zh, u.name_en AS unit_en,
             s.name_zh AS sector_zh, s.name_en AS sector_en, ${projectColourSql(today)} AS colour, ${highRiskSql(today)} AS high_risk, ${projectNotRecognisedSql("p")} AS not_recognised
        FROM (SELECT p.id
                FROM project p
               WHERE ${where}
               ORDER BY ${order}
               LIMIT ${PROJECT_PAGE_SIZE} OFFSET ${(page - 1) * PROJECT_PAGE_SIZE}) pg
        JOIN project p ON p.id = pg.id
        JOIN company c ON c.id = p.company_id
        JOIN app_user o ON o.id = p.owner_id
        JOIN unit u ON u.id = p.unit_id
        LEFT JOIN reference_item s ON s.id = p.sector_id
       ORDER BY ${order}`;
  const countSql = Prisma.sql`SELECT ${boundedCountSql(where, countCap)} AS total`;
  const [rows, [{ total: counted }]] = await Promise.all([db.$queryRaw<Row[]>(pageSql), db.$queryRaw<{ total: number }[]>(countSql)]);
  const capped = counted > countCap;
  const total = Math.min(counted, countCap);
  const pageCount = Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE));
  return {
    rows: rows.map(
      (r): ProjectListRow => ({
        id: r.id,
        number: r.number,
        title: r.title,
        stage: r.stage,
        stageEnteredAt: r.stage_entered_at,
        plannedInvestmentCny: r.planned_investment_cny,
        foreignInvestmentUsd: r.foreign_investment_usd,
        nextFollowUpOn: r.next_follow_up_on,
        lastRoundOn: r.last_round_on,
        roundCount: r.round_count,
        updatedAt: r.updated_at,
        company: { id: r.company_id, nameZh: r.company_zh, nameEn: r.company_en },
        owner: { id: r.owner_id, name: r.owner_name },
        unit: { nameZh: r.unit_zh, nameEn: r.unit_en },
        sector: r.sector_zh === null ? null : { nameZh: r.sector_zh, nameEn: r.sector_en },
        overdue: isOverdue({ nextFollowUpOn: r.next_follow_up_on, stage: r.stage }, today),
        colour: r.colour,
        highRisk: r.high_risk,
        notRecognised: r.not_recognised,
      }),
    ),
    /** Exact, or the cap when `totalIsAtLeast`. */
    total,
    totalIsAtLeast: capped,
    page,
    pageSize: PROJECT_PAGE_SIZE,
    /** Pages of the counted matches; past the cap there may be more (`hasNextPage`). */
    pageCount,
    hasNextPage: page < pageCount || (capped && rows.length === PROJECT_PAGE_SIZE),
  };
}
