import "server-only";
/**
 * The SQL forms of the domain's definitions, written once and used by every
 * hand-written query (lib/domain/ holds the rules themselves).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db";
import { seesAllUnits, type ScopeActor } from "@/lib/domain/scope";
import type { ProjectFilter } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import { containsPattern } from "@/lib/data/like";
import { FUNNEL_STAGES, dayStart, firstContractsSql, overdueSql, stalledSql } from "@/lib/data/dashboard/sql";

// ---------------------------------------------------------------------------
// Scope and filter
// ---------------------------------------------------------------------------

/** The project scope (lib/domain/scope.ts) as a Prisma `where` fragment. */
export function projectScope(user: ScopeActor): Prisma.ProjectWhereInput {
  return seesAllUnits(user) ? {} : { unitId: user.unitId };
}

/** The project scope as SQL on `project` aliased `alias`. */
export function projectScopeSql(user: ScopeActor, alias = "p"): Prisma.Sql {
  return seesAllUnits(user) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(`"${alias}"`)}.unit_id = ${user.unitId}`;
}

/** The filter's fields that narrow which projects count (not the search: projectWhereSql; not sort or page). */
type Narrowing = Partial<Omit<ProjectFilter, "q" | "sort" | "dir" | "page">>;

const DAY = 86_400_000;
/** Open ends of a date range: before and after any date a form accepts (1990–2100). */
const EARLIEST = new Date("1900-01-01T00:00:00Z");
const LATEST = new Date("2200-01-01T00:00:00Z");

/**
 * Whether scope and filter leave out any project. When they do not (an admin
 * or a city manager with no filter), an aggregate can skip its join to
 * `project`: on the large data set that join is a third of a dashboard section's time.
 */
export function narrowsProjects(user: ScopeActor, filter: Narrowing): boolean {
  return !seesAllUnits(user) || FILTER_KEYS.some((k) => filter[k] !== undefined);
}
const FILTER_KEYS = [
  "stage", "sectorId", "chainId", "unitId", "ownerId", "sourceId", "eventId", "minAmount", "maxAmount", "overdue", "stalled",
  "signedFrom", "signedTo", "minSignedCny", "startedFrom", "startedTo", "reached", "reachedFrom", "reachedTo", "countryCode",
] as const satisfies readonly (keyof Narrowing)[];

/**
 * Scope and filter as SQL on `project` aliased `alias` — every field but the
 * search, which needs a read first (projectWhereSql). `today` (default: now's
 * day in Asia/Shanghai) is what overdue and stalled are counted from. Only
 * the fields set are read, so an alias for a table holding just unit_id and
 * owner_id (round_day_summary) works for those two.
 */
export function projectFilterSql(user: ScopeActor, filter: Narrowing, { alias = "p", today }: { alias?: string; today?: Date } = {}): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const and: Prisma.Sql[] = [projectScopeSql(user, alias)];
  const f = filter;
  const day = () => today ?? todayDate();
  if (f.stage) and.push(Prisma.sql`${a}.stage = ${f.stage}::"Stage"`);
  if (f.sectorId !== undefined) and.push(Prisma.sql`${a}.sector_id = ${f.sectorId}`);
  if (f.chainId !== undefined) and.push(Prisma.sql`${a}.chain_id = ${f.chainId}`);
  if (f.unitId !== undefined) and.push(Prisma.sql`${a}.unit_id = ${f.unitId}`);
  if (f.ownerId !== undefined) and.push(Prisma.sql`${a}.owner_id = ${f.ownerId}`);
  if (f.sourceId !== undefined) and.push(Prisma.sql`${a}.source_id = ${f.sourceId}`);
  if (f.eventId !== undefined) and.push(Prisma.sql`${a}.event_id = ${f.eventId}`);
  if (f.minAmount !== undefined) and.push(Prisma.sql`${a}.planned_investment_cny >= ${String(f.minAmount)}::numeric`);
  if (f.maxAmount !== undefined) and.push(Prisma.sql`${a}.planned_investment_cny <= ${String(f.maxAmount)}::numeric`);
  if (f.overdue) and.push(overdueSql(day(), alias));
  if (f.stalled) and.push(stalledSql(new Date(day().getTime() - f.stalled * DAY), alias));
  if (f.signedFrom || f.signedTo || f.minSignedCny !== undefined) {
    // "Signed in the period": the FIRST contract, and its amount for the size bands.
    const period = { from: f.signedFrom ?? EARLIEST, to: f.signedTo ?? LATEST };
    const min = f.minSignedCny === undefined ? Prisma.empty : Prisma.sql`WHERE fc.cny >= ${String(f.minSignedCny)}::numeric`;
    and.push(Prisma.sql`${a}.id IN (SELECT fc.project_id FROM (${firstContractsSql([period])}) fc ${min})`);
  }
  if (f.startedFrom || f.startedTo) {
    // The FIRST construction start in the range.
    const from = f.startedFrom ?? EARLIEST;
    const to = f.startedTo ?? LATEST;
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM construction_start s WHERE s.project_id = ${a}.id AND s.started_on >= ${from}::date AND s.started_on < ${to}::date)
      AND NOT EXISTS (SELECT 1 FROM construction_start s WHERE s.project_id = ${a}.id AND s.started_on < ${from}::date)`);
  }
  if (f.reached) {
    // Stage changes are instants, placed on days in Asia/Shanghai (as the funnel counts them).
    const from = dayStart(f.reachedFrom ?? EARLIEST);
    const to = dayStart(f.reachedTo ?? LATEST);
    const forward: readonly Stage[] = FUNNEL_STAGES;
    const i = forward.indexOf(f.reached);
    const into = i < 0 ? [f.reached] : forward.slice(i);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM stage_change sc WHERE sc.project_id = ${a}.id AND sc.changed_at >= ${from} AND sc.changed_at < ${to}
      AND sc.to_stage = ANY(${into}::"Stage"[]))`);
  }
  if (f.countryCode) and.push(Prisma.sql`${a}.company_id IN (SELECT c.id FROM company c WHERE c.country_code = ${f.countryCode})`);
  return Prisma.join(and, " AND ");
}

/** A company search matching more companies than this filters by a subquery instead of an id list. */
const COMPANY_ID_LIST_MAX = 1000;

/**
 * Title or investor name contains the search, on `project` aliased p.
 * Matching companies are read first (trigram indexes), so the project side is
 * an index OR (title trigram ∪ company_id btree) rather than a filter run on every project.
 */
export async function projectSearchSql(db: Db, search: string): Promise<Prisma.Sql> {
  const pattern = containsPattern(search);
  const companyMatch = Prisma.sql`(c.name_zh ILIKE ${pattern} OR c.name_en ILIKE ${pattern})`;
  const companies = await db.$queryRaw<{ id: number }[]>`SELECT c.id FROM company c WHERE ${companyMatch} LIMIT ${COMPANY_ID_LIST_MAX + 1}`;
  const byCompany =
    companies.length > COMPANY_ID_LIST_MAX
      ? Prisma.sql`p.company_id IN (SELECT c.id FROM company c WHERE ${companyMatch})`
      : Prisma.sql`p.company_id = ANY(${companies.map((c) => c.id)}::int[])`;
  return Prisma.sql`(p.title ILIKE ${pattern} OR ${byCompany})`;
}

/** The whole filter, search included, on `project` aliased p. */
export async function projectWhereSql(db: Db, user: ScopeActor, filter: Partial<ProjectFilter>, today?: Date): Promise<Prisma.Sql> {
  const where = projectFilterSql(user, filter, { today });
  return filter.q ? Prisma.sql`${where} AND ${await projectSearchSql(db, filter.q)}` : where;
}
