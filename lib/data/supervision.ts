import "server-only";
/**
 * Supervision orders (督办): issue one on a project, answer it with a plan and
 * progress notes, resolve or escalate it. Every step is a dated row with its
 * author, written with its audit row in one transaction; steps carry the
 * order's version (a stale one is refused) and a request id (a double submit
 * writes one). The rules — statuses, red, who may do what — are in
 * lib/domain/supervision.ts; the scope is the project's (projectScope): an
 * order on another unit's project is not found.
 */
import { notifyUser } from "@/lib/notify/insert";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SupervisionStatus, SupervisionStepKind } from "@/lib/generated/prisma/enums";
import { projectFilterSql, projectScope, projectScopeSql, supervisionRedSql } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { assertVersion, createOnce, formStrings, type Tx } from "@/lib/data/transactions";
import { lockProject } from "@/lib/data/stage";
import { UNRESOLVED_SUPERVISION, isSupervisionRed, mayAnswer, mayEscalate, mayResolve, statusAfter } from "@/lib/domain/supervision";
import { dayStart } from "@/lib/domain/period";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import type { ScopeActor } from "@/lib/domain/scope";
import { may } from "@/lib/domain/policy";
import type { IssueSupervisionInput, SupervisionStepInput } from "@/lib/validation/supervision";

type Actor = Pick<CurrentUser, "id" | "name" | "role" | "unitId" | "unitIsCity">;

/** The audit action of each step. */
const STEP_AUDIT = { PLAN: "supervision.plan", PROGRESS: "supervision.progress", RESOLVE: "supervision.resolve", ESCALATE: "supervision.escalate" } as const;

export type SupervisionWriteResult = { id: number; projectId: number; version: number; status: SupervisionStatus };

const ORDER_SELECT = {
  id: true,
  projectId: true,
  unitId: true,
  requirement: true,
  answerDueOn: true,
  assigneeId: true,
  issuedById: true,
  status: true,
  closedAt: true,
  version: true,
} as const;

/** Issues an order on a project in the manager's scope; the assignee defaults to the project's owner and must be an active user of its unit. */
export async function issueSupervision(db: Db, user: Actor, input: IssueSupervisionInput): Promise<SupervisionWriteResult> {
  if (!may(user, "superviseProjects")) throw new ForbiddenError();
  const findExisting = async (tx: Tx) => {
    const order = await tx.supervisionOrder.findFirst({
      where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } },
      select: { id: true, projectId: true, version: true, status: true },
    });
    return order;
  };
  return createOnce(db, findExisting, async (tx) => {
    const locked = await lockProject(tx, user, input.projectId);
    const again = await findExisting(tx);
    if (again) return again;
    const project = await tx.project.findUniqueOrThrow({ where: { id: locked.id }, select: { id: true, unitId: true, ownerId: true } });
    const assigneeId = input.assigneeId ?? project.ownerId;
    if (assigneeId !== project.ownerId) {
      const assignee = await tx.user.findFirst({ where: { id: assigneeId, unitId: project.unitId, disabledAt: null }, select: { id: true } });
      if (!assignee) throw new RuleError("invalid", { assigneeId: "choose" });
    }
    const order = await tx.supervisionOrder.create({
      data: {
        projectId: project.id,
        unitId: project.unitId,
        requirement: input.requirement,
        answerDueOn: input.answerDueOn,
        assigneeId,
        issuedById: user.id,
        requestId: input.requestId,
      },
      select: ORDER_SELECT,
    });
    await writeAudit(tx, { actorId: user.id, action: "supervision.issue", entity: "supervision_order", entityId: order.id, after: order });
    // The assignee hears of it (issue 17), in this transaction.
    if (assigneeId !== user.id) {
      await notifyUser(tx, { kind: "SUPERVISION_ISSUED", userId: assigneeId, projectId: project.id, subject: `supervision:${order.id}`, occasion: "issued", data: { dueOn: input.answerDueOn.toISOString().slice(0, 10) } });
    }
    return { id: order.id, projectId: order.projectId, version: order.version, status: order.status };
  });
}

/**
 * Adds a step to an order in the user's scope: a plan or progress note (the
 * assignee, the project's owner or a manager), or its resolution or
 * escalation (a manager; see lib/domain/supervision.ts). The order's version
 * must be the one the form loaded.
 */
export async function addSupervisionStep(db: Db, user: Actor, input: SupervisionStepInput): Promise<SupervisionWriteResult> {
  const findExisting = async (tx: Tx) => {
    const step = await tx.supervisionStep.findFirst({
      where: { requestId: input.requestId, order: { id: input.orderId, project: projectScope(user) } },
      select: { order: { select: { id: true, projectId: true, version: true, status: true } } },
    });
    return step?.order ?? null;
  };
  return createOnce(db, findExisting, async (tx) => {
    await tx.$queryRaw`SELECT id FROM supervision_order WHERE id = ${input.orderId} FOR UPDATE`;
    const again = await findExisting(tx);
    if (again) return again;
    const order = await tx.supervisionOrder.findFirst({
      where: { id: input.orderId, project: projectScope(user) },
      select: { ...ORDER_SELECT, project: { select: { ownerId: true } } },
    });
    if (!order) throw new NotFoundError();
    const facts = { status: order.status, assigneeId: order.assigneeId, projectOwnerId: order.project.ownerId };
    const allowed =
      input.kind === "RESOLVE" ? mayResolve(user, facts) : input.kind === "ESCALATE" ? mayEscalate(user, facts) : mayAnswer(user, facts);
    if (!allowed) {
      // A role that may never do it is refused; a state that does not allow it is a rule of the order.
      const roleAllows = input.kind === "RESOLVE" || input.kind === "ESCALATE" ? may(user, "superviseProjects") : mayAnswer(user, { ...facts, status: "OPEN" });
      if (!roleAllows) throw new ForbiddenError();
      if (input.kind !== "RESOLVE" || order.status !== "ESCALATED") throw new RuleError("supervision.rules.notNow");
      throw new ForbiddenError();
    }
    await assertVersion(tx, { entity: "supervision_order", id: order.id, version: order.version, values: formStrings({ status: order.status }) }, input.version);

    const status = statusAfter(order.status, input.kind);
    const step = await tx.supervisionStep.create({
      data: { orderId: order.id, kind: input.kind, body: input.body, authorId: user.id, requestId: input.requestId },
      select: { id: true, kind: true, body: true, authorId: true, at: true },
    });
    const updated = await tx.supervisionOrder.update({
      where: { id: order.id },
      data: { status, version: { increment: 1 }, ...(status === "RESOLVED" ? { closedAt: new Date() } : {}) },
      select: ORDER_SELECT,
    });
    const { project: _project, ...before } = order;
    await writeAudit(tx, {
      actorId: user.id,
      action: STEP_AUDIT[input.kind],
      entity: "supervision_order",
      entityId: order.id,
      before,
      after: { ...updated, step },
    });
    return { id: updated.id, projectId: updated.projectId, version: updated.version, status: updated.status };
  });
}

export type SupervisionStepView = { id: number; kind: SupervisionStepKind; body: string; at: Date; author: string };
export type SupervisionOrderView = {
  id: number;
  requirement: string;
  answerDueOn: Date;
  status: SupervisionStatus;
  version: number;
  red: boolean;
  assignee: string;
  issuedBy: string;
  createdAt: Date;
  steps: SupervisionStepView[];
  /** What this user may do with it now. */
  can: { answer: boolean; resolve: boolean; escalate: boolean };
};

/** The orders on one project in the user's scope (another unit's: none), newest first, with their steps and what the user may do. */
export async function listProjectSupervision(db: Db, user: Actor, projectId: number, today: Date): Promise<SupervisionOrderView[]> {
  const orders = await db.supervisionOrder.findMany({
    where: { projectId, project: projectScope(user) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      ...ORDER_SELECT,
      createdAt: true,
      project: { select: { ownerId: true } },
      assignee: { select: { name: true } },
      issuedBy: { select: { name: true } },
      steps: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, kind: true, body: true, at: true, author: { select: { name: true } } } },
    },
  });
  return orders.map((o) => {
    const facts = { status: o.status, assigneeId: o.assigneeId, projectOwnerId: o.project.ownerId };
    return {
      id: o.id,
      requirement: o.requirement,
      answerDueOn: o.answerDueOn,
      status: o.status,
      version: o.version,
      red: isSupervisionRed(o, today),
      assignee: o.assignee.name,
      issuedBy: o.issuedBy.name,
      createdAt: o.createdAt,
      steps: o.steps.map((s) => ({ id: s.id, kind: s.kind, body: s.body, at: s.at, author: s.author.name })),
      can: { answer: mayAnswer(user, facts), resolve: mayResolve(user, facts), escalate: mayEscalate(user, facts) },
    };
  });
}

export type SupervisionWorkRow = {
  id: number;
  projectId: number;
  projectTitle: string;
  requirement: string;
  answerDueOn: Date;
  status: SupervisionStatus;
  red: boolean;
  assignee: string;
};

const WORK_LIMIT = 20;

/**
 * My work's two lists, one query each: the open orders the user must answer
 * (assigned to them, or on a project they own), and — for managers — the
 * answered orders in their scope to review (with the escalated ones for the
 * city level, who resolve those). Red ones first, then by deadline.
 */
export async function supervisionWork(db: Db, user: Actor, today: Date): Promise<{ toAnswer: SupervisionWorkRow[]; toReview: SupervisionWorkRow[] | null }> {
  const rows = (where: Prisma.Sql) => db.$queryRaw<SupervisionWorkRow[]>`
    SELECT o.id, o.project_id AS "projectId", p.title AS "projectTitle", o.requirement, o.answer_due_on AS "answerDueOn",
           o.status::text AS status, ${supervisionRedSql(today, "o")} AS red, u.name AS assignee
      FROM supervision_order o
      JOIN project p ON p.id = o.project_id
      JOIN app_user u ON u.id = o.assignee_id
     WHERE ${projectScopeSql(user, "p")} AND ${where}
     ORDER BY red DESC, o.answer_due_on, o.id
     LIMIT ${WORK_LIMIT}`;
  const reviewStatuses = user.role === "ADMIN" || user.unitIsCity ? ["ANSWERED", "ESCALATED"] : ["ANSWERED"];
  const [toAnswer, toReview] = await Promise.all([
    rows(Prisma.sql`o.status = 'OPEN'::"SupervisionStatus" AND (o.assignee_id = ${user.id} OR p.owner_id = ${user.id})`),
    may(user, "superviseProjects") ? rows(Prisma.sql`o.status::text = ANY(${reviewStatuses}::text[])`) : Promise.resolve(null),
  ]);
  return { toAnswer, toReview };
}

export type SupervisionUnitRow = { unitId: number; nameZh: string; nameEn: string; open: number; overdue: number; closed: number };

/**
 * The dashboard's supervision counts per unit in scope (one query): orders
 * still open, of those the overdue (red as of `today`), and those resolved in
 * the period (its days in the bureau's time zone). Units without orders are left out.
 */
export async function supervisionByUnit(
  db: Pick<Db, "$queryRaw">,
  user: ScopeActor,
  /** The dashboard's period and filters (its project filter, scope included: an officer's own work is its owner filter). */
  filters: DashboardFilters,
  today: Date,
): Promise<SupervisionUnitRow[]> {
  const { period } = filters;
  return db.$queryRaw<SupervisionUnitRow[]>`
    SELECT u.id AS "unitId", u.name_zh AS "nameZh", u.name_en AS "nameEn",
           (count(*) FILTER (WHERE o.status::text = ANY(${[...UNRESOLVED_SUPERVISION]}::text[])))::int AS open,
           (count(*) FILTER (WHERE ${supervisionRedSql(today, "o")}))::int AS overdue,
           (count(*) FILTER (WHERE o.status = 'RESOLVED'::"SupervisionStatus" AND o.closed_at >= ${dayStart(period.from)} AND o.closed_at < ${dayStart(period.to)}))::int AS closed
      FROM supervision_order o
      JOIN project p ON p.id = o.project_id
      JOIN unit u ON u.id = o.unit_id
     WHERE ${projectFilterSql(user, filters)}
     GROUP BY u.id
     ORDER BY overdue DESC, open DESC, u.id`;
}
