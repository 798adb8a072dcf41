/**
 * Who may do what, by role: every role rule of the app, named once. Pure (no
 * database). Which *records* a user may touch is the scope rule
 * (lib/domain/scope.ts); a permission here is necessary, and the record's scope
 * is checked after it.
 *
 * Use the role lists where a check takes roles (runAction, requirePageRole,
 * requireRole, the nav) and `may` where code decides for a user it holds.
 * The order of a list is kept in refusal audit rows ("role:MANAGER|ADMIN").
 */
import type { Role } from "@/lib/generated/prisma/enums";

const EVERY_ROLE = ["OFFICER", "MANAGER", "ADMIN"] as const satisfies readonly Role[];
const MANAGERS_AND_ADMINS = ["MANAGER", "ADMIN"] as const satisfies readonly Role[];
const ADMINS = ["ADMIN"] as const satisfies readonly Role[];

export const ROLES_FOR = {
  /** Create and edit projects (in their scope). */
  editProjects: EVERY_ROLE,
  /** Move a project's stage and record funds in place. */
  moveStages: EVERY_ROLE,
  /** Record a signed project's commitments (and amend them) and their actuals (in their scope). */
  recordCommitments: EVERY_ROLE,
  /** Log negotiation rounds. */
  logRounds: EVERY_ROLE,
  /** Companies and their contacts are shared by all units: every role edits them. */
  editCompanies: EVERY_ROLE,
  /** Merge two companies entered for one investor (projects, contacts and subsidiaries move; lib/data/company-merge.ts). */
  mergeCompanies: MANAGERS_AND_ADMINS,
  /** Attach files (minutes, signed agreements) to rounds and contracts, and download them (in their scope). */
  attachFiles: EVERY_ROLE,
  /** Delete a file someone else attached (anyone deletes their own). */
  removeAnyAttachment: MANAGERS_AND_ADMINS,
  /** Give a project to another owner (officers create projects for themselves only). */
  reassignOwners: MANAGERS_AND_ADMINS,
  /** Organise promotion events (officers view them). */
  manageEvents: MANAGERS_AND_ADMINS,
  /** The Reports page and the report downloads. */
  viewReports: MANAGERS_AND_ADMINS,
  /** My work's view of every project in scope, beside their own. */
  seeUnitWork: MANAGERS_AND_ADMINS,
  /** Issue supervision orders (督办) on projects in scope, and resolve or escalate them (lib/domain/supervision.ts). */
  superviseProjects: MANAGERS_AND_ADMINS,
  /** Mark a project not recognised (不予认定) with a reason, or recognise it again (lib/domain/signings.ts). */
  recogniseProjects: MANAGERS_AND_ADMINS,
  /** Answer a supervision order with a plan or progress note (who exactly: lib/domain/supervision.ts mayAnswer). */
  answerSupervision: EVERY_ROLE,
  /** Their own notifications: the bell, the list, marking read, their preferences (lib/domain/notifications.ts). */
  readNotifications: EVERY_ROLE,
  /** The admin pages: users, units, reference lists, the audit log (and Admin → Notifications: digest time, escalation days, chat robots, delivery log). */
  administer: ADMINS,
  /** Import projects from a spreadsheet (the page and the API). */
  importProjects: ADMINS,
  /** Set the annual targets (the grid and its import) and the assessment's method and deductions. */
  setTargets: ADMINS,
  /** Issue and revoke API tokens; a token acts for its admin. */
  manageApiTokens: ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLES_FOR;

/** Whether a user of this role may do `what`. */
export function may(user: { role: Role }, what: Permission): boolean {
  return (ROLES_FOR[what] as readonly Role[]).includes(user.role);
}
