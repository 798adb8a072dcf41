import "server-only";
/**
 * Work: negotiation rounds held in the period (per week, per owner of the
 * project, per unit), and, as of today, stalled projects and overdue
 * follow-ups.
 * - A round counts for the officer who OWNS its project, in the unit of its
 *   project (a project handed to another owner takes its rounds along).
 * - Weeks start on Monday (ISO); the first and last week may be cut by the period.
 * - Per officer and per unit, "projects" is how many projects in the scope
 *   and filters they own / the unit holds: the list the number links to.
 *   Officers and units with projects but no round in the period are listed
 *   with 0 rounds, so silence shows.
 * - Stalled, N days past the limit (N one of STALL_STEPS: 0, 30, 60): a project
 *   in a stall stage (FIRST_CONTACT … SIGNED) whose last round — or first
 *   contact, when it had none — is its stage's limit (an installation
 *   setting) + N or more days before today (stalledSql). Cumulative: 60 past
 *   the limit are also in 0 and 30.
 * - Overdue: next_follow_up_on before today, stage not OPERATING or LOST (as
 *   the project list's overdue=1).
 * Stalled and overdue are counted from project_day_summary / project_month_summary
 * (projects per stage, unit and day; see countedFromSummaries) unless filtered by
 * owner, sector or chain, which those do not hold.
 *
 * Rounds are read from the rounds' summaries (lib/data/round-summaries.ts,
 * kept current by triggers in the round's own transaction): per week from
 * the week parts by unit, per owner from the months by owner — a few thousand
 * rows a year against ~400k rounds each joined to its project. Sector and
 * chain are not keys of the summaries: filtered by them, the rounds are
 * counted from negotiation_round itself.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { todayDate } from "@/lib/validation/fields";
import { STALL_STEPS, STALL_STAGES, type StallStep } from "@/lib/domain/stages";
import { lastOverdueDaySql, overdueOnSql, overdueSql, projectFilterSql, stallCutoffRangeSql, stalledOnSql, stalledSql } from "@/lib/data/sql-rules";
import { type Actor } from "./sql";
import { roundDaysSql, roundOwnersSql, roundUnitWeeksSql } from "@/lib/data/round-summaries";

export type WeekRow = { week: Date; rounds: number };
export type OwnerRow = { id: number; name: string; rounds: number; projects: number };
export type UnitRow = { id: number; nameZh: string; nameEn: string; rounds: number; projects: number };
/** `days`: days past the stage's limit (a STALL_STEPS value). */
export type StalledRow = { days: StallStep; count: number };

/**
 * The rounds held in the period, in scope and filters, as two row sources: `weeks` (day, unit_id, rounds: each row's
 * day in the week it counts for) and `owners` (unit_id, owner_id, rounds).
 * - Scope and unit filter: the week parts and months of lib/data/round-summaries.ts (rows bounded by units × weeks
 *   and owners × months, whatever the number of projects).
 * - An owner filter (an officer's own work): that owner's days (round_day_summary by owner: at most a row a day).
 * - Sector or chain, which no summary holds: the rounds themselves.
 */
function roundSources(user: Actor, filters: DashboardFilters): Prisma.Sql {
  const { period } = filters;
  const where = (alias: string) => projectFilterSql(user, filters, { alias });
  const fromDays = (days: Prisma.Sql) => Prisma.sql`d AS (${days}),
      weeks AS (SELECT d.day, d.unit_id, d.rounds FROM d),
      owners AS (SELECT d.unit_id, d.owner_id, d.rounds FROM d)`;
  if (filters.sectorId !== undefined || filters.chainId !== undefined) {
    return fromDays(Prisma.sql`
      SELECT r.held_on AS day, p.unit_id, p.owner_id, 1 AS rounds
        FROM negotiation_round r JOIN project p ON p.id = r.project_id
       WHERE r.held_on >= ${period.from}::date AND r.held_on < ${period.to}::date AND ${projectFilterSql(user, filters)}`);
  }
  if (filters.ownerId !== undefined) return fromDays(roundDaysSql(period, where));
  // The scope and the unit filter name unit_id, which every grain has.
  return Prisma.sql`weeks AS (${roundUnitWeeksSql(period, where)}), owners AS (${roundOwnersSql(period, where)})`;
}

type RoundsRow = { dim: "w" | "o" | "u"; week: Date | null; id: number; name: string | null; name_zh: string | null; name_en: string | null; rounds: number };
type ProjectsRow = { dim: "o" | "u"; id: number; name: string | null; name_zh: string | null; name_en: string | null; projects: number };

/**
 * Rounds held in the period per week, per owner and per unit: what a logged round changes. Owners and units with
 * no round in the period are left out (roundsWithProjects lists them with 0 beside their projects).
 */
export async function roundsByDimension(db: Db, user: Actor, filters: DashboardFilters): Promise<RoundsRow[]> {
  return db.$queryRaw<RoundsRow[]>`
    WITH ${roundSources(user, filters)},
    r AS (
      SELECT 'w' AS dim, date_trunc('week', weeks.day)::date AS week, NULL::int AS id, SUM(weeks.rounds)::int AS rounds FROM weeks GROUP BY 2
      UNION ALL
      SELECT 'u', NULL, weeks.unit_id, SUM(weeks.rounds)::int FROM weeks GROUP BY weeks.unit_id
      UNION ALL
      SELECT 'o', NULL, owners.owner_id, SUM(owners.rounds)::int FROM owners GROUP BY owners.owner_id
    )
    SELECT r.dim, r.week, r.id, o.name, un.name_zh, un.name_en, r.rounds
      FROM r
      LEFT JOIN app_user o ON r.dim = 'o' AND o.id = r.id
      LEFT JOIN unit un ON r.dim = 'u' AND un.id = r.id
     WHERE r.rounds <> 0`;
}

/** The projects each owner and unit holds in the scope and filters: no round changes them (data_version's records). */
export async function projectsByDimension(db: Db, user: Actor, filters: DashboardFilters): Promise<ProjectsRow[]> {
  return db.$queryRaw<ProjectsRow[]>`
    WITH pr AS (
      SELECT CASE WHEN GROUPING(p.owner_id) = 0 THEN 'o' ELSE 'u' END AS dim, COALESCE(p.owner_id, p.unit_id) AS id, COUNT(*)::int AS projects
        FROM project p WHERE ${projectFilterSql(user, filters)}
       GROUP BY GROUPING SETS ((p.owner_id), (p.unit_id))
    )
    SELECT pr.dim, pr.id, o.name, un.name_zh, un.name_en, pr.projects
      FROM pr
      LEFT JOIN app_user o ON pr.dim = 'o' AND o.id = pr.id
      LEFT JOIN unit un ON pr.dim = 'u' AND un.id = pr.id`;
}

/**
 * Rounds per week, owner and unit next to the projects each owner and unit holds: an owner or unit with rounds or
 * with projects is listed (0 rounds when silent), as a FULL JOIN of the two reads would.
 */
export function roundsWithProjects(rounds: RoundsRow[], projects: ProjectsRow[]): { byWeek: WeekRow[]; byOwner: OwnerRow[]; byUnit: UnitRow[] } {
  const byRounds = <T extends { rounds: number; id: number }>(a: T, b: T) => b.rounds - a.rounds || a.id - b.id;
  const merged = (dim: "o" | "u") => {
    const out = new Map<number, { id: number; name: string | null; name_zh: string | null; name_en: string | null; rounds: number; projects: number }>();
    for (const r of projects) if (r.dim === dim) out.set(r.id, { ...r, rounds: 0 });
    for (const r of rounds) if (r.dim === dim) out.set(r.id, { ...r, projects: out.get(r.id)?.projects ?? 0 });
    return [...out.values()];
  };
  return {
    byWeek: rounds.filter((r) => r.dim === "w").map((r) => ({ week: r.week!, rounds: r.rounds })).sort((a, b) => a.week.getTime() - b.week.getTime()),
    byOwner: merged("o").map((r) => ({ id: r.id, name: r.name ?? "", rounds: r.rounds, projects: r.projects })).sort(byRounds),
    byUnit: merged("u").map((r) => ({ id: r.id, nameZh: r.name_zh ?? "", nameEn: r.name_en ?? "", rounds: r.rounds, projects: r.projects })).sort(byRounds),
  };
}

/** Rounds held in the period per week, per owner and per unit, next to the projects each owner and unit holds. */
export async function roundsInPeriod(db: Db, user: Actor, filters: DashboardFilters): Promise<{ byWeek: WeekRow[]; byOwner: OwnerRow[]; byUnit: UnitRow[] }> {
  const [rounds, projects] = await Promise.all([roundsByDimension(db, user, filters), projectsByDimension(db, user, filters)]);
  return roundsWithProjects(rounds, projects);
}

type StalledCounts = { s0: number; s30: number; s60: number; overdue: number };

/** Stalled (at, 30 and 60 days past each stage's limit) and overdue follow-ups, as of `now`'s day in Asia/Shanghai. */
export async function stalledAndOverdue(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<{ today: Date; stalled: StalledRow[]; overdue: number }> {
  const today = todayDate(now);
  // The summaries are keyed by unit: the scope and the unit filter read them; an owner, sector or chain filter
  // counts from the projects themselves.
  const bySummary = filters.ownerId === undefined && filters.sectorId === undefined && filters.chainId === undefined;
  const row = bySummary ? await countedFromSummaries(db, user, filters, today) : await countedFromProjects(db, user, filters, today);
  return {
    today,
    stalled: STALL_STEPS.map((days, i) => ({ days, count: [row.s0, row.s30, row.s60][i] })),
    overdue: row.overdue,
  };
}

/** The counts from every project in scope and filters, by the rules (stalledSql, overdueSql). */
export async function countedFromProjects(db: Db, user: Actor, filters: Omit<DashboardFilters, "period">, today: Date): Promise<StalledCounts> {
  const [s0, s30, s60] = STALL_STEPS.map((step) => stalledSql(today, step));
  const [row] = await db.$queryRaw<StalledCounts[]>`
    SELECT COUNT(*) FILTER (WHERE ${s0})::int AS s0,
           COUNT(*) FILTER (WHERE ${s30})::int AS s30,
           COUNT(*) FILTER (WHERE ${s60})::int AS s60,
           COUNT(*) FILTER (WHERE ${overdueSql(today)})::int AS overdue
      FROM project p
     WHERE ${projectFilterSql(user, filters)}
       AND (p.stage = ANY(${[...STALL_STAGES]}::"Stage"[]) OR p.next_follow_up_on < ${today}::date)`;
  return row;
}

/**
 * The same counts from project_month_summary and project_day_summary (projects per stage, unit and day of their
 * last activity / next follow-up; migration 20261201170000), with the same rules applied to the rows' stage and
 * day (stalledOnSql, overdueOnSql), so the number of rows read is bounded by days, not by projects.
 *
 * Each rule holds for a day d when d ≤ its cutoff c. A month's row counts whole when its last day is ≤ c; the
 * month holding c is completed from its days: a day row counts when its day is ≤ c and its month's last day is
 * not. Outside the months holding a cutoff no day row is in that case, so only the days from a month before the
 * earliest cutoff to the latest are read.
 *
 * Because each rule holds for every day before one that it holds for, "the day holds and its month's last day does
 * not" is rule(day) − rule(month's last day) (1 or 0): each day row is read as two rows, its counts at its day and
 * minus them at its month's last day, and every rule is written once over the month rows and those (the rules read
 * the stall limits in subqueries the planner plans one by one: written three times over, they were most of the
 * statement's time).
 */
export async function countedFromSummaries(db: Db, user: Actor, filters: Omit<DashboardFilters, "period">, today: Date): Promise<StalledCounts> {
  const inScope = projectFilterSql(user, filters, { alias: "s" });
  const stall = stallCutoffRangeSql(today, STALL_STEPS[0], STALL_STEPS[STALL_STEPS.length - 1]);
  const lastOverdue = lastOverdueDaySql(today);
  const monthEnd = (day: Prisma.Sql) => Prisma.sql`(date_trunc('month', ${day}::timestamp) + INTERVAL '1 month - 1 day')::date`;
  const stage = Prisma.sql`x.stage`;
  const on = Prisma.sql`x.on_day`;
  const counts = Prisma.join([
    ...STALL_STEPS.map((step) => Prisma.sql`COALESCE(SUM(x.last_activity) FILTER (WHERE ${stalledOnSql(today, step, stage, on)}), 0)::int`),
    Prisma.sql`COALESCE(SUM(x.follow_ups) FILTER (WHERE ${overdueOnSql(today, stage, on)}), 0)::int`,
  ]);
  // The rules do not read the unit: the rows are summed per stage and day first (a few hundred rows, whatever the
  // number of units), and the rules applied to those.
  const [row] = await db.$queryRaw<{ c: number[] }[]>`
    WITH d AS (
      SELECT s.stage, s.day, SUM(s.last_activity) AS last_activity, SUM(s.follow_ups) AS follow_ups
        FROM project_day_summary s
       WHERE ${inScope}
         AND ((s.stage = ANY(${[...STALL_STAGES]}::"Stage"[]) AND s.day > ${stall.earliest} - 31 AND s.day <= ${stall.latest})
              OR (s.day > ${lastOverdue} - 31 AND s.day <= ${lastOverdue}))
       GROUP BY 1, 2
    ), x AS (
      SELECT s.stage, ${monthEnd(Prisma.sql`s.month`)} AS on_day, SUM(s.last_activity) AS last_activity, SUM(s.follow_ups) AS follow_ups
        FROM project_month_summary s WHERE ${inScope} GROUP BY 1, 2
      UNION ALL
      SELECT d.stage, d.day, d.last_activity, d.follow_ups FROM d
      UNION ALL
      SELECT d.stage, ${monthEnd(Prisma.sql`d.day`)}, -d.last_activity, -d.follow_ups FROM d
    )
    SELECT ARRAY[${counts}] AS c FROM x`;
  const [s0, s30, s60, overdue] = row.c;
  return { s0, s30, s60, overdue };
}

export type Work = {
  roundsTotal: number;
  byWeek: WeekRow[];
  byOwner: OwnerRow[];
  byUnit: UnitRow[];
  today: Date;
  stalled: StalledRow[];
  overdue: number;
};

/** The work section from its reads (the dashboard's cache keeps the project counts apart from what rounds change). */
export function workOf(rounds: RoundsRow[], projects: ProjectsRow[], so: Awaited<ReturnType<typeof stalledAndOverdue>>): Work {
  const { byWeek, byOwner, byUnit } = roundsWithProjects(rounds, projects);
  return { roundsTotal: byUnit.reduce((n, r) => n + r.rounds, 0), byWeek, byOwner, byUnit, ...so };
}

export async function getWork(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<Work> {
  const [rounds, projects, so] = await Promise.all([roundsByDimension(db, user, filters), projectsByDimension(db, user, filters), stalledAndOverdue(db, user, filters, now)]);
  return workOf(rounds, projects, so);
}

