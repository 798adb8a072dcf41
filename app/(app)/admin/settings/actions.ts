"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { updateCountingRules, updateMilestoneSettings } from "@/lib/data/settings";
import { ZCountingRules } from "@/lib/validation/signings";
import { ZMilestoneSettings } from "@/lib/validation/settings";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

/** The milestone colours' thresholds (N days, X%). */
export async function updateMilestoneSettingsAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZMilestoneSettings, formData, (user, input) => updateMilestoneSettings(db(), user, input));
  if (result.ok) revalidatePath("/admin/settings");
  return result;
}

/** The automatic 不予认定 rules (count once): threshold in yuan and the sectors never recognised. */
export async function updateCountingRulesAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZCountingRules, formData, (user, input) => updateCountingRules(db(), user, input));
  if (result.ok) revalidatePath("/admin/settings");
  return result;
}
