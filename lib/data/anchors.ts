import "server-only";
/**
 * Anchor projects across unit lines (the rule: lib/data/chain.ts isAnchorSql).
 *
 * - The anchor picker finds, by title, any project in the user's scope (as
 *   before) and any anchor project of the city. Of an anchor outside the scope
 *   it returns the id, the title and the unit's name, nothing else.
 * - A link (project.anchor_project_id) may name a project in scope or an
 *   anchor project anywhere; anything else is "not found" for the user.
 * - An anchor's chain is counted and valued city-wide; a chain project outside
 *   the user's scope is named only by its unit and stage.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { projectScopeSql, projectSearchSql, titleContainsSql } from "@/lib/data/sql-rules";
import { isAnchorSql } from "@/lib/data/chain";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;
type Query = Pick<Prisma.TransactionClient, "$queryRaw">;

export type AnchorHit = {
  id: number;
  title: string;
  unit: { nameZh: string; nameEn: string };
  /** null: the anchor is outside the user's scope (only its title and unit are shown). */
  company: { nameZh: string; nameEn: string | null } | null;
};

/**
 * The anchor picker: projects in scope by title or investor (the project
 * search), and anchor projects outside the scope by title only, biggest first.
 */
export async function searchAnchorProjects(db: Db, user: Actor, q: string, excludeId?: number): Promise<AnchorHit[]> {
  if (!q) return [];
  const exclude = excludeId ? Prisma.sql`AND p.id <> ${excludeId}` : Prisma.empty;
  const inScope = projectScopeSql(user, "p");
  const rows = await db.$queryRaw<{ id: number; title: string; unit_zh: string; unit_en: string; in_scope: boolean; name_zh: string | null; name_en: string | null }[]>`
    SELECT p.id, p.title, u.name_zh AS unit_zh, u.name_en AS unit_en, ${inScope} AS in_scope,
           CASE WHEN ${inScope} THEN c.name_zh END AS name_zh, CASE WHEN ${inScope} THEN c.name_en END AS name_en
      FROM project p JOIN company c ON c.id = p.company_id JOIN unit u ON u.id = p.unit_id
     WHERE ((${inScope} AND ${await projectSearchSql(db, q)})
            OR (NOT (${inScope}) AND ${titleContainsSql(q)} AND ${isAnchorSql("p")})) ${exclude}
     ORDER BY p.planned_investment_cny DESC NULLS LAST, p.id DESC
     LIMIT 20`;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    unit: { nameZh: r.unit_zh, nameEn: r.unit_en },
    company: r.in_scope ? { nameZh: r.name_zh!, nameEn: r.name_en } : null,
  }));
}

/** Whether `user` may name project `id` as an anchor: it is in their scope, or it is an anchor project. */
export async function isLinkableAnchor(tx: Query, user: Actor, id: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM project p WHERE p.id = ${id} AND (${projectScopeSql(user, "p")} OR ${isAnchorSql("p")})`;
  return rows.length > 0;
}

/** An anchor named by a project the user sees: title and unit for anyone (anchor titles are not secret), the rest in scope only. */
export type AnchorOf = {
  title: string;
  unit: { nameZh: string; nameEn: string };
  /** null: outside the user's scope (no link, no stage). */
  visible: { id: number; stage: Stage; companyNameZh: string; companyNameEn: string | null } | null;
};

/** A chain project: in scope with its details, outside only its unit and stage. */
export type ChainProject =
  | { inScope: true; id: number; title: string; stage: Stage; plannedInvestmentCny: string | null; companyNameZh: string; companyNameEn: string | null; unit: { nameZh: string; nameEn: string } }
  | { inScope: false; stage: Stage; unit: { nameZh: string; nameEn: string } };

export type Chain = {
  /** Every project the anchor drew, city-wide. */
  count: number;
  /** Their planned investment (yuan), city-wide; null when none has one. */
  plannedInvestmentCny: string | null;
  /** In scope first (by first contact), then the others by unit and stage. */
  projects: ChainProject[];
};

type ChainRow = {
  in_scope: boolean;
  id: number | null;
  title: string | null;
  stage: Stage;
  planned: string | null;
  company_zh: string | null;
  company_en: string | null;
  unit_zh: string;
  unit_en: string;
  total_count: number;
  total_planned: string | null;
};

/**
 * The chain of anchor `anchorId` (the caller has checked the anchor is in
 * scope), in one statement: the rows, and the city-wide count and sum as
 * window aggregates over all of them. Fields of an out-of-scope project other
 * than unit and stage never leave the database.
 */
export async function getChain(db: Db, user: Actor, anchorId: number): Promise<Chain> {
  const inScope = projectScopeSql(user, "d");
  const rows = await db.$queryRaw<ChainRow[]>`
    SELECT ${inScope} AS in_scope,
           CASE WHEN ${inScope} THEN d.id END AS id,
           CASE WHEN ${inScope} THEN d.title END AS title,
           d.stage,
           CASE WHEN ${inScope} THEN d.planned_investment_cny::text END AS planned,
           CASE WHEN ${inScope} THEN c.name_zh END AS company_zh,
           CASE WHEN ${inScope} THEN c.name_en END AS company_en,
           u.name_zh AS unit_zh, u.name_en AS unit_en,
           COUNT(*) OVER ()::int AS total_count,
           (SUM(d.planned_investment_cny) OVER ())::text AS total_planned
      FROM project d JOIN company c ON c.id = d.company_id JOIN unit u ON u.id = d.unit_id
     WHERE d.anchor_project_id = ${anchorId}
     ORDER BY in_scope DESC,
              CASE WHEN ${inScope} THEN d.first_contact_on END, CASE WHEN ${inScope} THEN d.id END,
              u.code, d.stage`;
  return {
    count: rows[0]?.total_count ?? 0,
    plannedInvestmentCny: rows[0]?.total_planned ?? null,
    projects: rows.map((r): ChainProject => {
      const unit = { nameZh: r.unit_zh, nameEn: r.unit_en };
      return r.in_scope
        ? { inScope: true, id: r.id!, title: r.title!, stage: r.stage, plannedInvestmentCny: r.planned, companyNameZh: r.company_zh!, companyNameEn: r.company_en, unit }
        : { inScope: false, stage: r.stage, unit };
    }),
  };
}
