/**
 * Stage moves: the input of a move (shared by the "move stage" form, the
 * board's dialog and the server action) and of recording funds. What a move
 * needs (`planMove`) and the stage sets are in lib/domain/stages.ts.
 */
import { z } from "zod";
import { Currency, Stage } from "@/lib/generated/prisma/enums";
import { zAmount, zId, zOptionalText, zRequestId, zVersion } from "@/lib/validation/fields";
import { zPastDate } from "@/lib/validation/round";
import type { JourneyFacts } from "@/lib/domain/stages";
import { CONTRACT_KINDS } from "@/lib/domain/signings";

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
  /** How the contract counts (lib/domain/signings.ts); none = FORMAL. */
  contractKind: z.enum(CONTRACT_KINDS).optional(),
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

/** An agreement kind as the forms list it (lib/data/stage.ts listAgreementKinds). */
export type AgreementKindOption = { id: number; nameZh: string; nameEn: string };

/** What a move dialog needs to know of the project (stageMoveContextAction). */
export type StageMoveContext = { stage: Stage; version: number; title: string; facts: JourneyFacts };
