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
import { projectScopeSql, projectSearchSql, projectWhereSql } from "@/lib/data/sql-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { todayDate } from "@/lib/validation/fields";
import { isOverdue } from "@/lib/data/sql-rules";
import { PROJECT_PAGE_SIZE } from "@/lib/validation/project";
import { narrowsList, type ProjectFilter } from "@/lib/domain/project-filter";

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
};

export async function listProjects(db: Db, user: Actor, query: ProjectFilter, now = new Date()) {
  const today = todayDate(now);
  const where = await projectWhereSql(db, user, query, today);
  const page = query.page ?? 1;
  // Filtered, the matching set is small and read once for the page and the
  // total (a window count). Unfiltered, the page comes off the sort's index
  // and the total from its own count: a window count would read every row.
  const windowed = narrowsList(query);
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
             s.name_zh AS sector_zh, s.name_en AS sector_en, pg.total
        FROM (SELECT p.id ${windowed ? Prisma.sql`, COUNT(*) OVER ()::int AS total` : Prisma.sql`, NULL::int AS total`}
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
  const count = async () => (await db.$queryRaw<{ total: number }[]>`SELECT COUNT(*)::int AS total FROM project p WHERE ${where}`)[0].total;
  const [rows, counted] = await Promise.all([db.$queryRaw<(Row & { total: number | null })[]>(pageSql), windowed ? null : count()]);
  // A page past the end has no row to carry the window count.
  const total = counted ?? (rows.length > 0 ? rows[0].total! : page > 1 ? await count() : 0);
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
      }),
    ),
    total,
    page,
    pageSize: PROJECT_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
  };
}

/** Projects in scope that may serve as an anchor (the forms' picker): title or investor contains `q`; the 20 largest. */
export async function searchAnchorProjects(db: Db, user: Actor, q: string, excludeId?: number) {
  if (!q) return [];
  const exclude = excludeId ? Prisma.sql`AND p.id <> ${excludeId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number; title: string; name_zh: string; name_en: string | null }[]>`
    SELECT p.id, p.title, c.name_zh, c.name_en
      FROM project p JOIN company c ON c.id = p.company_id
     WHERE ${projectScopeSql(user, "p")} AND ${await projectSearchSql(db, q)} ${exclude}
     ORDER BY p.planned_investment_cny DESC NULLS LAST, p.id DESC
     LIMIT 20`;
  return rows.map((r) => ({ id: r.id, title: r.title, company: { nameZh: r.name_zh, nameEn: r.name_en } }));
}
