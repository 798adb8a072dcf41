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
import { SUPERVISION_WARN_DAYS, digestDue, escalationLadder, remindersBacklogDay, sentOnceDue } from "@/lib/domain/notifications";
import { inPlaySql, lastActivitySql, overdueByAtLeastSql, overdueSql, stalledSql, supervisionFirstProjectSql, supervisionRedSql, unreachedMilestoneSql } from "@/lib/data/sql-rules";
import { getMilestoneSettings } from "@/lib/data/settings";
import { getNotificationSettings } from "@/lib/data/notification-settings";
import { todayDate } from "@/lib/validation/fields";
import { insertNotifications, recipientSql } from "@/lib/notify/insert";
import { digest } from "@/lib/notify/digest";

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
