/**
 * Commitments and their actuals (issue 15): the inputs shared by the forms
 * and the server actions. Kinds and colours: lib/domain/milestones.ts.
 */
import { z } from "zod";
import { CommitmentKind } from "@/lib/generated/prisma/enums";
import { zAmount, zDate, zId, zOptionalText, zRequestId, zVersion } from "@/lib/validation/fields";
import { zPastDate } from "@/lib/validation/round";

export const COMMITMENT_LIMITS = { note: 1000 } as const;

/** Empty form fields are absent. */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * A promise of the contract: a value (figures) or a due date (milestones; a
 * figure may have one too). With `replacesId` and `version` it amends the
 * promise in force, which is kept as history.
 */
export const ZRecordCommitment = z.object({
  projectId: zId,
  requestId: zRequestId,
  kind: z.enum(CommitmentKind),
  value: z.preprocess(blankToUndefined, zAmount.optional()),
  dueOn: z.preprocess(blankToUndefined, zDate.optional()),
  replacesId: z.preprocess(blankToUndefined, zId.optional()),
  version: z.preprocess(blankToUndefined, zVersion.optional()),
});
export type RecordCommitmentInput = z.output<typeof ZRecordCommitment>;

/** An actual: the date a milestone was reached, or a figure reported as of a date. */
export const ZRecordCommitmentActual = z.object({
  projectId: zId,
  requestId: zRequestId,
  kind: z.enum(CommitmentKind),
  value: z.preprocess(blankToUndefined, zAmount.optional()),
  reportedOn: zPastDate,
  note: zOptionalText(COMMITMENT_LIMITS.note),
});
export type RecordCommitmentActualInput = z.output<typeof ZRecordCommitmentActual>;
