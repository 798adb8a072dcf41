/**
 * Supervision orders (督办): issue one to a unit on a set of its projects (one
 * project: the set of one), answer it with a plan and progress notes, resolve
 * or escalate it. Every step is a dated row with its author, written with its
 * audit row in one transaction; steps carry the order's version (a stale one
 * is refused) and a request id (a double submit writes one). The rules —
 * statuses, red, who may do what — are in lib/domain/supervision.ts; the scope
 * is its projects' (projectScope): an order on another unit's projects is not found.
 */
import { notifyUser } from "@/lib/notify/insert";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SupervisionStatus, SupervisionStepKind } from "@/lib/generated/prisma/enums";
import { projectFilterSql, projectScope, projectScopeSql, projectWhereSql, supervisionAnswererSql, supervisionFirstProjectSql, supervisionRedSql } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { assertVersion, createOnce, formStrings, type Tx } from "@/lib/data/transactions";
import { SUPERVISION_LIMITS, UNRESOLVED_SUPERVISION, defaultAssignee, isSupervisionRed, mayAnswer, mayEscalate, mayIssueTo, mayResolve, statusAfter } from "@/lib/domain/supervision";
import { dayStart } from "@/lib/domain/period";
import { fromSearchParams } from "@/lib/domain/project-filter";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { unitInScope, type ScopeActor } from "@/lib/domain/scope";
import { may } from "@/lib/domain/policy";
import type { IssueSupervisionInput, SupervisionStepInput } from "@/lib/validation/supervision";

type Actor = Pick<CurrentUser, "id" | "name" | "role" | "unitId" | "unitIsCity">;

/** The audit action of each step. */
const STEP_AUDIT = { PLAN: "supervision.plan", PROGRESS: "supervision.progress", RESOLVE: "supervision.resolve", ESCALATE: "supervision.escalate" } as const;

/** `projectId`: the set's first project (where a single link goes); `projectIds`: the whole set. */
export type SupervisionWriteResult = { id: number; projectId: number; projectIds: number[]; version: number; status: SupervisionStatus };

const ORDER_SELECT = {
  id: true,
  unitId: true,
  requirement: true,
  answerDueOn: true,
  assigneeId: true,
  issuedById: true,
  status: true,
  closedAt: true,
  version: true,
} as const;

/** An order's set, ordered by project id. */
const SET_SELECT = { orderBy: { projectId: "asc" }, select: { projectId: true, project: { select: { ownerId: true } } } } as const;

const result = (o: { id: number; version: number; status: SupervisionStatus; projects: { projectId: number }[] }): SupervisionWriteResult => ({
  id: o.id,
  projectId: o.projects[0]?.projectId ?? 0,
  projectIds: o.projects.map((p) => p.projectId),
  version: o.version,
  status: o.status,
});

/**
 * The set an order is issued on, resolved now (and so frozen): the projects
 * named, and those the list's filter shows in `unitId`. Every one must be in
 * the user's scope (else not found) and of one unit.
 */
async function resolveSet(tx: Tx, user: Actor, input: IssueSupervisionInput): Promise<{ unitId: number; projects: { id: number; ownerId: number }[] }> {
  const ids = new Set<number>([...(input.projectId !== undefined ? [input.projectId] : []), ...(input.projectIds ?? [])]);
  if (input.query !== undefined && input.unitId !== undefined) {
    if (!unitInScope(user, input.unitId)) throw new NotFoundError();
    const { sort: _s, dir: _d, page: _p, ...filter } = fromSearchParams(new URLSearchParams(input.query));
    const where = await projectWhereSql(tx, user, { ...filter, unitId: input.unitId });
    const rows = await tx.$queryRaw<{ id: number }[]>`SELECT p.id FROM project p WHERE ${where} ORDER BY p.id LIMIT ${SUPERVISION_LIMITS.projects + 1}`;
    for (const r of rows) ids.add(r.id);
  }
  if (ids.size === 0) throw new RuleError("supervision.rules.noProjects");
  if (ids.size > SUPERVISION_LIMITS.projects) throw new RuleError("supervision.rules.tooMany");
  // Locked in id order (two orders on overlapping sets wait rather than deadlock), so no project moves unit meanwhile.
  const projects = await tx.$queryRaw<{ id: number; unitId: number; ownerId: number }[]>`
    SELECT p.id, p.unit_id AS "unitId", p.owner_id AS "ownerId" FROM project p
     WHERE p.id = ANY(${[...ids]}::int[]) AND ${projectScopeSql(user, "p")} ORDER BY p.id FOR UPDATE`;
  if (projects.length !== ids.size) throw new NotFoundError();
  const units = new Set(projects.map((p) => p.unitId));
  if (input.unitId !== undefined) units.add(input.unitId);
  if (units.size !== 1) throw new RuleError("supervision.rules.oneUnit");
  return { unitId: projects[0].unitId, projects };
}

/**
 * Issues ONE order to a unit on a set of its projects (see resolveSet), by a
 * manager whose scope holds the unit. Who answers: the one named (an active
 * user of the unit), else the rule's default (defaultAssignee).
 */
export async function issueSupervision(db: Db, user: Actor, input: IssueSupervisionInput): Promise<SupervisionWriteResult> {
  if (!may(user, "superviseProjects")) throw new ForbiddenError();
  const findExisting = async (tx: Tx) => {
    const order = await tx.supervisionOrder.findFirst({
      where: { requestId: input.requestId, issuedById: user.id },
      select: { id: true, version: true, status: true, projects: SET_SELECT },
    });
    return order ? result(order) : null;
  };
  return createOnce(db, findExisting, async (tx) => {
    const set = await resolveSet(tx, user, input);
    const again = await findExisting(tx);
    if (again) return again;
    if (!mayIssueTo(user, set.unitId)) throw new NotFoundError();
    const ownerIds = set.projects.map((p) => p.ownerId);
    const managers = await tx.user.findMany({ where: { unitId: set.unitId, role: "MANAGER", disabledAt: null }, select: { id: true } });
    const assigneeId = input.assigneeId ?? defaultAssignee(ownerIds, managers.map((m) => m.id));
    if (assigneeId === null) throw new RuleError("invalid", { assigneeId: "choose" });
    if (!(ownerIds.length === 1 && assigneeId === ownerIds[0])) {
      const assignee = await tx.user.findFirst({ where: { id: assigneeId, unitId: set.unitId, disabledAt: null }, select: { id: true } });
      if (!assignee) throw new RuleError("invalid", { assigneeId: "choose" });
    }
    const projectIds = set.projects.map((p) => p.id);
    const order = await tx.supervisionOrder.create({
      data: {
        unitId: set.unitId,
        requirement: input.requirement,
        answerDueOn: input.answerDueOn,
        assigneeId,
        issuedById: user.id,
        requestId: input.requestId,
        projects: { create: projectIds.map((projectId) => ({ projectId })) },
      },
      select: ORDER_SELECT,
    });
    await writeAudit(tx, { actorId: user.id, action: "supervision.issue", entity: "supervision_order", entityId: order.id, after: { ...order, projectIds } });
    // The assignee hears of it (issue 17), in this transaction; the notice opens the set's first project.
    if (assigneeId !== user.id) {
      await notifyUser(tx, { kind: "SUPERVISION_ISSUED", userId: assigneeId, projectId: projectIds[0], subject: `supervision:${order.id}`, occasion: "issued", data: { dueOn: input.answerDueOn.toISOString().slice(0, 10) } });
    }
    return { id: order.id, projectId: projectIds[0], projectIds, version: order.version, status: order.status };
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
      where: { requestId: input.requestId, order: { id: input.orderId, projects: { some: { project: projectScope(user) } } } },
      select: { order: { select: { id: true, version: true, status: true, projects: SET_SELECT } } },
    });
    return step ? result(step.order) : null;
  };
  return createOnce(db, findExisting, async (tx) => {
    await tx.$queryRaw`SELECT id FROM supervision_order WHERE id = ${input.orderId} FOR UPDATE`;
    const again = await findExisting(tx);
    if (again) return again;
    const order = await tx.supervisionOrder.findFirst({
      where: { id: input.orderId, projects: { some: { project: projectScope(user) } } },
      select: { ...ORDER_SELECT, projects: SET_SELECT },
    });
    if (!order) throw new NotFoundError();
    const facts = { status: order.status, assigneeId: order.assigneeId, projectOwnerIds: order.projects.map((p) => p.project.ownerId) };
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
    const { projects, ...before } = order;
    await writeAudit(tx, {
      actorId: user.id,
      action: STEP_AUDIT[input.kind],
      entity: "supervision_order",
      entityId: order.id,
      before,
      after: { ...updated, step },
    });
    return result({ ...updated, projects });
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
  /** The unit it was issued to. */
  unit: { nameZh: string; nameEn: string };
  /** The order's set, in the user's scope (one project: the set of one). */
  projects: { id: number; title: string }[];
  steps: SupervisionStepView[];
  /** What this user may do with it now. */
  can: { answer: boolean; resolve: boolean; escalate: boolean };
};

/** The orders on one project in the user's scope (another unit's: none), newest first, with their steps and what the user may do. */
export async function listProjectSupervision(db: Db, user: Actor, projectId: number, today: Date): Promise<SupervisionOrderView[]> {
  const orders = await db.supervisionOrder.findMany({
    where: { projects: { some: { projectId, project: projectScope(user) } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      ...ORDER_SELECT,
      createdAt: true,
      unit: { select: { nameZh: true, nameEn: true } },
      projects: { where: { project: projectScope(user) }, orderBy: { projectId: "asc" }, select: { project: { select: { id: true, title: true, ownerId: true } } } },
      assignee: { select: { name: true } },
      issuedBy: { select: { name: true } },
      steps: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, kind: true, body: true, at: true, author: { select: { name: true } } } },
    },
  });
  return orders.map((o) => {
    const facts = { status: o.status, assigneeId: o.assigneeId, projectOwnerIds: o.projects.map((p) => p.project.ownerId) };
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
      unit: o.unit,
      projects: o.projects.map((p) => ({ id: p.project.id, title: p.project.title })),
      steps: o.steps.map((s) => ({ id: s.id, kind: s.kind, body: s.body, at: s.at, author: s.author.name })),
      can: { answer: mayAnswer(user, facts), resolve: mayResolve(user, facts), escalate: mayEscalate(user, facts) },
    };
  });
}

export type SupervisionWorkRow = {
  id: number;
  /** The set's first project (the row links there) and how many the set holds. */
  projectId: number;
  projectTitle: string;
  projectCount: number;
  requirement: string;
  answerDueOn: Date;
  status: SupervisionStatus;
  red: boolean;
  assignee: string;
};

const WORK_LIMIT = 20;

/**
 * My work's two lists, in one statement: the open orders the user must answer
 * (supervisionAnswererSql: assigned to them, or on the one project they own), and — for managers — the
 * answered orders in their scope to review (with the escalated ones for the
 * city level, who resolve those). Red ones first, then by deadline; WORK_LIMIT each.
 */
export async function supervisionWork(db: Db, user: Actor, today: Date): Promise<{ toAnswer: SupervisionWorkRow[]; toReview: SupervisionWorkRow[] | null }> {
  const list = (name: "answer" | "review", where: Prisma.Sql) => Prisma.sql`(
    SELECT ${name}::text AS list, o.id, p.id AS "projectId", p.title AS "projectTitle", p.set_size AS "projectCount", o.requirement, o.answer_due_on AS "answerDueOn",
           o.status::text AS status, ${supervisionRedSql(today, "o")} AS red, u.name AS assignee
      FROM supervision_order o
      JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE
      JOIN app_user u ON u.id = o.assignee_id
     WHERE ${projectScopeSql(user, "p")} AND ${where}
     ORDER BY red DESC, o.answer_due_on, o.id
     LIMIT ${WORK_LIMIT})`;
  const reviewStatuses = user.role === "ADMIN" || user.unitIsCity ? ["ANSWERED", "ESCALATED"] : ["ANSWERED"];
  const review = may(user, "superviseProjects");
  const rows = await db.$queryRaw<(SupervisionWorkRow & { list: "answer" | "review" })[]>`
    SELECT x.* FROM (
      ${list("answer", Prisma.sql`o.status = 'OPEN'::"SupervisionStatus" AND ${supervisionAnswererSql(user.id, "o", "p")}`)}
      ${review ? Prisma.sql`UNION ALL ${list("review", Prisma.sql`o.status::text = ANY(${reviewStatuses}::text[])`)}` : Prisma.empty}
    ) x
    ORDER BY x.list, x.red DESC, x."answerDueOn", x.id`;
  const of = (name: "answer" | "review") => rows.filter((r) => r.list === name).map(({ list: _list, ...r }) => r);
  return { toAnswer: of("answer"), toReview: review ? of("review") : null };
}

export type SupervisionUnitRow = { unitId: number; nameZh: string; nameEn: string; open: number; overdue: number; closed: number };

/**
 * The dashboard's supervision counts per unit in scope (one query): orders
 * still open, of those the overdue (red as of `today`), and those resolved in
 * the period (its days in the bureau's time zone). An order counts once, when
 * any project of its set passes the dashboard's filter. Units without orders are left out.
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
      JOIN unit u ON u.id = o.unit_id
     WHERE EXISTS (SELECT 1 FROM supervision_order_project op JOIN project p ON p.id = op.project_id
                    WHERE op.order_id = o.id AND ${projectFilterSql(user, filters)})
     GROUP BY u.id
     ORDER BY overdue DESC, open DESC, u.id`;
}
