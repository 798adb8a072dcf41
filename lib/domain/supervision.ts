/**
 * Supervision orders (督办): the one place their rules live (pure; the SQL
 * form of "red" is supervisionRedSql in lib/data/sql-rules.ts).
 *
 * - An order is OPEN when issued, ANSWERED once its assignee has written a
 *   plan (整改计划), then RESOLVED by a manager, or ESCALATED to the city
 *   level, where a city manager or an admin resolves it.
 * - An order is red when it is not resolved and its answer deadline is before
 *   `today` (the day passed in: tests set it, nothing reads the clock here).
 * - Who may do what, beyond the role (policy.ts) and the scope (scope.ts):
 *   the assignee, the project's owner and the unit's managers answer; the
 *   unit's managers resolve or escalate; an escalated order is resolved at the
 *   city level only.
 */
import type { Role, SupervisionStatus } from "@/lib/generated/prisma/enums";
import { seesAllUnits, type ScopeActor } from "@/lib/domain/scope";

export const SUPERVISION_STATUSES = ["OPEN", "ANSWERED", "RESOLVED", "ESCALATED"] as const satisfies readonly SupervisionStatus[];
/** The statuses of an order still being chased: not yet resolved. */
export const UNRESOLVED_SUPERVISION = ["OPEN", "ANSWERED", "ESCALATED"] as const satisfies readonly SupervisionStatus[];

export const SUPERVISION_LIMITS = { requirement: 2000, body: 5000 } as const;

export function isUnresolved(status: SupervisionStatus): boolean {
  return (UNRESOLVED_SUPERVISION as readonly SupervisionStatus[]).includes(status);
}

/** Red: not resolved and past its answer deadline as of `today` (a date at UTC midnight, as @db.Date reads). */
export function isSupervisionRed(order: { status: SupervisionStatus; answerDueOn: Date }, today: Date): boolean {
  return isUnresolved(order.status) && order.answerDueOn < today;
}

type Actor = ScopeActor & { id: number; role: Role };
type OrderFacts = { status: SupervisionStatus; assigneeId: number; projectOwnerId: number };

const isManager = (user: Actor) => user.role === "MANAGER" || user.role === "ADMIN";

/** Whether the user (who already sees the order) may write its plan or a progress note. */
export function mayAnswer(user: Actor, order: OrderFacts): boolean {
  if (order.status === "RESOLVED") return false;
  return user.id === order.assigneeId || user.id === order.projectOwnerId || isManager(user);
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
