import "server-only";
/**
 * "My work", the officer's home page: overdue and upcoming follow-ups,
 * projects with no round for 30+ days, and recent activity — on the user's own
 * projects, or (managers and admins) on every project in their scope.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";
import { may } from "@/lib/domain/policy";
import { DAY_MS } from "@/lib/domain/period";
import { boundedCountSql, inPlaySql, lastActivitySql, projectFilterSql, projectScopeSql } from "@/lib/data/sql-rules";
import { ownProjectsFilter } from "@/lib/domain/scope";
import type { ProjectFilter } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import { daysBetween } from "@/lib/format/dates";
import { listMilestoneAlerts, type MilestoneAlert } from "@/lib/data/commitments";
import { isoDay } from "@/lib/domain/period";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

export type MyWorkView = "mine" | "unit";

export const UPCOMING_DAYS = 14;
/** My work lists what is stalled at all: past its stage's limit (the dashboard's first count, the list's stalled=0). */
const STALLED_STEP = 0;
export const LIST_LIMIT = 50;
/**
 * The stalled list's order: never-met projects first (by first contact), then the longest silence. An index
 * holds the stall stages' projects in it (project_silence_idx, migration 20261201250200), so the first
 * LIST_LIMIT are read along it instead of sorting every stalled project in scope.
 */
export const STALLED_ORDER = Prisma.sql`p.last_round_on ASC NULLS FIRST, p.first_contact_on, p.id`;
export const ACTIVITY_LIMIT = 20;

export type WorkProject = {
  id: number;
  /** 项目编号 */
  number: string;
  title: string;
  companyNameZh: string;
  companyNameEn: string | null;
  stage: Stage;
  ownerName: string;
  isMine: boolean;
  nextFollowUpOn: Date | null;
  lastRoundOn: Date | null;
};

export type FollowUpRow = WorkProject & { nextFollowUpOn: Date; /** negative: overdue by that many days */ daysUntil: number };
export type StalledRow = WorkProject & { /** days since the last round, or since first contact when there was none */ daysSilent: number; neverMet: boolean };

export type ActivityItem =
  | { kind: "round"; at: Date; projectId: number; projectTitle: string; actorName: string | null; number: number; heldOn: Date; summary: string }
  | { kind: "stage"; at: Date; projectId: number; projectTitle: string; actorName: string | null; fromStage: Stage | null; toStage: Stage; reason: string | null }
  | { kind: "audit"; at: Date; projectId: number; projectTitle: string; actorName: string | null; action: string };

export type MyWork = {
  view: MyWorkView;
  today: Date;
  /** The projects in view as a project filter; `overdue.filter` is the list behind the overdue total. */
  inView: Partial<ProjectFilter>;
  overdue: { rows: FollowUpRow[]; filter: Partial<ProjectFilter> } & Counted;
  upcoming: { rows: FollowUpRow[] } & Counted;
  stalled: { rows: StalledRow[] } & Counted;
  activity: ActivityItem[];
  /** Red and yellow milestones of signed projects in view, red first (issue 15). */
  milestones: MilestoneAlert[];
};

/**
 * My work counts each list's matches up to this many ("more than 1,000"): it shows 50 of each, and a count up to
 * COUNT_CAP (10,000) grew with the data for a manager's unit view (a county of 10,000 projects counted ten times
 * what one of 1,000 did, issue 14); the overdue total links to the project list, which counts further.
 */
export const WORK_COUNT_CAP = 1_000;

/** A list's matches: exact, or WORK_COUNT_CAP when `totalIsAtLeast` (there are more). */
type Counted = { total: number; totalIsAtLeast: boolean };

type ListRow = {
  id: number;
  number: string;
  title: string;
  stage: Stage;
  owner_id: number;
  owner_name: string;
  company_zh: string;
  company_en: string | null;
  next_follow_up_on: Date | null;
  last_round_on: Date | null;
  /** lastActivitySql: the day the project's silence is counted from. */
  last_activity_on: Date;
  total: number;
};

/**
 * One list in one statement: the first LIST_LIMIT projects matching `where`
 * (on `project` aliased p) in `order`, and how many match. The ids are found
 * on `project` alone, then only those rows are joined to their company and
 * owner. The total is an uncorrelated subquery (run once), bounded at
 * WORK_COUNT_CAP: unlike a window count it leaves the page its top-N sort, and the
 * count its index-only scan. With no row the total is 0.
 */
async function workList(db: Db, where: Prisma.Sql, order: Prisma.Sql): Promise<{ rows: ListRow[] } & Counted> {
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT p.id, p.number, p.title, p.stage::text AS stage, p.owner_id, o.name AS owner_name,
           c.name_zh AS company_zh, c.name_en AS company_en,
           p.next_follow_up_on, p.last_round_on, ${lastActivitySql()} AS last_activity_on,
           ${boundedCountSql(where, WORK_COUNT_CAP)} AS total
      FROM (SELECT p.id FROM project p WHERE ${where} ORDER BY ${order} LIMIT ${LIST_LIMIT}) pg
      JOIN project p ON p.id = pg.id
      JOIN company c ON c.id = p.company_id
      JOIN app_user o ON o.id = p.owner_id
     ORDER BY ${order}`;
  const counted = rows.length > 0 ? rows[0].total : 0;
  return { rows, total: Math.min(counted, WORK_COUNT_CAP), totalIsAtLeast: counted > WORK_COUNT_CAP };
}

function toWorkProject(r: ListRow, user: Actor): WorkProject {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    companyNameZh: r.company_zh,
    companyNameEn: r.company_en,
    stage: r.stage,
    ownerName: r.owner_name,
    isMine: r.owner_id === user.id,
    nextFollowUpOn: r.next_follow_up_on,
    lastRoundOn: r.last_round_on,
  };
}

/** The projects in view: the user's scope, and their own only in the "mine" view (an owner filter). */
function inViewFilter(user: Actor, view: MyWorkView): Partial<ProjectFilter> {
  return view === "mine" ? ownProjectsFilter(user) : {};
}

/**
 * Four statements: one per list with its total, and the activity feed. The
 * lists are project filters (projectFilterSql, as the project list and the
 * dashboard): overdue is the list's overdue=1; stalled, its stalled=0 (past
 * the stage's limit: the dashboard's first count); upcoming, a follow-up from today through
 * UPCOMING_DAYS ahead on a project still in play (inPlaySql).
 */
export async function getMyWork(db: Db, user: Actor, input: { view?: MyWorkView; today?: Date } = {}): Promise<MyWork> {
  const view: MyWorkView = input.view === "unit" && may(user, "seeUnitWork") ? "unit" : "mine";
  const today = input.today ?? todayDate();
  const horizon = new Date(today.getTime() + UPCOMING_DAYS * DAY_MS);
  const inView = inViewFilter(user, view);
  const where = (filter: Partial<ProjectFilter>) => projectFilterSql(user, { ...inView, ...filter }, { today });
  const overdueFilter = { ...inView, overdue: true as const };
  const byFollowUp = Prisma.sql`p.next_follow_up_on, p.id`;

  const [overdue, upcoming, stalled, activity, milestones] = await Promise.all([
    workList(db, where(overdueFilter), byFollowUp),
    workList(db, Prisma.sql`${where({})} AND p.next_follow_up_on >= ${today}::date AND p.next_follow_up_on <= ${horizon}::date AND ${inPlaySql()}`, byFollowUp),
    workList(db, where({ stalled: STALLED_STEP }), STALLED_ORDER),
    recentActivity(db, where({})),
    // The scope on the milestone's own unit; its project joined only for "mine", the one view narrower than the scope.
    listMilestoneAlerts(db, { scope: projectScopeSql(user, "m"), where: view === "mine" ? where({}) : null }, isoDay(today), LIST_LIMIT),
  ]);

  const followUp = (r: ListRow): FollowUpRow => ({ ...toWorkProject(r, user), nextFollowUpOn: r.next_follow_up_on!, daysUntil: daysBetween(today, r.next_follow_up_on!) });
  return {
    view,
    today,
    inView,
    overdue: { rows: overdue.rows.map(followUp), total: overdue.total, totalIsAtLeast: overdue.totalIsAtLeast, filter: overdueFilter },
    upcoming: { rows: upcoming.rows.map(followUp), total: upcoming.total, totalIsAtLeast: upcoming.totalIsAtLeast },
    stalled: {
      rows: stalled.rows.map((r) => ({
        ...toWorkProject(r, user),
        neverMet: r.last_round_on === null,
        daysSilent: daysBetween(r.last_activity_on, today),
      })),
      total: stalled.total,
      totalIsAtLeast: stalled.totalIsAtLeast,
    },
    activity,
    milestones,
  };
}

type ActivityRow = {
  kind: ActivityItem["kind"];
  at: Date;
  project_id: number;
  project_title: string;
  actor_name: string | null;
  number: number | null;
  held_on: Date | null;
  summary: string | null;
  from_stage: Stage | null;
  to_stage: Stage | null;
  reason: string | null;
  action: string | null;
};

/**
 * The latest things that happened on the projects in view, in one statement:
 * negotiation rounds and stage changes (from their own tables, which say the
 * most), and the audit trail's other entries about the projects themselves
 * (created, edited, owner changed …) and their funds in place. Each source
 * gives its latest ACTIVITY_LIMIT, then the newest of those are kept; on the
 * same instant rounds come before stage changes, and those before audit entries.
 *
 * Each source is read newest first along an index that holds its time, id and
 * project (migration 20261202020000; stage changes: stage_change_changed_at_cover_idx),
 * so an entry out of view is passed over on the index and the scope (`inView`,
 * project aliased p) is an index-only probe of the project: a source reads about
 * ACTIVITY_LIMIT ÷ (its share in view) index entries, whatever the size of the data
 * (issue 14). Only the ACTIVITY_LIMIT entries kept are then read in full.
 */
async function recentActivity(db: Db, inView: Prisma.Sql): Promise<ActivityItem[]> {
  const rows = await db.$queryRaw<ActivityRow[]>(recentActivitySql(inView));
  return rows.map((r): ActivityItem => {
    const about = { at: r.at, projectId: r.project_id, projectTitle: r.project_title, actorName: r.actor_name };
    if (r.kind === "round") return { kind: "round", ...about, number: r.number!, heldOn: r.held_on!, summary: r.summary! };
    if (r.kind === "stage") return { kind: "stage", ...about, fromStage: r.from_stage, toStage: r.to_stage!, reason: r.reason };
    return { kind: "audit", ...about, action: r.action! };
  });
}

/** recentActivity's statement (exported for its plan test). */
export function recentActivitySql(inView: Prisma.Sql): Prisma.Sql {
  // An audit entry's project: the entry's own id for a project, the funds' projectId for funds in place (text).
  const auditProject = (key: Prisma.Sql) => Prisma.sql`(CASE WHEN ${key} ~ '^[0-9]{1,9}$' THEN ${key}::int END)`;
  return Prisma.sql`
    SELECT x.kind, x.at, p.id AS project_id, p.title AS project_title, u.name AS actor_name,
           r.number, r.held_on, r.summary, s.from_stage::text AS from_stage, s.to_stage::text AS to_stage, s.reason, a.action
      FROM (
            SELECT * FROM (
                  (SELECT 'round' AS kind, 1 AS rank, r.id::bigint AS id, r.created_at AS at, r.project_id
                     FROM negotiation_round r JOIN project p ON p.id = r.project_id
                    WHERE ${inView}
                    ORDER BY r.created_at DESC, r.id DESC LIMIT ${ACTIVITY_LIMIT})
                  UNION ALL
                  (SELECT 'stage', 2, s.id, s.changed_at, s.project_id
                     FROM stage_change s JOIN project p ON p.id = s.project_id
                    WHERE ${inView}
                    ORDER BY s.changed_at DESC, s.id DESC LIMIT ${ACTIVITY_LIMIT})
                  UNION ALL
                  -- Rounds and stage moves are listed from their own tables, which say more.
                  (SELECT 'audit', 3, a.id, a.at, p.id
                     FROM audit_log a JOIN project p ON p.id = ${auditProject(Prisma.sql`a.entity_id`)}
                    WHERE a.entity = 'project' AND a.action NOT ILIKE '%stage%' AND a.action NOT ILIKE '%round%' AND ${inView}
                    ORDER BY a.at DESC, a.id DESC LIMIT ${ACTIVITY_LIMIT})
                  UNION ALL
                  (SELECT 'audit', 3, a.id, a.at, p.id
                     FROM audit_log a JOIN project p ON p.id = ${auditProject(Prisma.sql`(a.after->>'projectId')`)}
                    WHERE a.entity = 'funds_in_place' AND ${inView}
                    ORDER BY a.at DESC, a.id DESC LIMIT ${ACTIVITY_LIMIT})
                 ) newest
             ORDER BY newest.at DESC, newest.rank, newest.id DESC
             LIMIT ${ACTIVITY_LIMIT}
           ) x
      JOIN project p ON p.id = x.project_id
      LEFT JOIN negotiation_round r ON x.kind = 'round' AND r.id = x.id
      LEFT JOIN stage_change s ON x.kind = 'stage' AND s.id = x.id
      LEFT JOIN audit_log a ON x.kind = 'audit' AND a.id = x.id
      LEFT JOIN app_user u ON u.id = (CASE x.kind WHEN 'round' THEN r.created_by_id WHEN 'stage' THEN s.changed_by_id ELSE a.actor_id END)
     ORDER BY x.at DESC, x.rank, x.id DESC`;
}
