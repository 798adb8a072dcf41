/**
 * What a planned stage move (planMove) still lacks, what it records and the
 * audit row it leaves: one definition for the app's move (lib/data/stage.ts
 * transitionStage) and the importer (lib/import/import-projects.ts), which
 * makes the same moves set-based. Pure: no database.
 */
import type { Stage } from "@/lib/generated/prisma/enums";
import type { AuditEntry } from "@/lib/audit/write-audit";
import type { MoveKind, MoveNeeds, MovePlan } from "@/lib/domain/stages";

export type PlannedMove = Extract<MovePlan, { ok: true }>;

/** The data a move brings; dates as YYYY-MM-DD. A value counts as given unless undefined, null or "". */
export type MoveData = {
  reason?: string | null;
  visitOn?: string | null;
  intentNote?: string | null;
  signedOn?: string | null;
  contractedInvestmentCny?: unknown;
  agreementKindId?: unknown;
  startedOn?: string | null;
};

/** The move form's fields a move can lack. */
export type MoveField = "reason" | "intentNote" | "signedOn" | "contractedInvestmentCny" | "agreementKindId" | "startedOn";

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** Field → message key, for each thing the move needs and `data` lacks; empty when nothing lacks. */
export function missingForMove(needs: MoveNeeds, data: MoveData): Partial<Record<MoveField, string>> {
  const missing: Partial<Record<MoveField, string>> = {};
  if (needs.reason && !given(data.reason)) missing.reason = "journey.validation.reasonRequired";
  if (needs.intent && !given(data.visitOn) && !given(data.intentNote)) missing.intentNote = "journey.validation.intentRequired";
  if (needs.contract) {
    if (!given(data.signedOn)) missing.signedOn = "required";
    if (!given(data.contractedInvestmentCny)) missing.contractedInvestmentCny = "required";
    if (!given(data.agreementKindId)) missing.agreementKindId = "required";
  }
  if (needs.start && !given(data.startedOn)) missing.startedOn = "required";
  return missing;
}

/** The message of a move refused for what it lacks. */
export function lackingMessageKey(plan: PlannedMove, missing: Partial<Record<MoveField, string>>): string {
  if (plan.needs.reason && missing.reason && Object.keys(missing).length === 1) return "journey.rules.reasonRequired";
  return plan.skips ? "journey.rules.skipNeedsData" : "journey.rules.stageNeedsData";
}

/**
 * The date a move's construction start is checked against: the contract the
 * move brings, else the project's first one (`firstSignedOn`); null when the
 * move records no start. A start before it is refused.
 */
export function signingDateForStart(needs: MoveNeeds, data: MoveData, firstSignedOn: string | null): string | null | undefined {
  if (!needs.start) return undefined;
  return (needs.contract ? data.signedOn : firstSignedOn) ?? null;
}

/** The stage change's note (reason, then visit date and intent note) and the project's stage reason. */
export function moveNotes(needs: MoveNeeds, data: MoveData): { changeReason: string | null; stageReason: string | null } {
  const intent = needs.intent ? [data.visitOn, data.intentNote] : [];
  const changeReason = [data.reason, ...intent].filter(Boolean).join(" · ").slice(0, 500) || null;
  return { changeReason, stageReason: needs.reason ? (data.reason ?? null) : null };
}

/** What the project's stage columns were before and after a move. */
export type StageSnapshot = { stage: Stage; version: number; stageReason: string | null; stageEnteredAt: Date };

/** The audit row of a move ("project.stage"). */
export function moveAuditEntry(args: {
  actorId: number;
  projectId: number;
  before: StageSnapshot;
  after: StageSnapshot;
  stageChangeId: number;
  changeReason: string | null;
  kind: MoveKind;
}): AuditEntry {
  const snap = (s: StageSnapshot) => ({ stage: s.stage, version: s.version, stageReason: s.stageReason, stageEnteredAt: s.stageEnteredAt });
  return {
    actorId: args.actorId,
    action: "project.stage",
    entity: "project",
    entityId: args.projectId,
    before: snap(args.before),
    after: { ...snap(args.after), stageChangeId: args.stageChangeId, reason: args.changeReason, kind: args.kind },
  };
}
