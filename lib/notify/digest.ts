import "server-only";
/**
 * The morning digest (one per user and day), produced by the scan (lib/notify/scan.ts) when digestDue says so.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { DAY_MS, isoDay } from "@/lib/domain/period";
import { Role } from "@/lib/generated/prisma/enums";
import { ownWorkFilter } from "@/lib/domain/scope";
import { inPlaySql, overdueSql, stalledSql, supervisionFirstProjectSql, supervisionRedSql, unreachedMilestoneSql, userSeesProjectSql } from "@/lib/data/sql-rules";
import { insertNotifications, recipientSql } from "@/lib/notify/insert";

/**
 * The roles whose stalled projects are the ones they own (the officer's "my own work", ownWorkFilter); the others
 * count every stalled project in their scope (a manager their unit's, a city manager and an admin every unit's),
 * as the dashboard and My work show them. Read from the rule, not restated.
 */
const OWN_WORK_ROLES: Role[] = Object.values(Role).filter((role) => ownWorkFilter({ id: 0, role }).ownerId !== undefined);

/**
 * The morning digest, one per user and day, for every enabled user with
 * something in it: follow-ups due today (the planned meetings) and overdue on
 * their projects, promotion events of their unit today, red milestones and
 * supervision orders, stalled projects (stalledSql: their own for an officer,
 * their scope's for the others — OWN_WORK_ROLES; a project stalled before
 * reminders were switched on never gets a STALLED reminder, so the digest is
 * where it reaches the user), and their unread notifications — each counted
 * only on projects the user sees (the scope rule). Set-based and at low priority: the
 * counts are read for all users at once, a slice of each table's id range per
 * statement (`slices` slices, none under `minSliceIds` ids: a small
 * installation reads each table in one), and between slices it pauses
 * `yieldFactor` times as long as the last took, so the pages served meanwhile
 * keep most of the database: at 5 the digest uses at most a sixth of one
 * core's time while it runs (on 2 cores under 10 readers, 2 made pages
 * 1.2–1.7× slower in one run: bench/digest-100k.md), and 500 users over 100k
 * projects still take well under the minute; then one statement writes
 * every digest and its deliveries. Each table is read once in all.
 */
/** How the digest reads: slices per table, and its rest after each slice as a multiple of the slice's time. */
export const DIGEST_SLICES = 10;
export const DIGEST_YIELD = 5;

export async function digest(
  db: Db,
  today: Date,
  { email, slices = DIGEST_SLICES, minSliceIds = 10_000, yieldFactor = DIGEST_YIELD }: { email?: boolean; slices?: number; minSliceIds?: number; yieldFactor?: number } = {},
): Promise<number> {
  const todayIso = isoDay(today);
  // Red milestones: unreached and due before today (milestoneColour's red), i.e. the candidates up to yesterday.
  const yesterday = new Date(today.getTime() - DAY_MS);
  type Counts = { user_id: number; due_today: number; overdue: number; red: number; unread: number; stalled: number };
  /** A slice's row: a user's counts and, for project rows, the stalled projects of (owner, unit) whoever owns them. */
  type Row = Counts & { unit_id?: number | null; unit_stalled?: number };
  const counts = new Map<number, Counts>();
  const unitStalled = new Map<number, number>();
  let rest = 0;
  const read = async (slice: () => Promise<Row[]>) => {
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    const started = performance.now();
    for (const r of await slice()) {
      const c = counts.get(r.user_id) ?? { user_id: r.user_id, due_today: 0, overdue: 0, red: 0, unread: 0, stalled: 0 };
      c.due_today += r.due_today;
      c.overdue += r.overdue;
      c.red += r.red;
      c.unread += r.unread;
      c.stalled += r.stalled;
      counts.set(r.user_id, c);
      if (r.unit_id != null && r.unit_stalled) unitStalled.set(r.unit_id, (unitStalled.get(r.unit_id) ?? 0) + r.unit_stalled);
    }
    rest = (performance.now() - started) * yieldFactor;
  };
  const [b] = await db.$queryRaw<{ p0: number | null; p1: number | null; n0: number | null; n1: number | null }[]>`
    SELECT (SELECT min(id) FROM project) AS p0, (SELECT max(id) FROM project) AS p1,
           (SELECT min(id) FROM notification)::float8 AS n0, (SELECT max(id) FROM notification)::float8 AS n1`;
  const ranges = (lo: number | null, hi: number | null): [number, number][] => {
    if (lo === null || hi === null) return [];
    const step = Math.max(1, minSliceIds, Math.ceil((hi - lo + 1) / slices));
    const out: [number, number][] = [];
    for (let from = lo; from <= hi; from += step) out.push([from, from + step]);
    return out;
  };
  // Follow-ups due today and overdue, stalled projects and red milestones, in the same pass over each slice of
  // `project`. Per (owner, unit): the owner's counts on the projects they see, and the unit's stalled projects
  // whoever owns them (a manager's or admin's count, summed over the units they see when the digest is written).
  const stalled = stalledSql(today, 0, "p");
  const ownerSees = userSeesProjectSql("o", "p");
  for (const [from, to] of ranges(b.p0, b.p1)) {
    await read(() => db.$queryRaw<Row[]>`
      SELECT p.owner_id AS user_id, p.unit_id,
             count(*) FILTER (WHERE p.next_follow_up_on = ${today}::date AND ${inPlaySql("p")} AND ${ownerSees})::int AS due_today,
             count(*) FILTER (WHERE ${overdueSql(today, "p")} AND ${ownerSees})::int AS overdue, 0 AS red, 0 AS unread,
             count(*) FILTER (WHERE ${stalled} AND ${ownerSees})::int AS stalled,
             count(*) FILTER (WHERE ${stalled})::int AS unit_stalled
        FROM project p JOIN app_user o ON o.id = p.owner_id
       WHERE p.id >= ${from}::int AND p.id < ${to}::int AND (p.next_follow_up_on <= ${today}::date OR ${stalled})
       GROUP BY p.owner_id, p.unit_id
      UNION ALL
      SELECT p.owner_id, NULL, 0, 0, count(*)::int, 0, 0, 0
        FROM commitment m JOIN project p ON p.id = m.project_id JOIN app_user o ON o.id = p.owner_id
       WHERE m.project_id >= ${from}::int AND m.project_id < ${to}::int AND ${unreachedMilestoneSql(yesterday, "m", "p")} AND ${ownerSees}
       GROUP BY p.owner_id`);
  }
  // Unread notifications (a digest is not one).
  for (const [from, to] of ranges(b.n0, b.n1)) {
    await read(() => db.$queryRaw<Counts[]>`
      SELECT n.user_id, 0 AS due_today, 0 AS overdue, 0 AS red, count(*)::int AS unread, 0 AS stalled
        FROM notification n WHERE n.id >= ${from}::bigint AND n.id < ${to}::bigint AND n.read_at IS NULL AND n.kind <> 'DIGEST'
       GROUP BY n.user_id`);
  }
  const c = [...counts.values()];
  const col = (k: keyof Counts) => c.map((x) => x[k]);
  const units = [...unitStalled];
  return insertNotifications(db, "DIGEST", Prisma.sql`
    WITH c AS (
      SELECT * FROM unnest(${col("user_id")}::int[], ${col("due_today")}::int[], ${col("overdue")}::int[], ${col("red")}::int[], ${col("unread")}::int[], ${col("stalled")}::int[])
        AS c(user_id, due_today, overdue, red, unread, stalled)),
    us AS (
      SELECT * FROM unnest(${units.map(([id]) => id)}::int[], ${units.map(([, n]) => n)}::int[]) AS us(unit_id, n)),
    sup AS (
      SELECT o.assignee_id AS user_id, count(*)::int AS n
        FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user a ON a.id = o.assignee_id
       WHERE ${supervisionRedSql(today, "o")} AND ${userSeesProjectSql("a", "p")}
       GROUP BY o.assignee_id),
    ev AS (
      SELECT e.unit_id, count(*)::int AS n FROM promotion_event e WHERE e.starts_on <= ${today}::date AND e.ends_on >= ${today}::date GROUP BY e.unit_id)
    SELECT u.id AS user_id, 'digest' AS subject, ${todayIso}::varchar AS occasion, NULL::int AS project_id,
           jsonb_build_object('day', ${todayIso}::text, 'dueToday', COALESCE(c.due_today, 0), 'overdue', COALESCE(c.overdue, 0),
                              'events', COALESCE(ev.n, 0), 'red', COALESCE(c.red, 0) + COALESCE(sup.n, 0), 'unread', COALESCE(c.unread, 0),
                              'stalled', st.n, 'stalledOwnerId', CASE WHEN st.own THEN u.id END) AS data
      FROM app_user u
      LEFT JOIN c ON c.user_id = u.id
      LEFT JOIN sup ON sup.user_id = u.id
      LEFT JOIN ev ON ev.unit_id = u.unit_id
      CROSS JOIN LATERAL (SELECT u.role = ANY(${OWN_WORK_ROLES}::"Role"[]) AS own) w
      CROSS JOIN LATERAL (
        SELECT w.own,
               CASE WHEN w.own THEN COALESCE(c.stalled, 0)
                    ELSE COALESCE((SELECT sum(us.n) FROM us WHERE ${userSeesProjectSql("u", "us")}), 0)::int END AS n) st
     WHERE ${recipientSql("DIGEST", "u", null)}
       AND COALESCE(c.due_today, 0) + COALESCE(c.overdue, 0) + COALESCE(ev.n, 0) + COALESCE(c.red, 0) + COALESCE(sup.n, 0) + COALESCE(c.unread, 0) + st.n > 0`, { email });
}
