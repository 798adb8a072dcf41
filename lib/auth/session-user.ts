import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  unitId: number;
  unitNameZh: string;
  unitNameEn: string;
  /** True when the user's unit is the city: a city manager sees every unit. */
  unitIsCity: boolean;
};

/** The user a session stands for, and whether an admin set their password (they must choose their own first: lib/auth/current-user.ts). */
export type SessionUser = CurrentUser & {
  mustChangePassword: boolean;
  /** The bell's unread count when resolveSessionUser was asked for it (read in the same statement), else undefined. */
  unreadNotifications?: number;
};

type SessionRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  unit_id: number;
  disabled_at: Date | null;
  session_version: number;
  must_change_password: boolean;
  name_zh: string;
  name_en: string;
  unit_kind: string;
  unread: number | null;
};

type TokenClaims = { uid?: number; sv?: number; signedInAt?: number } | null;

/**
 * A session ends this long after its sign-in, however often the cookie is
 * renewed (it is renewed on every visit, for 8 hours of inactivity): a stolen
 * cookie cannot be kept alive by polling.
 */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** True when the token's sign-in (seconds since the epoch) is missing or older than the absolute limit. */
export function sessionOutlived(token: TokenClaims, now = new Date()): boolean {
  const signedInAt = token?.signedInAt;
  return typeof signedInAt !== "number" || now.getTime() - signedInAt * 1000 > SESSION_ABSOLUTE_SECONDS * 1000;
}

/**
 * Turns a decoded session token into the user it stands for, or null when the
 * token is missing, the session is past its absolute lifetime, the account is
 * disabled, or its session version moved on (role or unit change, password
 * reset, sign-out).
 */
export async function resolveSessionUser(
  db: Db,
  token: TokenClaims,
  now = new Date(),
  /** A column on the user's row `a` read in the same statement: the shell's unread count (lib/data/notifications.ts unreadCountColumnSql). */
  unreadSql?: Prisma.Sql,
): Promise<SessionUser | null> {
  if (typeof token?.uid !== "number" || typeof token.sv !== "number" || sessionOutlived(token, now)) return null;
  // Plain SQL: this runs on every request, and Prisma's query compiler cost
  // more than the statement itself (docs/ARCHITECTURE.md, "Reads on hot pages").
  const [user] = await db.$queryRaw<SessionRow[]>`
    SELECT a.id, a.email, a.name, a.role::text AS role, a.unit_id, a.disabled_at, a.session_version, a.must_change_password,
           u.name_zh, u.name_en, u.kind::text AS unit_kind, ${unreadSql ?? Prisma.sql`NULL::int`} AS unread
      FROM app_user a JOIN unit u ON u.id = a.unit_id
     WHERE a.id = ${token.uid}`;
  if (!user || user.disabled_at || user.session_version !== token.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    unitId: user.unit_id,
    unitNameZh: user.name_zh,
    unitNameEn: user.name_en,
    unitIsCity: user.unit_kind === "CITY",
    mustChangePassword: user.must_change_password,
    ...(user.unread === null ? {} : { unreadNotifications: user.unread }),
  };
}
