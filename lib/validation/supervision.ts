/**
 * Supervision orders (督办), as their forms send them. Shared by the forms
 * (field names) and the server actions (validation).
 */
import { z } from "zod";
import { SUPERVISION_LIMITS } from "@/lib/domain/supervision";
import { zId, zRequestId, zText, zVersion } from "@/lib/validation/fields";
import { zFutureDate } from "@/lib/validation/round";

/**
 * A new order. Its set of projects is named one of three ways, together or
 * apart: `projectId` (the project page's form: the set of one), `projectIds`
 * (ticked: "12,15,31"), or `query` (the project list's filter as its address
 * bar query, resolved when the order is issued). With `query`, `unitId` names
 * the unit the order goes to.
 */
export const ZIssueSupervision = z
  .object({
    projectId: zId.optional(),
    projectIds: z
      .string()
      .trim()
      .max(SUPERVISION_LIMITS.projects * 11)
      .regex(/^\d+(,\d+)*$/)
      .transform((s) => [...new Set(s.split(",").map(Number))])
      .pipe(z.array(z.number().int().positive().max(2_147_483_647)).max(SUPERVISION_LIMITS.projects))
      .optional(),
    unitId: zId.optional(),
    query: z.string().max(4000).optional(),
    requestId: zRequestId,
    requirement: zText(SUPERVISION_LIMITS.requirement),
    /** The answer deadline: today or later. */
    answerDueOn: zFutureDate,
    /** Who must answer; by default the rule's (lib/domain/supervision.ts defaultAssignee). */
    assigneeId: zId.optional(),
  })
  .refine((v) => v.projectId !== undefined || v.projectIds !== undefined || (v.query !== undefined && v.unitId !== undefined), { path: ["projectIds"], message: "required" });
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
