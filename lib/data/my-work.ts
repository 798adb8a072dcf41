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
import { projectScope, projectScopeSql } from "@/lib/auth/scope";
import { STALL_DAYS, inPlaySql, lastActivitySql, overdueSql, stalledSql } from "@/lib/data/dashboard/sql";
import { todayDate } from "@/lib/validation/fields";
import { daysBetween } from "@/lib/format/dates";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

export type MyWorkView = "mine" | "unit";

export const UPCOMING_DAYS = 14;
/** My work lists what has been stalled for the first of the dashboard's thresholds (30 days). */
const STALLED_AFTER_DAYS = STALL_DAYS[0];
export const LIST_LIMIT = 50;
export const ACTIVITY_LIMIT = 20;

const DAY_MS = 86_400_000;

/** Managers and admins may switch to the view of everything in their scope. */
export function canSeeUnitView(user: Pick<CurrentUser, "role">): boolean {
  return user.role === "MANAGER" || user.role === "ADMIN";
}

export type WorkProject = {
  id: number;
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
  overdue: { rows: FollowUpRow[]; total: number };
  upcoming: { rows: FollowUpRow[]; total: number };
  stalled: { rows: StalledRow[]; total: number };
  activity: ActivityItem[];
};

type ListRow = {
  id: number;
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
 * owner. The total is an uncorrelated subquery (run once): unlike a window
 * count it leaves the page its top-N sort, and the count its index-only scan.
 * With no row the total is 0: the page starts at the first match.
 */
async function workList(db: Db, where: Prisma.Sql, order: Prisma.Sql): Promise<{ rows: ListRow[]; total: number }> {
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT p.id, p.title, p.stage::text AS stage, p.owner_id, o.name AS owner_name,
           c.name_zh AS company_zh, c.name_en AS company_en,
           p.next_follow_up_on, p.last_round_on, ${lastActivitySql()} AS last_activity_on,
           (SELECT COUNT(*)::int FROM project p WHERE ${where}) AS total
      FROM (SELECT p.id FROM project p WHERE ${where} ORDER BY ${order} LIMIT ${LIST_LIMIT}) pg
      JOIN project p ON p.id = pg.id
      JOIN company c ON c.id = p.company_id
      JOIN app_user o ON o.id = p.owner_id
     ORDER BY ${order}`;
  return { rows, total: rows.length > 0 ? rows[0].total : 0 };
}

function toWorkProject(r: ListRow, user: Actor): WorkProject {
  return {
    id: r.id,
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

/** The projects in view: the user's scope, and their own only in the "mine" view. */
function inViewSql(user: Actor, view: MyWorkView): Prisma.Sql {
  return Prisma.sql`${projectScopeSql(user)} ${view === "mine" ? Prisma.sql`AND p.owner_id = ${user.id}` : Prisma.empty}`;
}

/**
 * Three statements, one a list with its total, on the shared rules
 * (lib/data/dashboard/sql.ts): overdue is overdueSql, as the project list's
 * overdue=1 and the dashboard; upcoming, a follow-up from today through
 * UPCOMING_DAYS ahead on a project still in play (inPlaySql); stalled is
 * stalledSql at the dashboard's first threshold.
 */
export async function getMyWork(db: Db, user: Actor, input: { view?: MyWorkView; today?: Date } = {}): Promise<MyWork> {
  const view: MyWorkView = input.view === "unit" && canSeeUnitView(user) ? "unit" : "mine";
  const today = input.today ?? todayDate();
  const horizon = new Date(today.getTime() + UPCOMING_DAYS * DAY_MS);
  const stallCutoff = new Date(today.getTime() - STALLED_AFTER_DAYS * DAY_MS);
  const inView = inViewSql(user, view);
  const byFollowUp = Prisma.sql`p.next_follow_up_on, p.id`;

  const [overdue, upcoming, stalled, activity] = await Promise.all([
    workList(db, Prisma.sql`${inView} AND ${overdueSql(today)}`, byFollowUp),
    workList(db, Prisma.sql`${inView} AND p.next_follow_up_on >= ${today}::date AND p.next_follow_up_on <= ${horizon}::date AND ${inPlaySql()}`, byFollowUp),
    // Never-met projects first (by first contact), then the longest silence.
    workList(db, Prisma.sql`${inView} AND ${stalledSql(stallCutoff)}`, Prisma.sql`p.last_round_on ASC NULLS FIRST, p.first_contact_on, p.id`),
    recentActivity(db, user, view),
  ]);

  const followUp = (r: ListRow): FollowUpRow => ({ ...toWorkProject(r, user), nextFollowUpOn: r.next_follow_up_on!, daysUntil: daysBetween(today, r.next_follow_up_on!) });
  return {
    view,
    today,
    overdue: { rows: overdue.rows.map(followUp), total: overdue.total },
    upcoming: { rows: upcoming.rows.map(followUp), total: upcoming.total },
    stalled: {
      rows: stalled.rows.map((r) => ({
        ...toWorkProject(r, user),
        neverMet: r.last_round_on === null,
        daysSilent: daysBetween(r.last_activity_on, today),
      })),
      total: stalled.total,
    },
    activity,
  };
}

/**
 * The latest things that happened on the projects in view: negotiation rounds
 * and stage changes (from their own tables, which say the most), and the
 * audit trail's other entries about the projects themselves (created, edited,
 * owner changed …).
 */
async function recentActivity(db: Db, user: Actor, view: MyWorkView): Promise<ActivityItem[]> {
  const projectWhere: Prisma.ProjectWhereInput = { AND: [projectScope(user), view === "mine" ? { ownerId: user.id } : {}] };

  const [rounds, stages, audits] = await Promise.all([
    db.negotiationRound.findMany({
      where: { project: projectWhere },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ACTIVITY_LIMIT,
      select: {
        createdAt: true,
        number: true,
        heldOn: true,
        summary: true,
        createdBy: { select: { name: true } },
        project: { select: { id: true, title: true } },
      },
    }),
    db.stageChange.findMany({
      where: { project: projectWhere },
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
      take: ACTIVITY_LIMIT,
      select: {
        changedAt: true,
        fromStage: true,
        toStage: true,
        reason: true,
        changedBy: { select: { name: true } },
        project: { select: { id: true, title: true } },
      },
    }),
    // Entries about a project itself and its funds in place; rounds and stage
    // moves are listed from their own tables, which say more.
    db.$queryRaw<{ at: Date; action: string; actor_name: string | null; project_id: number; project_title: string }[]>`
      SELECT e.at, e.action, u.name AS actor_name, p.id AS project_id, p.title AS project_title
        FROM (
              SELECT a.id, a.at, a.action, a.actor_id, a.entity_id AS project_key
                FROM audit_log a
               WHERE a.entity = 'project' AND a.action NOT ILIKE '%stage%' AND a.action NOT ILIKE '%round%'
              UNION ALL
              SELECT a.id, a.at, a.action, a.actor_id, a.after->>'projectId' AS project_key
                FROM audit_log a
               WHERE a.entity = 'funds_in_place'
             ) e
        JOIN project p ON p.id::text = e.project_key
        LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE ${inViewSql(user, view)}
       ORDER BY e.at DESC, e.id DESC
       LIMIT ${ACTIVITY_LIMIT}`,
  ]);

  const items: ActivityItem[] = [
    ...rounds.map(
      (r): ActivityItem => ({
        kind: "round",
        at: r.createdAt,
        projectId: r.project.id,
        projectTitle: r.project.title,
        actorName: r.createdBy.name,
        number: r.number,
        heldOn: r.heldOn,
        summary: r.summary,
      }),
    ),
    ...stages.map(
      (s): ActivityItem => ({
        kind: "stage",
        at: s.changedAt,
        projectId: s.project.id,
        projectTitle: s.project.title,
        actorName: s.changedBy.name,
        fromStage: s.fromStage,
        toStage: s.toStage,
        reason: s.reason,
      }),
    ),
    ...audits.map(
      (a): ActivityItem => ({ kind: "audit", at: a.at, projectId: a.project_id, projectTitle: a.project_title, actorName: a.actor_name, action: a.action }),
    ),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, ACTIVITY_LIMIT);
}
