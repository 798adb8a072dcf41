/**
 * Supervision orders (督办), as their forms send them. Shared by the forms
 * (field names) and the server actions (validation).
 */
import { z } from "zod";
import { SUPERVISION_LIMITS } from "@/lib/domain/supervision";
import { zId, zRequestId, zText, zVersion } from "@/lib/validation/fields";
import { zFutureDate } from "@/lib/validation/round";

export const ZIssueSupervision = z.object({
  projectId: zId,
  requestId: zRequestId,
  requirement: zText(SUPERVISION_LIMITS.requirement),
  /** The answer deadline: today or later. */
  answerDueOn: zFutureDate,
  /** Who must answer; defaults to the project's owner. */
  assigneeId: zId.optional(),
});
export type IssueSupervisionInput = z.output<typeof ZIssueSupervision>;

/** The assignee's answer: the plan (整改计划) or a progress note. */
export const ZAnswerSupervision = z.object({
  orderId: zId,
  version: zVersion,
  requestId: zRequestId,
  kind: z.enum(["PLAN", "PROGRESS"]),
  body: zText(SUPERVISION_LIMITS.body),
});

/** The manager's close: resolved, or escalated to the city level, with a note. */
export const ZCloseSupervision = z.object({
  orderId: zId,
  version: zVersion,
  requestId: zRequestId,
  kind: z.enum(["RESOLVE", "ESCALATE"]),
  body: zText(SUPERVISION_LIMITS.body),
});

export type SupervisionStepInput = z.output<typeof ZAnswerSupervision> | z.output<typeof ZCloseSupervision>;
