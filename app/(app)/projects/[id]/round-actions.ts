"use server";

import type { ReactNode } from "react";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { logRound, type LogRoundResult } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { timelineItems } from "@/components/projects/project-timeline";

export type LoggedRound = Omit<LogRoundResult, "entry"> & {
  /** The round's timeline entry, rendered by the timeline's own code. */
  entry: { id: string; leader: boolean; node: ReactNode };
};

/**
 * Logs a round and answers with what changed — the round's timeline entry and
 * the project's round count, dates and version — which the page shows in place
 * (components/projects/project-live.tsx), instead of re-rendering the whole
 * project page in the reply (`revalidatePath`): that render, about fifteen
 * statements and ~48 KB, was most of a round's cost with ten officers logging
 * at once (issue 14, bench/targeted.md). The project page is rendered per
 * request (it reads the session), so anyone's next visit, this officer's
 * included, reads the round from the database.
 */
export async function logRoundAction(_prev: unknown, formData: FormData): Promise<ActionResult<LoggedRound>> {
  const input = formDataToObject(formData);
  const result = await runAction(ROLES_FOR.logRounds, ZLogRound, input, (user, data) => logRound(db(), user, data));
  if (!result.ok) return result;
  const { entry, ...rest } = result.data;
  return {
    ok: true,
    data: { ...rest, entry: { id: entry.id, leader: Boolean(entry.data.leaderZh), node: (await timelineItems([entry], entry.id))[0].node } },
  };
}
