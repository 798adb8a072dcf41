import "server-only";
/**
 * Work: negotiation rounds held in the period (per week, per owner of the
 * project, per unit), and, as of today, stalled projects and overdue
 * follow-ups.
 * - A round counts for the officer who OWNS its project (so the number links
 *   to that officer's projects), in the unit of its project.
 * - Weeks start on Monday (ISO); the first and last week may be cut by the period.
 * - Stalled N: a project in an open stage (FIRST_CONTACT … SIGNED) whose last
 *   round — or first contact, when it had none — is N or more days before
 *   today. Cumulative: stalled 90 are also in stalled 30 and 60.
 * - Overdue: next_follow_up_on before today, stage not OPERATING or LOST (as
 *   the project list's overdue=1).
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { todayDate } from "@/lib/validation/fields";
import { type Actor, CLOSED_STAGES, STALL_DAYS, STALL_STAGES, projectFilterSql } from "./sql";

export type WeekRow = { week: Date; rounds: number };
export type OwnerRow = { id: number; name: string; rounds: number; projects: number };
export type UnitRow = { id: number; nameZh: string; nameEn: string; rounds: number; projects: number };
export type StalledRow = { days: number; count: number };

const DAY = 86_400_000;

/**
 * Rounds held in the period per week, per owner and per unit, in ONE scan
 * (GROUPING SETS) of negotiation_round (held_on, project_id) joined to project.
 */
export async function roundsInPeriod(db: Db, user: Actor, filters: DashboardFilters): Promise<{ byWeek: WeekRow[]; byOwner: OwnerRow[]; byUnit: UnitRow[] }> {
  const { from, to } = filters.period;
  const rows = await db.$queryRaw<
    { dim: "w" | "o" | "u"; week: Date | null; id: number | null; name: string | null; name_zh: string | null; name_en: string | null; rounds: number; projects: number }[]
  >`
    SELECT g.dim, g.week, COALESCE(g.owner_id, g.unit_id) AS id, o.name, un.name_zh, un.name_en, g.rounds, g.projects
      FROM (SELECT CASE WHEN GROUPING(x.week) = 0 THEN 'w' WHEN GROUPING(x.owner_id) = 0 THEN 'o' ELSE 'u' END AS dim,
                   x.week, x.owner_id, x.unit_id, COUNT(*)::int AS rounds, COUNT(DISTINCT x.project_id)::int AS projects
              FROM (SELECT date_trunc('week', r.held_on)::date AS week, p.owner_id, p.unit_id, r.project_id
                      FROM negotiation_round r JOIN project p ON p.id = r.project_id
                     WHERE r.held_on >= ${from}::date AND r.held_on < ${to}::date AND ${projectFilterSql(user, filters)}) x
             GROUP BY GROUPING SETS ((x.week), (x.owner_id), (x.unit_id))) g
      LEFT JOIN app_user o ON g.dim = 'o' AND o.id = g.owner_id
      LEFT JOIN unit un ON g.dim = 'u' AND un.id = g.unit_id`;
  const byRounds = <T extends { rounds: number; id: number }>(a: T, b: T) => b.rounds - a.rounds || a.id - b.id;
  return {
    byWeek: rows.filter((r) => r.dim === "w").map((r) => ({ week: r.week!, rounds: r.rounds })).sort((a, b) => a.week.getTime() - b.week.getTime()),
    byOwner: rows.filter((r) => r.dim === "o").map((r) => ({ id: r.id!, name: r.name ?? "", rounds: r.rounds, projects: r.projects })).sort(byRounds),
    byUnit: rows.filter((r) => r.dim === "u").map((r) => ({ id: r.id!, nameZh: r.name_zh ?? "", nameEn: r.name_en ?? "", rounds: r.rounds, projects: r.projects })).sort(byRounds),
  };
}

/** Stalled (30/60/90 days) and overdue follow-ups, as of `now`'s day in Asia/Shanghai. */
export async function stalledAndOverdue(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<{ today: Date; stalled: StalledRow[]; overdue: number }> {
  const today = todayDate(now);
  const [d30, d60, d90] = STALL_DAYS.map((n) => new Date(today.getTime() - n * DAY));
  const [row] = await db.$queryRaw<{ s30: number; s60: number; s90: number; overdue: number }[]>`
    SELECT COUNT(*) FILTER (WHERE p.stage::text = ANY(${[...STALL_STAGES]}::text[]) AND COALESCE(p.last_round_on, p.first_contact_on) <= ${d30}::date)::int AS s30,
           COUNT(*) FILTER (WHERE p.stage::text = ANY(${[...STALL_STAGES]}::text[]) AND COALESCE(p.last_round_on, p.first_contact_on) <= ${d60}::date)::int AS s60,
           COUNT(*) FILTER (WHERE p.stage::text = ANY(${[...STALL_STAGES]}::text[]) AND COALESCE(p.last_round_on, p.first_contact_on) <= ${d90}::date)::int AS s90,
           COUNT(*) FILTER (WHERE p.next_follow_up_on < ${today}::date AND NOT (p.stage::text = ANY(${[...CLOSED_STAGES]}::text[])))::int AS overdue
      FROM project p
     WHERE ${projectFilterSql(user, filters)}
       AND (p.stage::text = ANY(${[...STALL_STAGES]}::text[]) OR p.next_follow_up_on < ${today}::date)`;
  return {
    today,
    stalled: [
      { days: 30, count: row.s30 },
      { days: 60, count: row.s60 },
      { days: 90, count: row.s90 },
    ],
    overdue: row.overdue,
  };
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

export async function getWork(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<Work> {
  const [{ byWeek, byOwner, byUnit }, so] = await Promise.all([roundsInPeriod(db, user, filters), stalledAndOverdue(db, user, filters, now)]);
  return { roundsTotal: byUnit.reduce((n, r) => n + r.rounds, 0), byWeek, byOwner, byUnit, ...so };
}

