/** Count once (lib/domain/signings.ts): 不予认定 on a project, and the installation's automatic rules. */
import { z } from "zod";
import { zAmount, zId, zOptionalText, zVersion } from "@/lib/validation/fields";

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
