import type { Db } from "@/lib/db";
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

type TokenClaims = { uid?: number; sv?: number } | null;

/**
 * Turns a decoded session token into the user it stands for, or null when the
 * token is missing, the account is disabled, or its session version moved on
 * (role or unit change, password reset, sign-out).
 */
export async function resolveSessionUser(db: Db, token: TokenClaims): Promise<CurrentUser | null> {
  if (typeof token?.uid !== "number" || typeof token.sv !== "number") return null;
  const user = await db.user.findUnique({
    where: { id: token.uid },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      unitId: true,
      disabledAt: true,
      sessionVersion: true,
      unit: { select: { nameZh: true, nameEn: true, kind: true } },
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== token.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    unitId: user.unitId,
    unitNameZh: user.unit.nameZh,
    unitNameEn: user.unit.nameEn,
    unitIsCity: user.unit.kind === "CITY",
  };
}
