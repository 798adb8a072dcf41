/**
 * Supervision orders (督办): the one place their rules live (pure; the SQL
 * form of "red" is supervisionRedSql in lib/data/sql-rules.ts).
 *
 * - An order is issued to one unit on a set of its projects, fixed when it is
 *   issued (picked from the project list's filter or one by one); an order on
 *   one project is the set of one — same statuses, steps and rules. A manager
 *   issues to a unit in their scope (a city manager: any unit).
 * - Who answers: whom the issuer names (an active user of the unit); by
 *   default, on one project its owner, on a larger set the unit's manager
 *   when it has exactly one (else the issuer must name someone).
 * - An order is OPEN when issued, ANSWERED once its assignee has written a
 *   plan (整改计划), then RESOLVED by a manager, or ESCALATED to the city
 *   level, where a city manager or an admin resolves it.
 * - An order is red when it is not resolved and its answer deadline is before
 *   `today` (the day passed in: tests set it, nothing reads the clock here).
 * - Who may do what, beyond the role (policy.ts) and the scope (scope.ts):
 *   the assignee, the project's owner (on an order of one project) and the
 *   unit's managers answer; the
 *   unit's managers resolve or escalate; an escalated order is resolved at the
 *   city level only.
 */
import type { Role, SupervisionStatus } from "@/lib/generated/prisma/enums";
import { seesAllUnits, unitInScope, type ScopeActor } from "@/lib/domain/scope";

export const SUPERVISION_STATUSES = ["OPEN", "ANSWERED", "RESOLVED", "ESCALATED"] as const satisfies readonly SupervisionStatus[];
/** The statuses of an order still being chased: not yet resolved. */
export const UNRESOLVED_SUPERVISION = ["OPEN", "ANSWERED", "ESCALATED"] as const satisfies readonly SupervisionStatus[];

/** `projects`: the most projects one order may cover (a filter matching more is refused: narrow it). */
export const SUPERVISION_LIMITS = { requirement: 2000, body: 5000, projects: 200 } as const;

export function isUnresolved(status: SupervisionStatus): boolean {
  return (UNRESOLVED_SUPERVISION as readonly SupervisionStatus[]).includes(status);
}

/** Red: not resolved and past its answer deadline as of `today` (a date at UTC midnight, as @db.Date reads). */
export function isSupervisionRed(order: { status: SupervisionStatus; answerDueOn: Date }, today: Date): boolean {
  return isUnresolved(order.status) && order.answerDueOn < today;
}

type Actor = ScopeActor & { id: number; role: Role };
/** `projectOwnerIds`: the owners of the projects in the order's set, one per project. */
type OrderFacts = { status: SupervisionStatus; assigneeId: number; projectOwnerIds: readonly number[] };

const isManager = (user: Actor) => user.role === "MANAGER" || user.role === "ADMIN";

/** Whether the user (who already sees the order) may write its plan or a progress note. */
export function mayAnswer(user: Actor, order: OrderFacts): boolean {
  if (order.status === "RESOLVED") return false;
  const ownsTheOneProject = order.projectOwnerIds.length === 1 && order.projectOwnerIds[0] === user.id;
  return user.id === order.assigneeId || ownsTheOneProject || isManager(user);
}

/** Whether the user may issue an order to the unit: a manager (or admin) whose scope holds it. */
export function mayIssueTo(user: Actor, unitId: number): boolean {
  return isManager(user) && unitInScope(user, unitId);
}

/**
 * Who answers when the issuer names no one: on one project its owner; on a
 * larger set the unit's manager, when it has exactly one active manager;
 * otherwise null (the issuer must name someone).
 */
export function defaultAssignee(projectOwnerIds: readonly number[], unitManagerIds: readonly number[]): number | null {
  if (projectOwnerIds.length === 1) return projectOwnerIds[0];
  return unitManagerIds.length === 1 ? unitManagerIds[0] : null;
}

/** Whether the user (who already sees the order) may resolve it: a manager; an escalated one, at the city level. */
export function mayResolve(user: Actor, order: Pick<OrderFacts, "status">): boolean {
  if (!isManager(user)) return false;
  if (order.status === "ESCALATED") return seesAllUnits(user);
  return order.status === "OPEN" || order.status === "ANSWERED";
}

/** Whether the user may escalate it to the city level: a manager, while it is open or answered. */
export function mayEscalate(user: Actor, order: Pick<OrderFacts, "status">): boolean {
  return isManager(user) && (order.status === "OPEN" || order.status === "ANSWERED");
}

/** The status after a step: a plan answers an open order; resolve and escalate set theirs; a progress note changes nothing. */
export function statusAfter(status: SupervisionStatus, step: "PLAN" | "PROGRESS" | "RESOLVE" | "ESCALATE"): SupervisionStatus {
  if (step === "RESOLVE") return "RESOLVED";
  if (step === "ESCALATE") return "ESCALATED";
  if (step === "PLAN" && status === "OPEN") return "ANSWERED";
  return status;
}
