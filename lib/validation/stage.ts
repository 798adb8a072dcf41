/**
 * Stage moves: the input of a move (shared by the "move stage" form, the
 * board's dialog and the server action) and the one rule of what a move needs
 * (`planMove`), used by the forms to show only the fields a target stage
 * needs and by lib/data/stage.ts to refuse a move without them.
 */
import { z } from "zod";
import { Currency, Stage } from "@/lib/generated/prisma/enums";
import { zAmount, zId, zOptionalText, zRequestId, zVersion } from "@/lib/validation/fields";
import { zPastDate } from "@/lib/validation/round";

/** The journey, in order. ON_HOLD and LOST are off it. */
export const FORWARD_STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING"] as const satisfies readonly Stage[];
export const PAUSE_STAGES = ["ON_HOLD", "LOST"] as const satisfies readonly Stage[];
export const ALL_STAGES: readonly Stage[] = [...FORWARD_STAGES, ...PAUSE_STAGES];

/** Position on the journey; -1 for ON_HOLD and LOST. */
export function forwardIndex(stage: Stage): number {
  return (FORWARD_STAGES as readonly Stage[]).indexOf(stage);
}

export function isPaused(stage: Stage): boolean {
  return stage === "ON_HOLD" || stage === "LOST";
}

/** Stages with a contract: funds in place can be recorded on them. */
export const FUNDED_STAGES = ["SIGNED", "CONSTRUCTION", "OPERATING"] as const satisfies readonly Stage[];

export const STAGE_LIMITS = { reason: 500, intentNote: 480, contractNote: 1000, startNote: 1000 } as const;

/** An amount above zero (zAmount already refuses negatives, bad formats and absurd sizes). */
export const zPositiveAmount = zAmount.refine((s) => Number(s) > 0, "journey.validation.amountPositive");

export const ZTransitionStage = z.object({
  projectId: zId,
  version: zVersion,
  requestId: zRequestId,
  toStage: z.enum(Stage),
  /** Backward moves, ON_HOLD, LOST and revivals. */
  reason: zOptionalText(STAGE_LIMITS.reason),
  /** INTENT: a visit date or a stated-intent note. */
  visitOn: zPastDate.optional(),
  intentNote: zOptionalText(STAGE_LIMITS.intentNote),
  /** SIGNED: the contract. */
  signedOn: zPastDate.optional(),
  contractedInvestmentCny: zPositiveAmount.optional(),
  contractedForeignUsd: zPositiveAmount.optional(),
  agreementKindId: zId.optional(),
  contractNote: zOptionalText(STAGE_LIMITS.contractNote),
  /** CONSTRUCTION: the start. */
  startedOn: zPastDate.optional(),
  startNote: zOptionalText(STAGE_LIMITS.startNote),
});
export type TransitionStageInput = z.output<typeof ZTransitionStage>;

export const ZRecordFunds = z.object({
  projectId: zId,
  requestId: zRequestId,
  amount: zPositiveAmount,
  currency: z.enum(Currency),
  receivedOn: zPastDate,
  note: zOptionalText(STAGE_LIMITS.contractNote),
});
export type RecordFundsInput = z.output<typeof ZRecordFunds>;

/** What a project already has that later stages need. */
export type JourneyFacts = {
  hasContract: boolean;
  hasStart: boolean;
  /** For a project on hold or lost: the journey stage it was at before (from its stage history). */
  reviveTo: Stage | null;
};

export type MoveKind = "forward" | "backward" | "pause" | "revive";
export type MoveRefusal = "sameStage" | "operatingOnlyFromConstruction";
export type MoveNeeds = {
  reason: boolean;
  /** A visit date or a stated-intent note. */
  intent: boolean;
  /** Signing date, contracted investment, agreement kind. */
  contract: boolean;
  /** Construction start date. */
  start: boolean;
};
export type MovePlan =
  | { ok: false; refusal: MoveRefusal }
  | { ok: true; kind: MoveKind; needs: MoveNeeds; /** Passes over stages whose data must then be given. */ skips: boolean };

/**
 * What moving a project from `from` to `to` needs:
 * - forward: each stage passed or reached needs its data — INTENT a visit or
 *   intent note (a contract counts as stated intent), SIGNED the contract,
 *   CONSTRUCTION its start date — unless the project already has it (a
 *   project sent back and moving forward again keeps its contract);
 *   OPERATING only from CONSTRUCTION;
 * - backward, ON_HOLD and LOST: a reason;
 * - reviving from ON_HOLD/LOST: a reason; back to the stage before the pause or
 *   an earlier one needs nothing more, further on needs the data of the stages
 *   beyond it, as a forward move from there would.
 */
export function planMove(from: Stage, to: Stage, facts: JourneyFacts): MovePlan {
  if (from === to) return { ok: false, refusal: "sameStage" };
  const none: MoveNeeds = { reason: false, intent: false, contract: false, start: false };
  if (isPaused(to)) return { ok: true, kind: "pause", needs: { ...none, reason: true }, skips: false };

  const reviving = isPaused(from);
  const base: Stage = reviving ? (facts.reviveTo ?? "FIRST_CONTACT") : from;
  const fromIndex = forwardIndex(base);
  const toIndex = forwardIndex(to);
  if (!reviving && toIndex < fromIndex) return { ok: true, kind: "backward", needs: { ...none, reason: true }, skips: false };
  if (toIndex <= fromIndex) return { ok: true, kind: "revive", needs: { ...none, reason: true }, skips: false };

  if (to === "OPERATING" && base !== "CONSTRUCTION") return { ok: false, refusal: "operatingOnlyFromConstruction" };
  const passes = (stage: Stage) => forwardIndex(stage) > fromIndex && forwardIndex(stage) <= toIndex;
  const needs: MoveNeeds = {
    reason: reviving,
    intent: passes("INTENT") && toIndex < forwardIndex("SIGNED"),
    contract: passes("SIGNED") && !facts.hasContract,
    start: passes("CONSTRUCTION") && !facts.hasStart,
  };
  return { ok: true, kind: reviving ? "revive" : "forward", needs, skips: toIndex - fromIndex > 1 };
}

/** The stages a project at `from` may be moved to, in journey order. */
export function targetStages(from: Stage, facts: JourneyFacts): Stage[] {
  return ALL_STAGES.filter((to) => planMove(from, to, facts).ok);
}

/** An agreement kind as the forms list it (lib/data/stage.ts listAgreementKinds). */
export type AgreementKindOption = { id: number; nameZh: string; nameEn: string };

/** What a move dialog needs to know of the project (stageMoveContextAction). */
export type StageMoveContext = { stage: Stage; version: number; title: string; facts: JourneyFacts };
