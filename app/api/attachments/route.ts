/**
 * POST /api/attachments — multipart form: `file`, `requestId` and one of
 * `roundId` / `contractId`. A signed-in user, for a round or contract of a
 * project in their scope; at most ATTACHMENT_MAX_BYTES a file.
 * 200 { id } | 400 { error, message, fieldErrors } | 401 | 403 (also a
 * cookie-authenticated post from another origin) | 404 (not in scope) | 413.
 * The same requestId twice stores one file.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { ROLES_FOR } from "@/lib/domain/policy";
import { RuleError } from "@/lib/errors";
import { attachmentTooLarge, uploadAttachment } from "@/lib/data/attachments";
import { isCrossOriginCookieWrite } from "@/lib/http/same-origin";
import { multipartParts } from "@/lib/http/multipart";
import { readBodyUpTo } from "@/lib/http/read-body";
import { ATTACHMENT_MAX_BYTES, ZUploadAttachment } from "@/lib/validation/attachment";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Room for the multipart envelope and the other fields around a file at the limit. */
const ENVELOPE = 64 * 1024;

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, not_found: 404, invalid: 400, conflict: 409, unavailable: 503, server: 500 };

/** The action's result as HTTP; a refused oversize file is 413 (after the user was checked). */
function respond(result: ActionResult<{ id: number }>, oversize: boolean): Response {
  if (result.ok) return Response.json({ id: result.data.id });
  const status = oversize && result.error === "invalid" ? 413 : (STATUS[result.error] ?? 400);
  return Response.json({ error: result.error, message: result.message, fieldErrors: result.fieldErrors }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request) {
  if (isCrossOriginCookieWrite(request)) return Response.json({ error: "forbidden" }, { status: 403 });
  const limit = ATTACHMENT_MAX_BYTES + ENVELOPE;
  const length = Number(request.headers.get("content-length") ?? "0");
  const body = length > limit ? null : await readBodyUpTo(request, limit).catch(() => undefined);
  if (body === null) {
    // The user is still checked first: a stranger learns nothing, not even the limit.
    const result = await runAction(ROLES_FOR.attachFiles, z.unknown(), null, () => Promise.reject(attachmentTooLarge()));
    return respond(result, true);
  }
  const parts = (body && multipartParts(body, request.headers.get("content-type"))) ?? [];
  const fields = Object.fromEntries(parts.filter((p) => p.fileName === null).map((p) => [p.name, p.data.toString("utf8")]));
  const file = parts.find((p) => p.name === "file" && p.fileName !== null);
  const result = await runAction(ROLES_FOR.attachFiles, ZUploadAttachment, fields, (user, input) => {
    if (!file) throw new RuleError("invalid", { file: "required" });
    return uploadAttachment(db(), user, input, { fileName: file.fileName ?? "", bytes: file.data });
  });
  return respond(result, (file?.data.length ?? 0) > ATTACHMENT_MAX_BYTES);
}
