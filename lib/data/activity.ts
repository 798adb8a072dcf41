import "server-only";
/**
 * The activity index's counts (lib/domain/activity.ts) per unit and ISO week
 * of a period: rounds and visits from their summaries (round-summaries.ts),
 * events, new leads (first contact), signings (counted once:
 * countedInRangesSql, with the unit copied beside each) and first starts (firstStartsSql), in the user's scope.
 * Read in three statements by what changes them: the rounds and visits (a
 * logged round: the dashboard's activity half), the signings (a contract) and
 * the rest (events, leads, starts). The dashboard keeps them apart, so a logged
 * round does not count a year's signings, starts and leads again, and a
 * contract does not count the leads and starts; activityByUnitWeek puts them
 * together.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { countedInRangesSql, firstStartsSql, projectScopeSql } from "@/lib/data/sql-rules";
import { ACTIVITY_PARTS, type ActivityCounts } from "@/lib/domain/activity";
import type { Period } from "@/lib/domain/period";
import type { Actor } from "./dashboard/sql";
import { roundUnitWeeksSql } from "./round-summaries";

export type ActivityRow = { unitId: number; nameZh: string; nameEn: string; week: Date; counts: ActivityCounts };

type Counted = "rounds" | "visits_out" | "visits_in" | "events" | "leads" | "signings" | "starts";
type Raw = { unit_id: number; name_zh: string; name_en: string; week: Date } & Record<Counted, number>;
/** One of the two reads: rows per unit and week, with the counts of its own parts (the others 0). */
export type ActivityRead = Raw[];

/** Per unit and week, the counts of `facts` (rows unit_id, day and the seven counts). */
function perUnitWeek(db: Db, facts: Prisma.Sql): Promise<Raw[]> {
  return db.$queryRaw<Raw[]>`
    WITH facts AS (${facts}),
    -- Counted per unit and week first, the units' names joined to the counts (not carried through the grouping).
    g AS (
      SELECT f.unit_id, date_trunc('week', f.day)::date AS week,
             SUM(f.rounds)::int AS rounds, SUM(f.visits_out)::int AS visits_out, SUM(f.visits_in)::int AS visits_in, SUM(f.events)::int AS events,
             SUM(f.leads)::int AS leads, SUM(f.signings)::int AS signings, SUM(f.starts)::int AS starts
        FROM facts f
       GROUP BY 1, 2
      -- Summary rows brought to zero stay: a unit and week with nothing counted is no row.
      HAVING SUM(f.rounds) <> 0 OR SUM(f.visits_out) <> 0 OR SUM(f.visits_in) <> 0 OR SUM(f.events) <> 0
          OR SUM(f.leads) <> 0 OR SUM(f.signings) <> 0 OR SUM(f.starts) <> 0
    )
    SELECT g.unit_id, u.name_zh, u.name_en, g.week, g.rounds, g.visits_out, g.visits_in, g.events, g.leads, g.signings, g.starts
      FROM g JOIN unit u ON u.id = g.unit_id`;
}

const inDays = (period: Period, col: Prisma.Sql) => Prisma.sql`${col} >= ${period.from}::date AND ${col} < ${period.to}::date`;

/**
 * What a logged round changes: rounds and visits, from the week parts by unit (lib/data/round-summaries.ts: rows
 * bounded by units × weeks, whatever the number of projects).
 */
export function activityRounds(db: Db, user: Actor, period: Period): Promise<ActivityRead> {
  return perUnitWeek(db, Prisma.sql`
      SELECT s.unit_id, s.day, s.rounds, s.visits_out, s.visits_in, 0 AS events, 0 AS leads, 0 AS signings, 0 AS starts
        FROM (${roundUnitWeeksSql(period, (alias) => projectScopeSql(user, alias))}) s`);
}

/** What a contract changes: the signings (counted once: counted_signing, with the unit copied beside each). */
export function activitySignings(db: Db, user: Actor, period: Period): Promise<ActivityRead> {
  return perUnitWeek(db, Prisma.sql`
      SELECT fc.unit_id, fc.signed_on AS day, 0 AS rounds, 0 AS visits_out, 0 AS visits_in, 0 AS events, 0 AS leads, 1 AS signings, 0 AS starts
        FROM (${countedInRangesSql([period], { columns: ["unit_id"], where: projectScopeSql(user, "k") })}) fc`);
}

/** What neither a round nor a contract changes: events, new leads and first starts. */
export function activityRecords(db: Db, user: Actor, period: Period): Promise<ActivityRead> {
  return perUnitWeek(db, Prisma.sql`
      SELECT e.unit_id, e.starts_on AS day, 0 AS rounds, 0 AS visits_out, 0 AS visits_in, 1 AS events, 0 AS leads, 0 AS signings, 0 AS starts
        FROM promotion_event e WHERE ${inDays(period, Prisma.sql`e.starts_on`)} AND ${projectScopeSql(user, "e")}
      UNION ALL
      SELECT p.unit_id, p.first_contact_on, 0, 0, 0, 0, 1, 0, 0
        FROM project p WHERE ${inDays(period, Prisma.sql`p.first_contact_on`)} AND ${projectScopeSql(user, "p")}
      UNION ALL
      SELECT p.unit_id, fs.started_on, 0, 0, 0, 0, 0, 0, 1
        FROM (${firstStartsSql([period])}) fs JOIN project p ON p.id = fs.project_id WHERE ${projectScopeSql(user, "p")}`);
}

/** The reads as one list: per unit and week (ordered by week, then unit), every part's count. */
export function activityOf(...reads: ActivityRead[]): ActivityRow[] {
  const col = { rounds: "rounds", visitsOut: "visits_out", visitsIn: "visits_in", events: "events", leads: "leads", signings: "signings", starts: "starts" } as const;
  const by = new Map<string, Raw>();
  for (const r of reads.flat()) {
    const key = `${r.week.toISOString()}|${r.unit_id}`;
    const seen = by.get(key);
    if (!seen) by.set(key, { ...r });
    else for (const c of Object.values(col)) seen[c] += r[c];
  }
  return [...by.values()]
    .sort((a, b) => a.week.getTime() - b.week.getTime() || a.unit_id - b.unit_id)
    .map((r) => ({
      unitId: r.unit_id,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      week: r.week,
      counts: Object.fromEntries(ACTIVITY_PARTS.map((p) => [p, r[col[p]]])) as ActivityCounts,
    }));
}

export async function activityByUnitWeek(db: Db, user: Actor, period: Period): Promise<ActivityRow[]> {
  return activityOf(...(await Promise.all([activityRounds(db, user, period), activitySignings(db, user, period), activityRecords(db, user, period)])));
}
