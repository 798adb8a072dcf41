import "server-only";
/**
 * Attachments on rounds and contracts, stored in PostgreSQL (bytea). An
 * attachment is scoped exactly like its project: it is found only through
 * `projectScope(user)`, so another unit's file does not exist for an officer.
 * Uploading and deleting write their audit row in the same transaction (the
 * row names the file, never holds its bytes). Reads for lists select the
 * metadata; only getAttachmentFile reads `content`.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { createOnce } from "@/lib/data/transactions";
import { may } from "@/lib/domain/policy";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB, type DeleteAttachmentInput, type UploadAttachmentInput } from "@/lib/validation/attachment";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/**
 * The types a download may declare, by file extension; anything else is
 * served as application/octet-stream. Never HTML, SVG or script: the browser
 * must not render an upload as a page of this site.
 */
const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  wps: "application/vnd.ms-works",
  ofd: "application/ofd",
  txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  zip: "application/zip",
};
export const FALLBACK_TYPE = "application/octet-stream";

/** The declared type for a (cleaned) file name. */
export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return (dot > 0 && TYPES[fileName.slice(dot + 1).toLowerCase()]) || FALLBACK_TYPE;
}

const NAME_MAX = 255;

/**
 * The name as uploaded, made harmless: only the last path part (no "../",
 * no "C:\"), no control or bidirectional-override characters (a name that
 * reads "minutes.pdf" but ends in ".exe"), no leading dots, at most 255
 * characters with the extension kept. Empty: "attachment".
 */
export function safeFileName(raw: string): string {
  let name = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/["<>|:*?]/g, "_");
  name = name.trim().replace(/^\.+/, "").trim();
  if ([...name].length > NAME_MAX) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = [...name.slice(0, name.length - ext.length)].slice(0, NAME_MAX - ext.length).join("") + ext;
  }
  return name || "attachment";
}

export type UploadedFile = { fileName: string; bytes: Uint8Array };
export type AttachmentSummary = { id: number; fileName: string; size: number; uploadedBy: string; createdAt: Date; mayDelete: boolean };

const summarySelect = { id: true, projectId: true, roundId: true, contractId: true, fileName: true, contentType: true, size: true, uploadedById: true, createdAt: true } as const;

/** A file over the limit: a field error naming the limit. */
export const attachmentTooLarge = () => new RuleError("invalid", { file: "attachmentTooLarge" }, { file: { maxMb: ATTACHMENT_MAX_MB } });

/** Adds a file to a round or contract of a project in the user's scope, once per form submission. */
export async function uploadAttachment(db: Db, user: Actor, input: UploadAttachmentInput, file: UploadedFile): Promise<{ id: number; projectId: number }> {
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw attachmentTooLarge();
  if (file.bytes.byteLength === 0) throw new RuleError("invalid", { file: "attachmentEmpty" });
  const fileName = safeFileName(file.fileName);
  return createOnce(
    db,
    (tx) => tx.attachment.findFirst({ where: { requestId: input.requestId, project: projectScope(user) }, select: { id: true, projectId: true } }),
    async (tx) => {
      const owner = input.roundId
        ? await tx.negotiationRound.findFirst({ where: { id: input.roundId, project: projectScope(user) }, select: { projectId: true } })
        : await tx.contract.findFirst({ where: { id: input.contractId, project: projectScope(user) }, select: { projectId: true } });
      if (!owner) throw new NotFoundError();
      const created = await tx.attachment.create({
        data: {
          projectId: owner.projectId,
          roundId: input.roundId ?? null,
          contractId: input.contractId ?? null,
          fileName,
          contentType: contentTypeFor(fileName),
          size: file.bytes.byteLength,
          content: file.bytes as Uint8Array<ArrayBuffer>,
          uploadedById: user.id,
          requestId: input.requestId,
        },
        select: summarySelect,
      });
      await writeAudit(tx, { actorId: user.id, action: "attachment.create", entity: "attachment", entityId: created.id, after: { ...created, requestId: input.requestId } });
      return { id: created.id, projectId: created.projectId };
    },
  );
}

/** The file itself, for the download: only a file whose project is in the user's scope. */
export async function getAttachmentFile(db: Db, user: Actor, id: number) {
  const file = await db.attachment.findFirst({
    where: { id, project: projectScope(user) },
    select: { id: true, fileName: true, contentType: true, size: true, content: true },
  });
  if (!file) throw new NotFoundError();
  return file;
}

/** Whether this user may delete a file: its uploader, or a manager or admin (of a project in their scope). */
export function mayDeleteAttachment(user: Pick<Actor, "id" | "role">, uploadedById: number): boolean {
  return uploadedById === user.id || may(user, "removeAnyAttachment");
}

/** Deletes a file of a project in scope, by its uploader or a manager/admin; audited with what it was. */
export async function deleteAttachment(db: Db, user: Actor, input: DeleteAttachmentInput): Promise<{ id: number; projectId: number }> {
  return db.$transaction(async (tx) => {
    const current = await tx.attachment.findFirst({ where: { id: input.id, project: projectScope(user) }, select: summarySelect });
    if (!current) throw new NotFoundError();
    if (!mayDeleteAttachment(user, current.uploadedById)) throw new ForbiddenError();
    await tx.attachment.delete({ where: { id: current.id } });
    await writeAudit(tx, { actorId: user.id, action: "attachment.delete", entity: "attachment", entityId: current.id, before: current });
    return { id: current.id, projectId: current.projectId };
  });
}
