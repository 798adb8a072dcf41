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
import { STALL_DAYS, STALL_STAGES } from "@/lib/data/dashboard/sql";
import { todayDate } from "@/lib/validation/fields";
import { daysBetween } from "@/lib/format/dates";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

export type MyWorkView = "mine" | "unit";

/** Stages in which a follow-up date still asks for action (not lost, not yet running on its own). */
export const FOLLOW_UP_STAGES: Stage[] = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "ON_HOLD"];
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

const projectSelect = {
  id: true,
  title: true,
  stage: true,
  ownerId: true,
  nextFollowUpOn: true,
  lastRoundOn: true,
  firstContactOn: true,
  company: { select: { nameZh: true, nameEn: true } },
  owner: { select: { name: true } },
} satisfies Prisma.ProjectSelect;

type Selected = Prisma.ProjectGetPayload<{ select: typeof projectSelect }>;

function toWorkProject(p: Selected, user: Actor): WorkProject {
  return {
    id: p.id,
    title: p.title,
    companyNameZh: p.company.nameZh,
    companyNameEn: p.company.nameEn,
    stage: p.stage,
    ownerName: p.owner.name,
    isMine: p.ownerId === user.id,
    nextFollowUpOn: p.nextFollowUpOn,
    lastRoundOn: p.lastRoundOn,
  };
}

export async function getMyWork(db: Db, user: Actor, input: { view?: MyWorkView; today?: Date } = {}): Promise<MyWork> {
  const view: MyWorkView = input.view === "unit" && canSeeUnitView(user) ? "unit" : "mine";
  const today = input.today ?? todayDate();
  const horizon = new Date(today.getTime() + UPCOMING_DAYS * DAY_MS);
  const stallCutoff = new Date(today.getTime() - STALLED_AFTER_DAYS * DAY_MS);
  const base: Prisma.ProjectWhereInput = { AND: [projectScope(user), view === "mine" ? { ownerId: user.id } : {}] };

  const overdueWhere: Prisma.ProjectWhereInput = { AND: [base, { stage: { in: FOLLOW_UP_STAGES }, nextFollowUpOn: { lt: today } }] };
  const upcomingWhere: Prisma.ProjectWhereInput = { AND: [base, { stage: { in: FOLLOW_UP_STAGES }, nextFollowUpOn: { gte: today, lte: horizon } }] };
  // stalledSql (lib/data/dashboard/sql.ts) as a Prisma `where`: the last round
  // (or, with none yet, the first contact) is at least 30 days back.
  const stalledWhere: Prisma.ProjectWhereInput = {
    AND: [
      base,
      { stage: { in: [...STALL_STAGES] } },
      { OR: [{ lastRoundOn: { lte: stallCutoff } }, { lastRoundOn: null, firstContactOn: { lte: stallCutoff } }] },
    ],
  };

  const [overdue, overdueTotal, upcoming, upcomingTotal, stalled, stalledTotal, activity] = await Promise.all([
    db.project.findMany({ where: overdueWhere, orderBy: [{ nextFollowUpOn: "asc" }, { id: "asc" }], take: LIST_LIMIT, select: projectSelect }),
    db.project.count({ where: overdueWhere }),
    db.project.findMany({ where: upcomingWhere, orderBy: [{ nextFollowUpOn: "asc" }, { id: "asc" }], take: LIST_LIMIT, select: projectSelect }),
    db.project.count({ where: upcomingWhere }),
    // Never-met projects first, then the longest silence.
    db.project.findMany({
      where: stalledWhere,
      orderBy: [{ lastRoundOn: { sort: "asc", nulls: "first" } }, { firstContactOn: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select: projectSelect,
    }),
    db.project.count({ where: stalledWhere }),
    recentActivity(db, user, view),
  ]);

  const followUp = (p: Selected): FollowUpRow => ({ ...toWorkProject(p, user), nextFollowUpOn: p.nextFollowUpOn!, daysUntil: daysBetween(today, p.nextFollowUpOn!) });
  return {
    view,
    today,
    overdue: { rows: overdue.map(followUp), total: overdueTotal },
    upcoming: { rows: upcoming.map(followUp), total: upcomingTotal },
    stalled: {
      rows: stalled.map((p) => ({
        ...toWorkProject(p, user),
        neverMet: p.lastRoundOn === null,
        daysSilent: daysBetween(p.lastRoundOn ?? p.firstContactOn, today),
      })),
      total: stalledTotal,
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
  const projectFilterSql = Prisma.sql`${projectScopeSql(user)} ${view === "mine" ? Prisma.sql`AND p.owner_id = ${user.id}` : Prisma.empty}`;

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
       WHERE ${projectFilterSql}
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
