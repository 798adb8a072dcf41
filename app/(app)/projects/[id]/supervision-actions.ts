"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { addSupervisionStep, issueSupervision, type SupervisionWriteResult } from "@/lib/data/supervision";
import { ZAnswerSupervision, ZCloseSupervision, ZIssueSupervision } from "@/lib/validation/supervision";

function revalidate(result: ActionResult<SupervisionWriteResult>) {
  if (result.ok) {
    for (const projectId of result.data.projectIds) revalidatePath(`/projects/${projectId}`);
    revalidatePath("/");
  }
  return result;
}

/** A manager issues a supervision order (督办) to a unit in scope: on a project (its page), or on a set (the project list's filter, or ticked). */
export async function issueSupervisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<SupervisionWriteResult>> {
  const input = formDataToObject(formData);
  return revalidate(await runAction(ROLES_FOR.superviseProjects, ZIssueSupervision, input, (user, data) => issueSupervision(db(), user, data)));
}

/** The assignee, the project's owner or a manager answers with a plan (整改计划) or a progress note. */
export async function answerSupervisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<SupervisionWriteResult>> {
  const input = formDataToObject(formData);
  return revalidate(await runAction(ROLES_FOR.answerSupervision, ZAnswerSupervision, input, (user, data) => addSupervisionStep(db(), user, data)));
}

/** A manager resolves the order or escalates it to the city level. */
export async function closeSupervisionAction(_prev: unknown, formData: FormData): Promise<ActionResult<SupervisionWriteResult>> {
  const input = formDataToObject(formData);
  return revalidate(await runAction(ROLES_FOR.superviseProjects, ZCloseSupervision, input, (user, data) => addSupervisionStep(db(), user, data)));
}
