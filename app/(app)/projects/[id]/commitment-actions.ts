"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { recordCommitment, recordCommitmentActual, type RecordCommitmentResult } from "@/lib/data/commitments";
import { ZRecordCommitment, ZRecordCommitmentActual } from "@/lib/validation/commitments";
import { ROLES_FOR } from "@/lib/domain/policy";

/** Records a contract's promise on a signed project, or amends the one in force (replacesId + version). */
export async function recordCommitmentAction(_prev: unknown, formData: FormData): Promise<ActionResult<RecordCommitmentResult>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.recordCommitments, ZRecordCommitment, input, (user, data) => recordCommitment(db(), user, data));
  if (result.ok) revalidatePath(`/projects/${result.data.projectId}`);
  return result;
}

/** Records an actual: a milestone reached, or a figure reported. */
export async function recordCommitmentActualAction(_prev: unknown, formData: FormData): Promise<ActionResult<RecordCommitmentResult>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.recordCommitments, ZRecordCommitmentActual, input, (user, data) => recordCommitmentActual(db(), user, data));
  if (result.ok) revalidatePath(`/projects/${result.data.projectId}`);
  return result;
}
