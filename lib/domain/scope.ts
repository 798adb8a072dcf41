/**
 * Who sees which projects: the one place the rule lives (pure; its SQL and
 * Prisma forms are in lib/data/sql-rules.ts, "Scope and filter").
 *
 * - The project scope: an officer sees the projects of their own unit; a
 *   manager their unit's, or every unit's when they belong to the city; an
 *   admin everything. Every project query and mutation filters through it, so
 *   a project of another unit is simply not found.
 * - "My own work" is not a scope but a filter on top of it: the officer's
 *   dashboard and My work show the projects they own (ownWorkFilter), and a
 *   link from such a screen carries that owner filter like any other filter,
 *   so the list it opens shows the same projects.
 */
import type { Role } from "@/lib/generated/prisma/enums";

export type ScopeActor = { role: Role; unitId: number; unitIsCity: boolean };
type Owner = { id: number; role: Role };

export function seesAllUnits(user: ScopeActor): boolean {
  return user.role === "ADMIN" || (user.role === "MANAGER" && user.unitIsCity);
}

/** The unit ids in the user's scope, which are also the units they may put a project in (null: any). */
export function allowedUnitIds(user: ScopeActor): number[] | null {
  return seesAllUnits(user) ? null : [user.unitId];
}

/** What the scope depends on, as a cache key: "all", or the one unit. */
export function scopeKey(user: ScopeActor): string {
  return seesAllUnits(user) ? "all" : `unit:${user.unitId}`;
}

/** Whether a unit filter stays inside the scope (a unit outside it would show nothing). */
export function unitInScope(user: ScopeActor, unitId: number): boolean {
  return seesAllUnits(user) || unitId === user.unitId;
}

/** The projects the user owns, as a project filter (My work's "mine" view, for any role). */
export function ownProjectsFilter(user: Pick<Owner, "id">): { ownerId: number } {
  return { ownerId: user.id };
}

/** The officer's "my own work" view, the default of their dashboard: the projects they own. Managers and admins: no narrowing. */
export function ownWorkFilter(user: Owner): { ownerId?: number } {
  return user.role === "OFFICER" ? ownProjectsFilter(user) : {};
}

/** `filter` with the officer's own-work owner filter as its default (an owner the filter names wins). */
export function withOwnWork<F extends { ownerId?: number }>(user: Owner, filter: F): F {
  return filter.ownerId !== undefined ? filter : { ...filter, ...ownWorkFilter(user) };
}

/**
 * Merging two companies moves all their projects: a manager whose scope is one
 * unit may merge only companies whose projects are all in that unit (a city
 * manager or an admin any). `projectUnitIds`: the units of both companies' projects.
 */
export function mayMergeCompanies(user: ScopeActor, projectUnitIds: readonly number[]): boolean {
  return projectUnitIds.every((unitId) => unitInScope(user, unitId));
}
