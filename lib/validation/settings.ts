/** The installation settings an admin changes (the milestone colours' thresholds, the stall limits per stage). */
import { z } from "zod";
import { zVersion } from "@/lib/validation/fields";
import { STALL_LIMIT_RANGE, STALL_STAGES, type StallLimits, type StallStage } from "@/lib/domain/stages";

/** The form's field of each stall stage's limit. */
export const STALL_LIMIT_FIELDS = {
  FIRST_CONTACT: "stallFirstContact",
  INTENT: "stallIntent",
  NEGOTIATION: "stallNegotiation",
  SIGNED: "stallSigned",
} as const satisfies Record<StallStage, string>;

const zStallDays = z.coerce.number().int().min(STALL_LIMIT_RANGE.min).max(STALL_LIMIT_RANGE.max);

export const ZMilestoneSettings = z.object({
  version: zVersion,
  warnDays: z.coerce.number().int().min(0).max(365),
  fundsBehindPercent: z.coerce.number().int().min(0).max(100),
  stallFirstContact: zStallDays,
  stallIntent: zStallDays,
  stallNegotiation: zStallDays,
  stallSigned: zStallDays,
});
export type MilestoneSettingsInput = z.output<typeof ZMilestoneSettings>;

/** The input's stall limits, per stage. */
export function stallLimitsOf(input: Pick<MilestoneSettingsInput, (typeof STALL_LIMIT_FIELDS)[StallStage]>): StallLimits {
  return Object.fromEntries(STALL_STAGES.map((s) => [s, input[STALL_LIMIT_FIELDS[s]]])) as StallLimits;
}
