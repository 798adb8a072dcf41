import "server-only";
/**
 * "What is due as of now", in SQL from the shared rules (lib/data/sql-rules.ts:
 * overdueSql, inPlaySql, stalledSql, unreachedMilestoneSql, supervisionRedSql,
 * the scope) and lib/domain/notifications.ts's thresholds. Every statement
 * inserts through insertNotifications (unique key, ON CONFLICT DO NOTHING),
 * so running the scan again, after a restart or on two workers at once,
 * adds nothing. `now` is a parameter: the tests set it.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db";
import { DAY_MS, isoDay } from "@/lib/domain/period";
import { UNRESOLVED_SUPERVISION } from "@/lib/domain/supervision";
import { milestoneColour } from "@/lib/domain/milestones";
import { SUPERVISION_WARN_DAYS, digestDue, escalationLadder, remindersBacklogDay, sentOnceDue, type NotificationSettings } from "@/lib/domain/notifications";
import { inPlaySql, lastActivitySql, overdueByAtLeastSql, overdueSql, stalledSql, supervisionFirstProjectSql, supervisionRedSql, unreachedMilestoneSql, userSeesProjectSql } from "@/lib/data/sql-rules";
import { getMilestoneSettings } from "@/lib/data/settings";
import { getNotificationSettings } from "@/lib/data/notification-settings";
import { todayDate } from "@/lib/validation/fields";
import { insertNotifications, recipientSql } from "@/lib/notify/insert";

export type ScanResult = Partial<Record<NotificationKind, number>>;

const ymd = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD')`;

/**
 * The day reminders were switched on: the first scan's `today`, written once (notification_start), never moved.
 */
export async function remindersSince(db: Pick<Db, "$queryRaw">, today: Date): Promise<Date> {
  const [row] = await db.$queryRaw<{ since: Date }[]>`
    WITH ins AS (INSERT INTO notification_start (id, since) VALUES (1, ${today}::date) ON CONFLICT (id) DO NOTHING RETURNING since)
    SELECT since FROM ins UNION ALL SELECT since FROM notification_start WHERE id = 1 LIMIT 1`;
  return row.since;
}

/** Runs every rule once as of `now`; returns how many new notifications each kind got. */
export async function scan(db: Db, { now, email }: { now: Date; email?: boolean }): Promise<ScanResult> {
  const today = todayDate(now);
  const todayIso = isoDay(today);
  const settings = await getNotificationSettings(db);
  // The first deployment's rule (remindersBacklogDay): each rule below holds today and did not on the backlog day.
  const since = await remindersSince(db, today);
  const backlogDay = remindersBacklogDay(since);
  const becameDue = (rule: (day: Date) => Prisma.Sql) => Prisma.sql`(${rule(today)} AND NOT ${rule(backlogDay)})`;
  const out: ScanResult = {};
  const add = async (kind: NotificationKind, rows: Prisma.Sql) => {
    out[kind] = (out[kind] ?? 0) + (await insertNotifications(db, kind, rows, { email }));
  };
  const project = (kind: NotificationKind, occasion: Prisma.Sql, data: Prisma.Sql, where: Prisma.Sql, recipient = Prisma.sql`JOIN app_user u ON u.id = p.owner_id`) =>
    Prisma.sql`SELECT u.id AS user_id, 'project:' || p.id AS subject, ${occasion} AS occasion, p.id AS project_id, ${data} AS data
      FROM project p ${recipient}
     WHERE ${where} AND ${recipientSql(kind)}`;

  // A follow-up due today: the owner, once per day.
  await add("FOLLOW_UP_DUE", project("FOLLOW_UP_DUE", Prisma.sql`${todayIso}::varchar`, Prisma.sql`jsonb_build_object('dueOn', ${ymd(Prisma.sql`p.next_follow_up_on`)})`,
    Prisma.sql`p.next_follow_up_on = ${today}::date AND ${inPlaySql("p")}`));

  // Overdue: the owner, once per missed date.
  await add("FOLLOW_UP_OVERDUE", project("FOLLOW_UP_OVERDUE", ymd(Prisma.sql`p.next_follow_up_on`), Prisma.sql`jsonb_build_object('dueOn', ${ymd(Prisma.sql`p.next_follow_up_on`)})`,
    becameDue((day) => overdueSql(day, "p"))));

  // The escalation ladder: each step once per missed date, to the owner or to the managers of the project's unit.
  for (const step of escalationLadder(settings)) {
    const recipient = step.to === "owner"
      ? Prisma.sql`JOIN app_user u ON u.id = p.owner_id`
      : Prisma.sql`JOIN app_user u ON u.role = 'MANAGER' AND u.unit_id = p.unit_id`;
    await add("ESCALATION", project("ESCALATION", Prisma.sql`${ymd(Prisma.sql`p.next_follow_up_on`)} || ':' || ${step.level}::varchar`,
      Prisma.sql`jsonb_build_object('dueOn', ${ymd(Prisma.sql`p.next_follow_up_on`)}, 'level', ${step.level}::text, 'days', ${step.days}::int,
        'owner', (SELECT o.name FROM app_user o WHERE o.id = p.owner_id))`,
      becameDue((day) => overdueByAtLeastSql(day, step.days, "p")), recipient));
  }

  // Stalled past the stage's limit: the owner, once per silence (its last activity).
  await add("STALLED", project("STALLED", ymd(lastActivitySql("p")), Prisma.sql`jsonb_build_object('since', ${ymd(lastActivitySql("p"))})`,
    becameDue((day) => stalledSql(day, 0, "p"))));

  // Milestones turning yellow or red (the colour rule decides), once per colour and deadline.
  const ms = await getMilestoneSettings(db);
  const horizon = new Date(today.getTime() + ms.warnDays * DAY_MS);
  const candidates = await db.$queryRaw<{ id: number; kind: string; due: string }[]>`
    SELECT m.id, m.kind::text AS kind, to_char(m.due_on, 'YYYY-MM-DD') AS due
      FROM commitment m JOIN project p ON p.id = m.project_id
     WHERE ${unreachedMilestoneSql(horizon, "m", "p")}`;
  for (const colour of ["YELLOW", "RED"] as const) {
    const colourOn = (c: (typeof candidates)[number], day: string) => milestoneColour({ dueOn: c.due, reachedOn: null }, day, ms) === colour;
    const these = candidates.filter((c) => sentOnceDue(colourOn(c, todayIso), colourOn(c, isoDay(backlogDay))));
    if (these.length === 0) continue;
    const kind = colour === "RED" ? "MILESTONE_RED" : "MILESTONE_YELLOW";
    await add(kind, Prisma.sql`
      SELECT u.id AS user_id, 'commitment:' || x.id AS subject, ${colour}::varchar || ':' || x.due AS occasion, p.id AS project_id,
             jsonb_build_object('milestone', x.kind, 'dueOn', x.due) AS data
        FROM unnest(${these.map((c) => c.id)}::int[], ${these.map((c) => c.kind)}::text[], ${these.map((c) => c.due)}::text[]) AS x(id, kind, due)
        JOIN commitment m ON m.id = x.id JOIN project p ON p.id = m.project_id JOIN app_user u ON u.id = p.owner_id
       WHERE ${recipientSql(kind)}`);
  }

  // A supervision order nearing its answer deadline: the assignee, once per deadline.
  await add("SUPERVISION_DUE_SOON", Prisma.sql`
    SELECT u.id AS user_id, 'supervision:' || o.id AS subject, ${ymd(Prisma.sql`o.answer_due_on`)} AS occasion, p.id AS project_id,
           jsonb_build_object('dueOn', ${ymd(Prisma.sql`o.answer_due_on`)}) AS data
      FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.assignee_id
     WHERE o.status = ANY(${[...UNRESOLVED_SUPERVISION]}::"SupervisionStatus"[])
       AND ${becameDue((day) => Prisma.sql`(NOT ${supervisionRedSql(day, "o")} AND o.answer_due_on <= ${new Date(day.getTime() + SUPERVISION_WARN_DAYS * DAY_MS)}::date)`)}
       AND ${recipientSql("SUPERVISION_DUE_SOON")}`);

  // Supervision answers to review: the issuer, once per answer (plan or progress note).
  await add("SUPERVISION_TO_REVIEW", Prisma.sql`
    SELECT u.id AS user_id, 'supervision:' || o.id AS subject, s.id::varchar AS occasion, p.id AS project_id,
           jsonb_build_object('by', (SELECT a.name FROM app_user a WHERE a.id = s.author_id)) AS data
      FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.issued_by_id
      JOIN LATERAL (SELECT st.id, st.author_id, st.at FROM supervision_step st WHERE st.order_id = o.id AND st.kind IN ('PLAN', 'PROGRESS')
                    ORDER BY st.at DESC, st.id DESC LIMIT 1) s ON TRUE
     WHERE o.status = 'ANSWERED' AND s.author_id <> u.id AND s.at >= ${new Date(`${isoDay(since)}T00:00:00+08:00`)}
       AND ${recipientSql("SUPERVISION_TO_REVIEW")}`);

  if (digestDue(now, settings.digestTime)) out.DIGEST = await digest(db, today, { email });
  return out;
}

/**
 * The morning digest, one per user and day, for every enabled user with
 * something in it: follow-ups due today (the planned meetings) and overdue on
 * their projects, promotion events of their unit today, red milestones and
 * supervision orders, and their unread notifications — each counted only on
 * projects the user sees (the scope rule). Set-based and at low priority: the
 * counts are read for all users at once, a slice of each table's id range per
 * statement (`slices` slices, none under `minSliceIds` ids: a small
 * installation reads each table in one), and between slices it pauses
 * `yieldFactor` times as long as the last took, so the pages served meanwhile
 * keep most of the database (bench/digest-100k.md); then one statement writes
 * every digest and its deliveries. Each table is read once in all.
 */
export async function digest(
  db: Db,
  today: Date,
  { email, slices = 10, minSliceIds = 10_000, yieldFactor = 2 }: { email?: boolean; slices?: number; minSliceIds?: number; yieldFactor?: number } = {},
): Promise<number> {
  const todayIso = isoDay(today);
  // Red milestones: unreached and due before today (milestoneColour's red), i.e. the candidates up to yesterday.
  const yesterday = new Date(today.getTime() - DAY_MS);
  type Counts = { user_id: number; due_today: number; overdue: number; red: number; unread: number };
  const counts = new Map<number, Counts>();
  let rest = 0;
  const read = async (slice: () => Promise<Counts[]>) => {
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    const started = performance.now();
    for (const r of await slice()) {
      const c = counts.get(r.user_id) ?? { user_id: r.user_id, due_today: 0, overdue: 0, red: 0, unread: 0 };
      c.due_today += r.due_today;
      c.overdue += r.overdue;
      c.red += r.red;
      c.unread += r.unread;
      counts.set(r.user_id, c);
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
  // Follow-ups due today and overdue, and red milestones, on the projects each user owns and sees.
  for (const [from, to] of ranges(b.p0, b.p1)) {
    await read(() => db.$queryRaw<Counts[]>`
      SELECT p.owner_id AS user_id,
             count(*) FILTER (WHERE p.next_follow_up_on = ${today}::date AND ${inPlaySql("p")})::int AS due_today,
             count(*) FILTER (WHERE ${overdueSql(today, "p")})::int AS overdue, 0 AS red, 0 AS unread
        FROM project p JOIN app_user o ON o.id = p.owner_id
       WHERE p.id >= ${from}::int AND p.id < ${to}::int AND p.next_follow_up_on <= ${today}::date AND ${userSeesProjectSql("o", "p")}
       GROUP BY p.owner_id
      UNION ALL
      SELECT p.owner_id, 0, 0, count(*)::int, 0
        FROM commitment m JOIN project p ON p.id = m.project_id JOIN app_user o ON o.id = p.owner_id
       WHERE m.project_id >= ${from}::int AND m.project_id < ${to}::int AND ${unreachedMilestoneSql(yesterday, "m", "p")} AND ${userSeesProjectSql("o", "p")}
       GROUP BY p.owner_id`);
  }
  // Unread notifications (a digest is not one).
  for (const [from, to] of ranges(b.n0, b.n1)) {
    await read(() => db.$queryRaw<Counts[]>`
      SELECT n.user_id, 0 AS due_today, 0 AS overdue, 0 AS red, count(*)::int AS unread
        FROM notification n WHERE n.id >= ${from}::bigint AND n.id < ${to}::bigint AND n.read_at IS NULL AND n.kind <> 'DIGEST'
       GROUP BY n.user_id`);
  }
  const c = [...counts.values()];
  const col = (k: keyof Counts) => c.map((x) => x[k]);
  return insertNotifications(db, "DIGEST", Prisma.sql`
    WITH c AS (
      SELECT * FROM unnest(${col("user_id")}::int[], ${col("due_today")}::int[], ${col("overdue")}::int[], ${col("red")}::int[], ${col("unread")}::int[])
        AS c(user_id, due_today, overdue, red, unread)),
    sup AS (
      SELECT o.assignee_id AS user_id, count(*)::int AS n
        FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user a ON a.id = o.assignee_id
       WHERE ${supervisionRedSql(today, "o")} AND ${userSeesProjectSql("a", "p")}
       GROUP BY o.assignee_id),
    ev AS (
      SELECT e.unit_id, count(*)::int AS n FROM promotion_event e WHERE e.starts_on <= ${today}::date AND e.ends_on >= ${today}::date GROUP BY e.unit_id)
    SELECT u.id AS user_id, 'digest' AS subject, ${todayIso}::varchar AS occasion, NULL::int AS project_id,
           jsonb_build_object('day', ${todayIso}::text, 'dueToday', COALESCE(c.due_today, 0), 'overdue', COALESCE(c.overdue, 0),
                              'events', COALESCE(ev.n, 0), 'red', COALESCE(c.red, 0) + COALESCE(sup.n, 0), 'unread', COALESCE(c.unread, 0)) AS data
      FROM app_user u
      LEFT JOIN c ON c.user_id = u.id
      LEFT JOIN sup ON sup.user_id = u.id
      LEFT JOIN ev ON ev.unit_id = u.unit_id
     WHERE ${recipientSql("DIGEST", "u", null)}
       AND COALESCE(c.due_today, 0) + COALESCE(c.overdue, 0) + COALESCE(ev.n, 0) + COALESCE(c.red, 0) + COALESCE(sup.n, 0) + COALESCE(c.unread, 0) > 0`, { email });
}
