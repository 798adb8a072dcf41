"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { logRound, type LogRoundResult } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";


export async function logRoundAction(_prev: unknown, formData: FormData): Promise<ActionResult<LogRoundResult>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.logRounds, ZLogRound, input, (user, data) => logRound(db(), user, data));
  if (result.ok) revalidatePath(`/projects/${result.data.projectId}`);
  return result;
}
