import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { writeAudit } from "@/lib/audit/write-audit";
import { unreadCountColumnSql } from "@/lib/data/notifications";
import type { Role } from "@/lib/generated/prisma/enums";
import { resolveSessionUser, type CurrentUser, type SessionUser } from "@/lib/auth/session-user";

export type { CurrentUser } from "@/lib/auth/session-user";

/**
 * The user of this request's session, or null. Reads the JWT cookie and checks
 * it against the database (once per request: React's cache), with the bell's
 * unread count in the same statement. Only the sign-in
 * and change-password pages use it directly: everything else asks getCurrentUser.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const token = await getToken({
    req: { headers: Object.fromEntries(headerList), cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])) } as never,
    secret: env().NEXTAUTH_SECRET,
  });
  // The shell's bell read with the user, in one statement: every signed-in page shows it (unreadForShell).
  return resolveSessionUser(db(), token, new Date(), unreadCountColumnSql("a"));
});

/** The bell's number for this request's user, read with the session (getSessionUser): no statement of its own. */
export async function unreadForShell(): Promise<number> {
  return (await getSessionUser())?.unreadNotifications ?? 0;
}

/**
 * The signed-in user who may use the app, or null — also while the user must
 * still replace a password an admin set (pages send them to CHANGE_PASSWORD_PATH,
 * actions and route handlers answer as to a signed-out caller).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await getSessionUser();
  return user && !user.mustChangePassword ? user : null;
});

/** Where a user whose password an admin set must go first. */
export const CHANGE_PASSWORD_PATH = "/account/password";

/**
 * For pages and layouts: the user, or a redirect to the sign-in page — or to
 * the change-password page while the user must still choose their own password.
 */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/** Thrown by server actions and route handlers; mapped to 401/403 or a message. */
export class AuthError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? "unauthenticated" : "forbidden");
  }
}

/**
 * For server actions and route handlers: the user if they hold one of the
 * roles; otherwise the denial is audited and an AuthError thrown.
 */
export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError(401);
  if (roles.length > 0 && !roles.includes(user.role)) {
    await auditDenial(user, `role:${roles.join("|")}`);
    throw new AuthError(403);
  }
  return user;
}

/**
 * One audit row per refused page request even when a segment's layout and its
 * page both check (they render side by side): React's cache lasts a request,
 * and the user object is the same one (getCurrentUser is cached too).
 */
const auditPageDenial = cache(auditDenial);

/** For pages: like requireRole, but a redirect or the not-allowed page. */
export async function requirePageRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) {
    await auditPageDenial(user, `role:${roles.join("|")}`);
    redirect("/forbidden");
  }
  return user;
}

export async function auditDenial(user: CurrentUser | null, what: string) {
  const headerList = await headers();
  await writeAudit(db(), {
    actorId: user?.id ?? null,
    action: "access.denied",
    entity: "route",
    entityId: headerList.get("x-pathname") ?? null,
    after: { what },
  });
}
