/** Count once (lib/domain/signings.ts): 不予认定 on a project, and the installation's automatic rules. */
import { z } from "zod";
import { zAmount, zId, zOptionalText, zRequestId, zVersion } from "@/lib/validation/fields";
import { zPastDate } from "@/lib/validation/round";
import { STAGE_LIMITS, zPositiveAmount } from "@/lib/validation/stage";
import { CONTRACT_KINDS } from "@/lib/domain/signings";

export const RECOGNITION_LIMITS = { note: 500 } as const;

/** Mark a project not recognised with a reason from the list, or (no reason) recognise it again. */
export const ZSetRecognition = z.object({
  projectId: zId,
  version: zVersion,
  reasonId: z.preprocess((v) => (v === "" ? undefined : v), zId.optional()),
  note: zOptionalText(RECOGNITION_LIMITS.note),
});
export type SetRecognitionInput = z.output<typeof ZSetRecognition>;

/** The automatic rules: a threshold in yuan (empty = off) and the sectors never recognised (checkboxes). */
export const ZCountingRules = z.object({
  version: zVersion,
  minRecognisedCny: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), zAmount.optional()),
  notRecognisedSectorIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(zId).max(200)),
});
export type CountingRulesInput = z.output<typeof ZCountingRules>;

/**
 * A further contract on a project already signed (lib/data/signings.ts
 * addContract): an upgrade (升格), a capital increase (增资), or another
 * formal/framework signing — which the rule then counts as a repeat. How it
 * counts is never chosen here: the rule (lib/domain/signings.ts) says so.
 */
export const ZAddContract = z.object({
  projectId: zId,
  /** The project's version: a contract changes what the project counts. */
  version: zVersion,
  requestId: zRequestId,
  kind: z.enum(CONTRACT_KINDS),
  signedOn: zPastDate,
  agreementKindId: zId,
  contractedInvestmentCny: zPositiveAmount,
  contractedForeignUsd: zPositiveAmount.optional(),
  /** The promotion event it was signed at, if any. */
  eventId: zId.optional(),
  note: zOptionalText(STAGE_LIMITS.contractNote),
});
export type AddContractInput = z.output<typeof ZAddContract>;
