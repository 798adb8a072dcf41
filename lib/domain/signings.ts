/**
 * Count once (issue 16): how a project's contracts count. The one place the
 * rule lives (pure). Its SQL forms: which contracts count is the view
 * counted_signing_rule (migration 20261202120000), kept as the table
 * counted_signing by triggers and read through `firstContractsSql` in
 * lib/data/sql-rules.ts (the dashboard, the project list, the report); why a
 * contract does not count is `signingRoleSql` / `exclusionSql` there (the
 * project page, the reconciliation). Tests keep them equal to this file
 * (lib/data/signings.int.test.ts, lib/data/counted-signing.int.test.ts).
 *
 * A contract has a kind (CONTRACT_KINDS): FORMAL (正式投资合同), FRAMEWORK
 * (框架协议), UPGRADE (升格: a framework agreement made a formal contract) or
 * CAPITAL_INCREASE (增资). Contracts recorded before the rule are FORMAL.
 *
 * Roles, the project's contracts taken in order of (signed_on, id):
 * - BASE: the first contract that is not a capital increase — the project's
 *   first qualifying signing. It counts: the project once, on its date, with
 *   its amount.
 * - UPGRADE: the first UPGRADE after a FRAMEWORK base. No new amount, no new
 *   count: the first date and amount stay.
 * - INCREASE: a CAPITAL_INCREASE. Counts in its own period with its own amount
 *   (the increase only).
 * - REPEAT: any other contract — a second formal signing (at another event, or
 *   re-entered), a framework after a formal contract, a second upgrade.
 *   Flagged on the project page and never counted.
 *
 * Not recognised (不予认定), checked before the roles, first match wins:
 * - MANUAL: a manager marked the project, with a reason from the admin-kept
 *   NOT_RECOGNISED_REASON list: none of its contracts count.
 * - SECTOR: the project's sector is one the installation excludes (e.g. real
 *   estate): none of its contracts count.
 * - THRESHOLD: a BASE or INCREASE signing below the installation's minimum
 *   amount in yuan does not count (a repeat or upgrade stays what it is).
 *
 * Counted = BASE or INCREASE, and not excluded. In a period, a project counts
 * once however many of its counted signings fall in it; its value is their sum.
 */
import type { ContractKind } from "@/lib/generated/prisma/enums";

export const CONTRACT_KINDS = ["FORMAL", "FRAMEWORK", "UPGRADE", "CAPITAL_INCREASE"] as const satisfies readonly ContractKind[];

export const SIGNING_ROLES = ["BASE", "UPGRADE", "INCREASE", "REPEAT"] as const;
export type SigningRole = (typeof SIGNING_ROLES)[number];

/** Why a signing is not counted although it would be: the order they are checked in. */
export const EXCLUSIONS = ["MANUAL", "SECTOR", "THRESHOLD"] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** The automatic rules an installation sets (installation_setting; Admin → Settings). */
export type CountingRules = {
  /** A signing below this many yuan is not recognised; null = off. */
  minRecognisedCny: string | null;
  /** Projects of these sectors are not recognised. */
  notRecognisedSectorIds: number[];
};

export const NO_AUTOMATIC_RULES: CountingRules = { minRecognisedCny: null, notRecognisedSectorIds: [] };

export type SigningInput = { id: number; kind: ContractKind; signedOn: Date; cny: string };
export type ProjectFacts = { notRecognisedReasonId: number | null; sectorId: number | null };
export type Signing = { id: number; role: SigningRole; exclusion: Exclusion | null; counted: boolean };

const byDate = (a: SigningInput, b: SigningInput) => a.signedOn.getTime() - b.signedOn.getTime() || a.id - b.id;

/** Each contract's role, in the order given back: (signed_on, id). */
export function signingRoles(contracts: readonly SigningInput[]): { id: number; role: SigningRole }[] {
  const sorted = [...contracts].sort(byDate);
  let base: SigningInput | null = null;
  let upgraded = false;
  return sorted.map((k) => {
    if (k.kind === "CAPITAL_INCREASE") return { id: k.id, role: "INCREASE" as const };
    if (!base) {
      base = k;
      return { id: k.id, role: "BASE" as const };
    }
    if (k.kind === "UPGRADE" && base.kind === "FRAMEWORK" && !upgraded) {
      upgraded = true;
      return { id: k.id, role: "UPGRADE" as const };
    }
    return { id: k.id, role: "REPEAT" as const };
  });
}

/** Why the project as a whole is not recognised, if it is not. */
export function projectExclusion(project: ProjectFacts, rules: CountingRules): Exclude<Exclusion, "THRESHOLD"> | null {
  if (project.notRecognisedReasonId !== null) return "MANUAL";
  if (project.sectorId !== null && rules.notRecognisedSectorIds.includes(project.sectorId)) return "SECTOR";
  return null;
}

/** Whether an amount (a decimal string, yuan) is below the threshold. */
export function belowThreshold(cny: string, rules: CountingRules): boolean {
  return rules.minRecognisedCny !== null && Number(cny) < Number(rules.minRecognisedCny);
}

/** Every contract of one project, classified: its role, what excludes it, and whether it counts. */
export function classifySignings(contracts: readonly SigningInput[], project: ProjectFacts, rules: CountingRules): Signing[] {
  const whole = projectExclusion(project, rules);
  const amounts = new Map(contracts.map((k) => [k.id, k.cny]));
  return signingRoles(contracts).map(({ id, role }) => {
    const countable = role === "BASE" || role === "INCREASE";
    const exclusion: Exclusion | null = whole ?? (countable && belowThreshold(amounts.get(id)!, rules) ? "THRESHOLD" : null);
    return { id, role, exclusion, counted: countable && exclusion === null };
  });
}

/**
 * The reconciliation's line a signing in the period falls on: recorded →
 * minus not recognised (by reason) → minus repeats → minus upgrades (no new
 * amount) → counted. Not recognised is taken first, whatever the role.
 */
export const RECONCILIATION_LINES = ["NOT_RECOGNISED", "REPEAT", "UPGRADE", "COUNTED"] as const;
export type ReconciliationLine = (typeof RECONCILIATION_LINES)[number];

export function reconciliationLine(s: Pick<Signing, "role" | "exclusion">): ReconciliationLine {
  if (s.exclusion !== null) return "NOT_RECOGNISED";
  if (s.role === "REPEAT") return "REPEAT";
  if (s.role === "UPGRADE") return "UPGRADE";
  return "COUNTED";
}

/** The list filter's name for each line's signings (ZProjectFilter `signings`). */
export const SIGNING_FILTERS = ["recorded", "notRecognised", "repeat", "upgrade", "counted"] as const;
export type SigningFilter = (typeof SIGNING_FILTERS)[number];
