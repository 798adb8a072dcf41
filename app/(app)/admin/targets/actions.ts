"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import { ROLES_FOR } from "@/lib/domain/policy";
import { saveTargets } from "@/lib/data/targets";
import { updateActivityWeights, updateAssessmentSettings } from "@/lib/data/assessment";
import { importTargets } from "@/lib/import/targets";
import { ZActivityWeights, ZAssessmentSettings, ZTargetGrid, zTargetYear } from "@/lib/validation/targets";

/** The year's grid: the cells that changed, all or none (lib/data/targets.ts saveTargets). */
export async function saveTargetsAction(_prev: unknown, formData: FormData) {
  // Empty cells stay in the input (an emptied cell removes its target): read the grid's fields untrimmed of "".
  const input = { ...Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$ACTION")).map(([k, v]) => [k, (v as string).trim()])) };
  const result = await runAction(ROLES_FOR.setTargets, ZTargetGrid, input, (user, data) => saveTargets(db(), user, data));
  if (result.ok) revalidatePath("/admin/targets");
  return result;
}

/** A small grid file (well under the server action body limit of 1 MB). */
const MAX_TARGET_FILE_BYTES = 1_000_000;
const ZTargetImport = z.object({
  year: zTargetYear,
  file: z.instanceof(File, { message: "required" }).refine((f) => f.size > 0, "required").refine((f) => f.size <= MAX_TARGET_FILE_BYTES, "attachmentTooLarge"),
});

/** The grid from a CSV or XLSX file: all or nothing; the row errors come back in the user's language. */
export async function importTargetsAction(_prev: unknown, formData: FormData) {
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const result = await runAction(ROLES_FOR.setTargets, ZTargetImport, formDataToObject(formData), async (user, data) =>
    importTargets(db(), user, data.year, new Uint8Array(await data.file.arrayBuffer()), locale),
  );
  if (result.ok && result.data.ok) revalidatePath("/admin/targets");
  return result;
}

/** The assessment's method and deduction. */
export async function updateAssessmentSettingsAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.setTargets, ZAssessmentSettings, formDataToObject(formData), (user, input) => updateAssessmentSettings(db(), user, input));
  if (result.ok) revalidatePath("/admin/targets");
  return result;
}

/** The activity index's weights. */
export async function updateActivityWeightsAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.setTargets, ZActivityWeights, formDataToObject(formData), (user, input) => updateActivityWeights(db(), user, input));
  if (result.ok) revalidatePath("/admin/targets");
  return result;
}
