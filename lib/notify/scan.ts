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
import { SUPERVISION_WARN_DAYS, digestDue, escalationLadder, type NotificationSettings } from "@/lib/domain/notifications";
import { inPlaySql, lastActivitySql, overdueByAtLeastSql, overdueSql, stalledSql, supervisionFirstProjectSql, supervisionRedSql, unreachedMilestoneSql, userSeesProjectSql } from "@/lib/data/sql-rules";
import { getMilestoneSettings } from "@/lib/data/settings";
import { getNotificationSettings } from "@/lib/data/notification-settings";
import { todayDate } from "@/lib/validation/fields";
import { insertNotifications, recipientSql } from "@/lib/notify/insert";

export type ScanResult = Partial<Record<NotificationKind, number>>;

const ymd = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD')`;

/** Runs every rule once as of `now`; returns how many new notifications each kind got. */
export async function scan(db: Db, { now, email }: { now: Date; email?: boolean }): Promise<ScanResult> {
  const today = todayDate(now);
  const todayIso = isoDay(today);
  const settings = await getNotificationSettings(db);
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
    overdueSql(today, "p")));

  // The escalation ladder: each step once per missed date, to the owner or to the managers of the project's unit.
  for (const step of escalationLadder(settings)) {
    const recipient = step.to === "owner"
      ? Prisma.sql`JOIN app_user u ON u.id = p.owner_id`
      : Prisma.sql`JOIN app_user u ON u.role = 'MANAGER' AND u.unit_id = p.unit_id`;
    await add("ESCALATION", project("ESCALATION", Prisma.sql`${ymd(Prisma.sql`p.next_follow_up_on`)} || ':' || ${step.level}::varchar`,
      Prisma.sql`jsonb_build_object('dueOn', ${ymd(Prisma.sql`p.next_follow_up_on`)}, 'level', ${step.level}::text, 'days', ${step.days}::int,
        'owner', (SELECT o.name FROM app_user o WHERE o.id = p.owner_id))`,
      overdueByAtLeastSql(today, step.days, "p"), recipient));
  }

  // Stalled past the stage's limit: the owner, once per silence (its last activity).
  await add("STALLED", project("STALLED", ymd(lastActivitySql("p")), Prisma.sql`jsonb_build_object('since', ${ymd(lastActivitySql("p"))})`,
    stalledSql(today, 0, "p")));

  // Milestones turning yellow or red (the colour rule decides), once per colour and deadline.
  const ms = await getMilestoneSettings(db);
  const horizon = new Date(today.getTime() + ms.warnDays * DAY_MS);
  const candidates = await db.$queryRaw<{ id: number; kind: string; due: string }[]>`
    SELECT m.id, m.kind::text AS kind, to_char(m.due_on, 'YYYY-MM-DD') AS due
      FROM commitment m JOIN project p ON p.id = m.project_id
     WHERE ${unreachedMilestoneSql(horizon, "m", "p")}`;
  for (const colour of ["YELLOW", "RED"] as const) {
    const these = candidates.filter((c) => milestoneColour({ dueOn: c.due, reachedOn: null }, todayIso, ms) === colour);
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
  const warnTo = new Date(today.getTime() + SUPERVISION_WARN_DAYS * DAY_MS);
  await add("SUPERVISION_DUE_SOON", Prisma.sql`
    SELECT u.id AS user_id, 'supervision:' || o.id AS subject, ${ymd(Prisma.sql`o.answer_due_on`)} AS occasion, p.id AS project_id,
           jsonb_build_object('dueOn', ${ymd(Prisma.sql`o.answer_due_on`)}) AS data
      FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.assignee_id
     WHERE o.status = ANY(${[...UNRESOLVED_SUPERVISION]}::"SupervisionStatus"[]) AND NOT ${supervisionRedSql(today, "o")}
       AND o.answer_due_on <= ${warnTo}::date AND ${recipientSql("SUPERVISION_DUE_SOON")}`);

  // Supervision answers to review: the issuer, once per answer (plan or progress note).
  await add("SUPERVISION_TO_REVIEW", Prisma.sql`
    SELECT u.id AS user_id, 'supervision:' || o.id AS subject, s.id::varchar AS occasion, p.id AS project_id,
           jsonb_build_object('by', (SELECT a.name FROM app_user a WHERE a.id = s.author_id)) AS data
      FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.issued_by_id
      JOIN LATERAL (SELECT st.id, st.author_id FROM supervision_step st WHERE st.order_id = o.id AND st.kind IN ('PLAN', 'PROGRESS')
                    ORDER BY st.at DESC, st.id DESC LIMIT 1) s ON TRUE
     WHERE o.status = 'ANSWERED' AND s.author_id <> u.id AND ${recipientSql("SUPERVISION_TO_REVIEW")}`);

  if (digestDue(now, settings.digestTime)) out.DIGEST = await digest(db, today, { email });
  return out;
}

/**
 * The morning digest, one per user and day, for every enabled user with
 * something in it: follow-ups due today (the planned meetings) and overdue on
 * their projects, promotion events of their unit today, red milestones and
 * supervision orders, and their unread notifications. One statement for all users.
 */
export async function digest(db: Db, today: Date, { email }: { email?: boolean } = {}): Promise<number> {
  const todayIso = isoDay(today);
  return insertNotifications(db, "DIGEST", Prisma.sql`
    WITH work AS (
      SELECT p.owner_id AS user_id,
             count(*) FILTER (WHERE p.next_follow_up_on = ${today}::date AND ${inPlaySql("p")})::int AS due_today,
             count(*) FILTER (WHERE ${overdueSql(today, "p")})::int AS overdue
        FROM project p JOIN app_user o ON o.id = p.owner_id
       WHERE p.next_follow_up_on <= ${today}::date AND ${userSeesProjectSql("o", "p")}
       GROUP BY p.owner_id),
    -- Red milestones: unreached and due before today (milestoneColour's red), i.e. the candidates up to yesterday.
    red AS (
      SELECT p.owner_id AS user_id, count(*)::int AS n
        FROM commitment m JOIN project p ON p.id = m.project_id
       WHERE ${unreachedMilestoneSql(new Date(today.getTime() - DAY_MS), "m", "p")}
       GROUP BY p.owner_id),
    sup AS (
      SELECT o.assignee_id AS user_id, count(*)::int AS n FROM supervision_order o WHERE ${supervisionRedSql(today, "o")} GROUP BY o.assignee_id),
    ev AS (
      SELECT e.unit_id, count(*)::int AS n FROM promotion_event e WHERE e.starts_on <= ${today}::date AND e.ends_on >= ${today}::date GROUP BY e.unit_id),
    unread AS (
      SELECT n.user_id, count(*)::int AS n FROM notification n WHERE n.read_at IS NULL AND n.kind <> 'DIGEST' GROUP BY n.user_id)
    SELECT u.id AS user_id, 'digest' AS subject, ${todayIso}::varchar AS occasion, NULL::int AS project_id,
           jsonb_build_object('day', ${todayIso}::text, 'dueToday', COALESCE(w.due_today, 0), 'overdue', COALESCE(w.overdue, 0),
                              'events', COALESCE(ev.n, 0), 'red', COALESCE(red.n, 0) + COALESCE(sup.n, 0), 'unread', COALESCE(unread.n, 0)) AS data
      FROM app_user u
      LEFT JOIN work w ON w.user_id = u.id
      LEFT JOIN red ON red.user_id = u.id
      LEFT JOIN sup ON sup.user_id = u.id
      LEFT JOIN ev ON ev.unit_id = u.unit_id
      LEFT JOIN unread ON unread.user_id = u.id
     WHERE ${recipientSql("DIGEST", "u", null)}
       AND COALESCE(w.due_today, 0) + COALESCE(w.overdue, 0) + COALESCE(ev.n, 0) + COALESCE(red.n, 0) + COALESCE(sup.n, 0) + COALESCE(unread.n, 0) > 0`, { email });
}
