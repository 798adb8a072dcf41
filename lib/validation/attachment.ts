/**
 * Attachments on rounds (minutes) and contracts (signed agreements): the size
 * limit users are told, and what the upload and the delete take.
 */
import { z } from "zod";
import { zId, zRequestId } from "@/lib/validation/fields";

/** 10 MB a file: stated next to the upload control, refused above it. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** The upload's fields besides the file: exactly one of a round or a contract. */
export const ZUploadAttachment = z
  .object({ roundId: zId.optional(), contractId: zId.optional(), requestId: zRequestId })
  .refine((v) => (v.roundId === undefined) !== (v.contractId === undefined), { path: ["roundId"], message: "choose" });
export type UploadAttachmentInput = z.output<typeof ZUploadAttachment>;

export const ZDeleteAttachment = z.object({ id: zId });
export type DeleteAttachmentInput = z.output<typeof ZDeleteAttachment>;
