/**
 * POST /api/import/projects — multipart form, field "file" (CSV or XLSX).
 * An admin's session or `Authorization: Bearer <api token>` of an admin.
 * 200 { created, updated } | 400 { errors: [{ row, column, message }] } | 401 | 403.
 * All or nothing: a 400 means nothing was written.
 */
import { db } from "@/lib/db";
import { MAX_FILE_BYTES } from "@/lib/import/columns";
import { importProjects } from "@/lib/import/import-projects";
import { deny, importCaller, requestLocale } from "@/lib/import/http";
import { importErrorMessage, translateIssues } from "@/lib/import/messages";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 120;

/** Room for the multipart envelope around a file at the size limit. */
const ENVELOPE = 64 * 1024;

export async function POST(request: Request) {
  const caller = await importCaller(request);
  if (!caller.ok) return deny(caller.status);
  const locale = requestLocale(request);
  const fail = (key: string, params?: Record<string, string | number>, status = 400) =>
    Response.json({ errors: [{ row: null, column: null, message: importErrorMessage(key, params, locale) }] }, { status });

  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FILE_BYTES + ENVELOPE) return fail("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });

  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return length > MAX_FILE_BYTES ? fail("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 }) : fail("noFile");
  }
  if (!file || typeof file === "string") return fail("noFile");
  if (file.size > MAX_FILE_BYTES) return fail("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });

  try {
    const result = await importProjects(db(), caller.actor, new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) return Response.json({ errors: translateIssues(result.errors, locale) }, { status: 400 });
    return Response.json({ created: result.created, updated: result.updated });
  } catch (error) {
    console.error("import failed", error);
    return fail("server", undefined, 500);
  }
}
