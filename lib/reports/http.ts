import "server-only";
/**
 * Who may fetch a report over HTTP. The bearer-token path is the import
 * route's own check (importCaller: an active admin's API token); a session
 * is the app's requireRole with the policy's report roles (a refusal is audited there).
 */
import { db } from "@/lib/db";
import { AuthError, requireRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { importCaller, requestLocale } from "@/lib/import/http";
import { isLocale } from "@/i18n/locales";
import type { Actor } from "@/lib/data/dashboard";
import { PassThrough, Readable } from "node:stream";
import { reportText, type ReportLocale } from "@/lib/reports/sections";
import type { ReportFormat } from "@/lib/validation/report";

export type ReportCaller = { ok: true; actor: Actor; via: "session" | "token" } | { ok: false; status: 401 | 403 };

export async function reportCaller(request: Request): Promise<ReportCaller> {
  if (request.headers.get("authorization")) {
    const caller = await importCaller(request);
    if (!caller.ok) return caller;
    const user = await db().user.findUniqueOrThrow({ where: { id: caller.actor.id }, select: { id: true, role: true, unitId: true, unit: { select: { kind: true } } } });
    return { ok: true, via: "token", actor: { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unit.kind === "CITY" } };
  }
  if (!request.headers.get("cookie")) return { ok: false, status: 401 };
  try {
    const user = await requireRole(...ROLES_FOR.viewReports);
    return { ok: true, via: "session", actor: { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unitIsCity } };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, status: error.status };
    throw error;
  }
}

/** The content type of each downloadable format (reports and the assessment sheet). */
export const REPORT_TYPES: Record<ReportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** A refusal with its message in the caller's language, never cached. */
export function reportFailure(status: number, key: string, locale: ReportLocale) {
  return Response.json({ error: key, message: reportText(locale, `errors.${key}`) }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A Node writer function → a web stream of its bytes (errors end the stream with an error). */
export function piped(write: (out: PassThrough) => Promise<void>, what = "report"): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  write(out).catch((error) => {
    console.error(`${what} stream failed`, error);
    out.destroy(error as Error);
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** The language of a download's texts: `?lang=`, else the request's own (cookie, Accept-Language). */
export function reportLocale(request: Request): ReportLocale {
  const lang = new URL(request.url).searchParams.get("lang");
  return isLocale(lang) ? lang : requestLocale(request);
}

/** A refused caller's reply (reportCaller): 401 unauthenticated, 403 forbidden. */
export const callerRefusal = (status: 401 | 403, locale: ReportLocale) => reportFailure(status, status === 401 ? "unauthenticated" : "forbidden", locale);
