import "server-only";
/**
 * "What is due as of now", in SQL from the shared rules (lib/data/sql-rules.ts:
 * overdueSql, inPlaySql, stalledSql, unreachedMilestoneSql, supervisionRedSql,
 * the scope) and lib/domain/notifications.ts's thresholds. Every statement
 * inserts through insertNotifications (unique key, ON CONFLICT DO NOTHING),
 * so running the scan again, after a restart or on two workers at once,
 * adds nothing. `now` is a parameter: the tests set it.
 *
 * What it reads costs what changed, not what exists (the worker runs it every
 * minute; at 100k projects a pass over everything took ~46 s, re-selecting
 * ~575k reminders already written). A completed scan leaves a watermark
 * (notify_scan_watermark: its snapshot, its `today`, the settings its rules ran
 * with). The next scan then runs each rule only where it can give something new:
 * - "changed": the projects, supervision orders and users a write touched since
 *   that snapshot (notify_change, kept by triggers in the writing transaction;
 *   migration 20261201200000_notify_scan_incremental), each rule in full;
 * - "new day": when `today` is not the watermark's day, everything, but each
 *   rule as "holds today and did not on the watermark's day" — the backlog
 *   rule's shape: what held then was written by that scan (or is in "changed").
 *   Every occasion but a follow-up due today's (which never holds on two days)
 *   names the same day whichever day it is evaluated on, so this is exact, and
 *   exact in either direction of the clock (the tests set it backwards too);
 * - "everything": each rule in full, as the scan always did, when there is no
 *   watermark (first scan, a table truncated), when the settings the rules read
 *   changed (stall limits, milestone warning days, the escalation ladder,
 *   notification_start), on the first scan of each process (a new release may
 *   bring new rules), when too much changed to list, or when asked (`full`).
 * A scan that fails midway leaves the watermark where it was: the next one
 * re-checks the same changes (the unique key makes that harmless). Nothing
 * changed and the same day: no rule runs and nothing is written.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db";
import { DAY_MS, isoDay } from "@/lib/domain/period";
import { UNRESOLVED_SUPERVISION } from "@/lib/domain/supervision";
import { milestoneColour } from "@/lib/domain/milestones";
import { SUPERVISION_WARN_DAYS, digestDue, escalationLadder, remindersBacklogDay, sentOnceDue, type NotificationSettings } from "@/lib/domain/notifications";
import { STALL_LIMIT_COLUMNS, inPlaySql, lastActivitySql, overdueByAtLeastSql, overdueSql, stalledSql, supervisionFirstProjectSql, supervisionRedSql, unreachedMilestoneSql } from "@/lib/data/sql-rules";
import { getMilestoneSettings } from "@/lib/data/settings";
import { getNotificationSettings } from "@/lib/data/notification-settings";
import { todayDate } from "@/lib/validation/fields";
import { insertNotifications, recipientSql } from "@/lib/notify/insert";
import { digest } from "@/lib/notify/digest";

export type ScanResult = Partial<Record<NotificationKind, number>>;

const ymd = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD')`;

/** Above this many changed projects, orders or users, one pass over everything is cheaper than listing them. */
const CHANGES_FOR_EVERYTHING = 20_000;

/** Whether this process has completed a pass over everything (its first scan makes one: see the comment above). */
let checkedEverything = false;

/**
 * The day reminders were switched on: the first scan's `today`, written once (notification_start), never moved.
 */
export async function remindersSince(db: Pick<Db, "$queryRaw">, today: Date): Promise<Date> {
  const [row] = await db.$queryRaw<{ since: Date }[]>`
    WITH ins AS (INSERT INTO notification_start (id, since) VALUES (1, ${today}::date) ON CONFLICT (id) DO NOTHING RETURNING since)
    SELECT since FROM ins UNION ALL SELECT since FROM notification_start WHERE id = 1 LIMIT 1`;
  return row.since;
}

/**
 * The settings the rules read, as one text: a scan run with other settings proves nothing about these. The stall
 * limits and the milestone days are read by the rules themselves (in the statement), the ladder by the scan.
 */
const SETTINGS_SQL = Prisma.sql`concat_ws('|',
  COALESCE((SELECT concat_ws(',', ${Prisma.raw(Object.values(STALL_LIMIT_COLUMNS).map((c) => `"${c}"`).join(", "))}, milestone_warn_days, funds_behind_percent)
              FROM installation_setting WHERE id = 1), '-'),
  COALESCE((SELECT concat_ws(',', owner_only_days, copy_manager_days, high_risk_days) FROM notification_setting WHERE id = 1), '-'),
  COALESCE((SELECT since::text FROM notification_start WHERE id = 1), '-'))`;

type Changes = {
  /** This scan's snapshot: what it has seen. */
  snapshot: string;
  xmin: bigint;
  settings: string;
  /** The last completed scan (null: none, or forgotten). */
  last: { day: string; settings: string } | null;
  projects: number[];
  orders: number[];
  users: number[];
};

/**
 * In one statement (one snapshot): this scan's snapshot, the settings, the last completed scan's watermark and what
 * changed since it — the notify_change rows its snapshot did not see. An order counts as changed when one of its
 * projects did (its first project gives the notification's project and the scope).
 */
async function readChanges(db: Pick<Db, "$queryRaw">): Promise<Changes> {
  const [r] = await db.$queryRaw<
    { snapshot: string; xmin: bigint; settings: string; last_day: string | null; last_settings: string | null; projects: number[]; orders: number[]; users: number[] }[]
  >`
    WITH w AS (SELECT snapshot::pg_snapshot AS snap, seen_xmin, to_char(day, 'YYYY-MM-DD') AS day, settings FROM notify_scan_watermark WHERE id = 1),
         c AS MATERIALIZED (SELECT c.project_id, c.order_id, c.user_id FROM notify_change c JOIN w ON c.xid >= w.seen_xmin
                             WHERE NOT pg_visible_in_snapshot(c.xid::text::xid8, w.snap))
    SELECT pg_current_snapshot()::text AS snapshot, pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin, ${SETTINGS_SQL} AS settings,
           (SELECT day FROM w) AS last_day, (SELECT settings FROM w) AS last_settings,
           ARRAY(SELECT DISTINCT project_id FROM c WHERE project_id IS NOT NULL) AS projects,
           ARRAY(SELECT order_id FROM c WHERE order_id IS NOT NULL
                 UNION SELECT so.order_id FROM supervision_order_project so WHERE so.project_id IN (SELECT project_id FROM c)) AS orders,
           ARRAY(SELECT DISTINCT user_id FROM c WHERE user_id IS NOT NULL) AS users`;
  return {
    snapshot: r.snapshot,
    xmin: r.xmin,
    settings: r.settings,
    last: r.last_day === null ? null : { day: r.last_day, settings: r.last_settings ?? "" },
    projects: r.projects,
    orders: r.orders,
    users: r.users,
  };
}

/**
 * The completed scan's watermark, and the change rows it has seen for good (older than its snapshot's xmin) dropped.
 * Never moved back: of two scans racing, the one with the older snapshot leaves the newer watermark standing.
 */
async function saveWatermark(db: Pick<Db, "$executeRaw">, seen: Changes, today: Date): Promise<void> {
  await db.$executeRaw`
    WITH up AS (
      INSERT INTO notify_scan_watermark AS w (id, snapshot, seen_xmin, day, settings, completed_at)
      VALUES (1, ${seen.snapshot}, ${seen.xmin}, ${today}::date, ${seen.settings}, now())
      ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot, seen_xmin = EXCLUDED.seen_xmin, day = EXCLUDED.day,
                                     settings = EXCLUDED.settings, completed_at = EXCLUDED.completed_at
       WHERE w.seen_xmin <= EXCLUDED.seen_xmin
      RETURNING w.seen_xmin)
    DELETE FROM notify_change WHERE xid < (SELECT seen_xmin FROM up)`;
}

/**
 * Which rows one pass of the rules looks at. `projects` is a condition on the project `p` and the recipient `u` of
 * the project rules, `orders` on the order `o` (its first project `p`, recipient `u`) of the supervision rules,
 * `commitments` on the milestone `m` and its project `p`; null: those rules do not run in this pass. `heldOn`: a day
 * on which a rule already held means its reminder was written then (the last completed scan's day), besides the
 * backlog day every pass excludes. `toReview`: the answers-to-review rule runs (it does not depend on the day).
 */
type Pass = {
  projects: Prisma.Sql | null;
  orders: Prisma.Sql | null;
  commitments: Prisma.Sql | null;
  heldOn: Date | null;
  toReview: boolean;
};

const EVERYTHING: Pass = { projects: Prisma.sql`TRUE`, orders: Prisma.sql`TRUE`, commitments: Prisma.sql`TRUE`, heldOn: null, toReview: true };

/** The passes that make every reminder due `today` exist, given what the last completed scan saw. */
function plan(seen: Changes, today: Date, full: boolean): Pass[] {
  const tooMany = Math.max(seen.projects.length, seen.orders.length, seen.users.length) > CHANGES_FOR_EVERYTHING;
  if (full || !checkedEverything || !seen.last || seen.last.settings !== seen.settings || tooMany) return [EVERYTHING];
  const passes: Pass[] = [];
  if (seen.last.day !== isoDay(today)) {
    passes.push({ ...EVERYTHING, heldOn: new Date(`${seen.last.day}T00:00:00Z`), toReview: false });
  }
  if (seen.projects.length > 0 || seen.orders.length > 0) {
    const projects = seen.projects.length > 0 ? Prisma.sql`p.id = ANY(${seen.projects}::int[])` : null;
    passes.push({
      projects,
      orders: seen.orders.length > 0 ? Prisma.sql`o.id = ANY(${seen.orders}::int[])` : null,
      commitments: projects && Prisma.sql`m.project_id = ANY(${seen.projects}::int[])`,
      heldOn: null,
      toReview: true,
    });
  }
  if (seen.users.length > 0) {
    const users = Prisma.sql`u.id = ANY(${seen.users}::int[])`;
    passes.push({ projects: users, orders: users, commitments: Prisma.sql`p.owner_id = ANY(${seen.users}::int[])`, heldOn: null, toReview: true });
  }
  return passes;
}

/** Runs every rule once as of `now`; returns how many new notifications each kind got. `full`: look at everything (the scan before the watermark). */
export async function scan(db: Db, { now, email, full = false }: { now: Date; email?: boolean; full?: boolean }): Promise<ScanResult> {
  const today = todayDate(now);
  // The first deployment's rule (remindersBacklogDay): each rule below holds today and did not on the backlog day.
  const since = await remindersSince(db, today);
  const seen = await readChanges(db);
  const settings = await getNotificationSettings(db);
  const passes = plan(seen, today, full);
  const out: ScanResult = {};
  for (const pass of passes) await runRules(db, pass, { today, since, settings, email }, out);
  if (passes.length > 0) {
    await saveWatermark(db, seen, today);
    if (passes.includes(EVERYTHING)) checkedEverything = true;
  }
  if (digestDue(now, settings.digestTime)) out.DIGEST = await digest(db, today, { email });
  return out;
}

/** The rules, each as one INSERT … SELECT over the rows `pass` looks at. */
async function runRules(db: Db, pass: Pass, ctx: { today: Date; since: Date; settings: NotificationSettings; email?: boolean }, out: ScanResult): Promise<void> {
  const { today, since, settings, email } = ctx;
  const todayIso = isoDay(today);
  const backlogDay = remindersBacklogDay(since);
  const heldBefore = [backlogDay, ...(pass.heldOn ? [pass.heldOn] : [])];
  const becameDue = (rule: (day: Date) => Prisma.Sql) => Prisma.sql`(${rule(today)} ${Prisma.join(heldBefore.map((d) => Prisma.sql`AND NOT ${rule(d)}`), " ")})`;
  const add = async (kind: NotificationKind, rows: Prisma.Sql) => {
    out[kind] = (out[kind] ?? 0) + (await insertNotifications(db, kind, rows, { email }));
  };
  const project = (kind: NotificationKind, occasion: Prisma.Sql, data: Prisma.Sql, where: Prisma.Sql, recipient = Prisma.sql`JOIN app_user u ON u.id = p.owner_id`) =>
    Prisma.sql`SELECT u.id AS user_id, 'project:' || p.id AS subject, ${occasion} AS occasion, p.id AS project_id, ${data} AS data
      FROM project p ${recipient}
     WHERE ${where} AND ${pass.projects} AND ${recipientSql(kind)}`;

  if (pass.projects) {
    // A follow-up due today: the owner, once per day. Its occasion is the day, and it never holds on two days: the
    // "new day" pass needs no "did not hold then" (nor did the backlog rule ever apply to it).
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
  }

  if (pass.commitments) {
    // Milestones turning yellow or red (the colour rule decides), once per colour and deadline.
    const ms = await getMilestoneSettings(db);
    const horizon = new Date(today.getTime() + ms.warnDays * DAY_MS);
    const candidates = await db.$queryRaw<{ id: number; kind: string; due: string }[]>`
      SELECT m.id, m.kind::text AS kind, to_char(m.due_on, 'YYYY-MM-DD') AS due
        FROM commitment m JOIN project p ON p.id = m.project_id
       WHERE ${unreachedMilestoneSql(horizon, "m", "p")} AND ${pass.commitments}`;
    for (const colour of ["YELLOW", "RED"] as const) {
      const colourOn = (c: (typeof candidates)[number], day: Date) => milestoneColour({ dueOn: c.due, reachedOn: null }, isoDay(day), ms) === colour;
      const these = candidates.filter((c) => sentOnceDue(colourOn(c, today), colourOn(c, backlogDay)) && !(pass.heldOn && colourOn(c, pass.heldOn)));
      if (these.length === 0) continue;
      const kind = colour === "RED" ? "MILESTONE_RED" : "MILESTONE_YELLOW";
      await add(kind, Prisma.sql`
        SELECT u.id AS user_id, 'commitment:' || x.id AS subject, ${colour}::varchar || ':' || x.due AS occasion, p.id AS project_id,
               jsonb_build_object('milestone', x.kind, 'dueOn', x.due) AS data
          FROM unnest(${these.map((c) => c.id)}::int[], ${these.map((c) => c.kind)}::text[], ${these.map((c) => c.due)}::text[]) AS x(id, kind, due)
          JOIN commitment m ON m.id = x.id JOIN project p ON p.id = m.project_id JOIN app_user u ON u.id = p.owner_id
         WHERE ${recipientSql(kind)}`);
    }
  }

  if (pass.orders) {
    // A supervision order nearing its answer deadline: the assignee, once per deadline.
    await add("SUPERVISION_DUE_SOON", Prisma.sql`
      SELECT u.id AS user_id, 'supervision:' || o.id AS subject, ${ymd(Prisma.sql`o.answer_due_on`)} AS occasion, p.id AS project_id,
             jsonb_build_object('dueOn', ${ymd(Prisma.sql`o.answer_due_on`)}) AS data
        FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.assignee_id
       WHERE o.status = ANY(${[...UNRESOLVED_SUPERVISION]}::"SupervisionStatus"[])
         AND ${becameDue((day) => Prisma.sql`(NOT ${supervisionRedSql(day, "o")} AND o.answer_due_on <= ${new Date(day.getTime() + SUPERVISION_WARN_DAYS * DAY_MS)}::date)`)}
         AND ${pass.orders} AND ${recipientSql("SUPERVISION_DUE_SOON")}`);

    // Supervision answers to review: the issuer, once per answer (plan or progress note).
    if (pass.toReview) {
      await add("SUPERVISION_TO_REVIEW", Prisma.sql`
        SELECT u.id AS user_id, 'supervision:' || o.id AS subject, s.id::varchar AS occasion, p.id AS project_id,
               jsonb_build_object('by', (SELECT a.name FROM app_user a WHERE a.id = s.author_id)) AS data
          FROM supervision_order o JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE JOIN app_user u ON u.id = o.issued_by_id
          JOIN LATERAL (SELECT st.id, st.author_id, st.at FROM supervision_step st WHERE st.order_id = o.id AND st.kind IN ('PLAN', 'PROGRESS')
                        ORDER BY st.at DESC, st.id DESC LIMIT 1) s ON TRUE
         WHERE o.status = 'ANSWERED' AND s.author_id <> u.id AND s.at >= ${new Date(`${isoDay(since)}T00:00:00+08:00`)}
           AND ${pass.orders} AND ${recipientSql("SUPERVISION_TO_REVIEW")}`);
    }
  }
}
