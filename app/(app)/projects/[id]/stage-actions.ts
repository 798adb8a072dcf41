"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { z } from "zod";
import { getJourneyState, transitionStage, type TransitionResult } from "@/lib/data/stage";
import { recordFunds, type RecordFundsResult } from "@/lib/data/funds";
import { ZRecordFunds, ZTransitionStage, type StageMoveContext } from "@/lib/validation/stage";
import { zId } from "@/lib/validation/fields";
import { ROLES_FOR } from "@/lib/domain/policy";

/** A stage move from the project page or a card on the pipeline board. */
export async function transitionStageAction(_prev: unknown, formData: FormData): Promise<ActionResult<TransitionResult>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.moveStages, ZTransitionStage, input, (user, data) => transitionStage(db(), user, data));
  if (result.ok) {
    revalidatePath(`/projects/${result.data.id}`);
    revalidatePath("/pipeline");
  }
  return result;
}

export async function recordFundsAction(_prev: unknown, formData: FormData): Promise<ActionResult<RecordFundsResult>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.moveStages, ZRecordFunds, input, (user, data) => recordFunds(db(), user, data));
  if (result.ok) revalidatePath(`/projects/${result.data.projectId}`);
  return result;
}

const ZMoveContext = z.object({ projectId: zId });

/**
 * What a move dialog opened from elsewhere (the pipeline board) needs to show
 * the right fields: the project's stage, version and journey facts.
 */
export async function stageMoveContextAction(projectId: number): Promise<ActionResult<StageMoveContext>> {
  return runAction(ROLES_FOR.moveStages, ZMoveContext, { projectId }, async (user, { projectId: id }) => {
    const state = await getJourneyState(db(), user, { projectId: id });
    return { stage: state.stage, version: state.version, title: state.title, facts: state.facts };
  });
}
