/**
 * POST /api/import/projects — multipart form, field "file" (CSV or XLSX), and optionally "requestId" (a UUID; or
 * the header `Idempotency-Key`): the same caller's same id again answers with the first request's outcome.
 * An admin's session or `Authorization: Bearer <api token>` of an admin.
 * 200 { created, updated } | 400 { errors: [{ row, column, message }] } | 401 | 403
 * (403 with errors too when a cookie-authenticated post comes from another origin).
 * All or nothing: a 400 means nothing was written.
 */
import { db } from "@/lib/db";
import { MAX_FILE_BYTES } from "@/lib/import/columns";
import { importProjects, runIdOf } from "@/lib/import/import-projects";
import { deny, importCaller, requestLocale } from "@/lib/import/http";
import { multipartParts } from "@/lib/http/multipart";
import { zRequestId } from "@/lib/validation/fields";
import { readBodyUpTo } from "@/lib/http/read-body";
import { importErrorMessage, translateIssues } from "@/lib/import/messages";
import { ImportCrashed } from "@/lib/import/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 120;

/** Room for the multipart envelope around a file at the size limit. */
const ENVELOPE = 64 * 1024;

export async function POST(request: Request) {
  const locale = requestLocale(request);
  const fail = (key: string, params?: Record<string, string | number>, status = 400) =>
    Response.json({ errors: [{ row: null, column: null, message: importErrorMessage(key, params, locale) }] }, { status });
  const caller = await importCaller(request);
  if (!caller.ok) return caller.key ? fail(caller.key, undefined, caller.status) : deny(caller.status);
  const tooLarge = () => fail("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });

  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FILE_BYTES + ENVELOPE) return tooLarge();
  const body = await readBodyUpTo(request, MAX_FILE_BYTES + ENVELOPE).catch(() => undefined);
  if (body === null) return tooLarge();
  if (body === undefined) return fail("noFile");

  const parts = multipartParts(body, request.headers.get("content-type"));
  const file = parts?.find((p) => p.name === "file" && p.fileName !== null)?.data;
  if (!file) return fail("noFile");
  if (file.length > MAX_FILE_BYTES) return tooLarge();
  // The upload's request id (the form makes one per submission; an API client may send Idempotency-Key): a retry
  // with the same id is the same import. None: a run of its own.
  const given = parts?.find((p) => p.name === "requestId" && p.fileName === null)?.data.toString("utf8") ?? request.headers.get("idempotency-key");
  const requestId = given === null ? undefined : zRequestId.safeParse(given.trim());
  if (requestId && !requestId.success) return fail("requestId");

  try {
    const result = await importProjects(db(), caller.actor, file, requestId ? { runId: runIdOf(requestId.data) } : {});
    if (!result.ok) return Response.json({ errors: translateIssues(result.errors, locale) }, { status: 400 });
    return Response.json({ created: result.created, updated: result.updated, matched: result.matched });
  } catch (error) {
    // An ImportCrashed was logged with its reference, and its starter told, by the importer.
    if (error instanceof ImportCrashed) return fail("serverReference", { reference: error.reference }, 500);
    console.error("import failed", error);
    return fail("server", undefined, 500);
  }
}
