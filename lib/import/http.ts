import "server-only";
/**
 * The import's HTTP edge: who is calling (an admin's session or an API token
 * acting as an admin) and in which language to answer.
 */
import { ROLES_FOR, may } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { auditDenial, getCurrentUser } from "@/lib/auth/current-user";
import { clientAddress } from "@/lib/auth/client-address";
import { writeAudit } from "@/lib/audit/write-audit";
import { authenticateApiToken } from "@/lib/data/api-tokens";
import { isCrossOriginCookieWrite } from "@/lib/http/same-origin";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE } from "@/i18n/locales";
import type { ImportLocale } from "@/lib/import/messages";
import type { ImportActor } from "@/lib/import/import-projects";

export type CallerResult = { ok: true; actor: ImportActor; via: "session" | "token" } | { ok: false; status: 401 | 403; key?: "crossOrigin" };

/**
 * `Authorization: Bearer <token>` first (the token's user must be an active
 * admin), else the session cookie. No credentials at all: 401 without
 * touching the session machinery. A cookie-authenticated upload posted from
 * another origin's page is refused before the session is read (CSRF).
 */
export async function importCaller(request: Request): Promise<CallerResult> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = await authenticateApiToken(db(), authorization, { ip: clientAddress(request.headers) });
    if (!token) return { ok: false, status: 401 };
    const user = await db().user.findUnique({ where: { id: token.userId }, select: { id: true, role: true, disabledAt: true } });
    if (!user || user.disabledAt) return { ok: false, status: 401 };
    if (!may(user, "importProjects")) {
      await writeAudit(db(), { actorId: user.id, action: "access.denied", entity: "route", entityId: new URL(request.url).pathname, after: { what: `role:${ROLES_FOR.importProjects.join("|")}`, tokenId: token.tokenId } });
      return { ok: false, status: 403 };
    }
    return { ok: true, actor: { id: user.id, role: user.role }, via: "token" };
  }
  if (!request.headers.get("cookie")) return { ok: false, status: 401 };
  if (isCrossOriginCookieWrite(request)) return { ok: false, status: 403, key: "crossOrigin" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, status: 401 };
  if (!may(user, "importProjects")) {
    await auditDenial(user, `role:${ROLES_FOR.importProjects.join("|")}`);
    return { ok: false, status: 403 };
  }
  return { ok: true, actor: { id: user.id, role: user.role }, via: "session" };
}

/** The remembered language (cookie) or the browser's, as the app chooses it. */
export function requestLocale(request: Request): ImportLocale {
  const cookie = request.headers.get("cookie") ?? "";
  const remembered = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return isLocale(remembered) ? remembered : localeFromAcceptLanguage(request.headers.get("accept-language"));
}

export function deny(status: 401 | 403) {
  return Response.json({ error: status === 401 ? "unauthenticated" : "forbidden" }, { status });
}
