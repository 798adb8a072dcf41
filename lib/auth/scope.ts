/**
 * Who sees and changes which projects: the one place the rule lives.
 * - an officer: the projects of their own unit;
 * - a manager: their unit's, or every unit's when they belong to the city;
 * - an admin: everything.
 * Every project query and mutation filters through projectScope(), so a
 * project of another unit is simply not found.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session-user";

type Actor = Pick<CurrentUser, "role" | "unitId" | "unitIsCity">;

export function seesAllUnits(user: Actor): boolean {
  return user.role === "ADMIN" || (user.role === "MANAGER" && user.unitIsCity);
}

/** A `where` fragment limiting projects to the user's scope. */
export function projectScope(user: Actor): Prisma.ProjectWhereInput {
  return seesAllUnits(user) ? {} : { unitId: user.unitId };
}

/** projectScope() as SQL on `project` aliased `alias`, for hand-written queries. */
export function projectScopeSql(user: Actor, alias = "p"): Prisma.Sql {
  return seesAllUnits(user) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(`"${alias}"`)}.unit_id = ${user.unitId}`;
}

/** The unit ids a user may put a project in (null: any). */
export function allowedUnitIds(user: Actor): number[] | null {
  return seesAllUnits(user) ? null : [user.unitId];
}
