/** The installation settings an admin changes (the milestone colours' thresholds). */
import { z } from "zod";
import { zVersion } from "@/lib/validation/fields";

export const ZMilestoneSettings = z.object({
  version: zVersion,
  warnDays: z.coerce.number().int().min(0).max(365),
  fundsBehindPercent: z.coerce.number().int().min(0).max(100),
});
export type MilestoneSettingsInput = z.output<typeof ZMilestoneSettings>;
