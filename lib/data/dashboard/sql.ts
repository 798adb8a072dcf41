import "server-only";
/**
 * What every dashboard (and report) query shares: who sees which projects,
 * the URL filters as SQL, and "signed in the period" joined to its projects.
 * The rules themselves (first contract, first start, stalled, overdue,
 * period) are lib/data/sql-rules.ts and lib/domain/.
 *
 * - Scope: admins and city-unit managers see every unit; a county/district
 *   manager their unit; an officer their OWN projects (owner_id = user id).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session-user";
import { seesAllUnits } from "@/lib/auth/scope";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { firstContractsSql, type DayRange } from "@/lib/data/sql-rules";

export type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** Size bands in yuan: each counts every signed project at or above it. */
export const SIZE_BANDS = ["100000000", "5000000000", "10000000000"] as const;

/** The dashboard scope rule as SQL on `project` aliased `alias`. */
export function dashboardScopeSql(user: Actor, alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  if (seesAllUnits(user)) return Prisma.sql`TRUE`;
  if (user.role === "MANAGER") return Prisma.sql`${a}.unit_id = ${user.unitId}`;
  return Prisma.sql`${a}.owner_id = ${user.id}`;
}

/**
 * Whether the scope and filters leave out any project. When they do not (an
 * admin or a city manager with no filter), a query can skip its join to
 * `project`: on the large data set that join is a third of a section's time.
 */
export function narrowsProjects(user: Actor, filters: Omit<DashboardFilters, "period">): boolean {
  return !seesAllUnits(user) || [filters.unitId, filters.sectorId, filters.chainId, filters.ownerId].some((f) => f !== undefined);
}

/** Scope and the unit / sector / chain / owner filters on `project` aliased `alias`. */
export function projectFilterSql(user: Actor, filters: Omit<DashboardFilters, "period">, alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const parts = [dashboardScopeSql(user, alias)];
  if (filters.unitId !== undefined) parts.push(Prisma.sql`${a}.unit_id = ${filters.unitId}`);
  if (filters.sectorId !== undefined) parts.push(Prisma.sql`${a}.sector_id = ${filters.sectorId}`);
  if (filters.chainId !== undefined) parts.push(Prisma.sql`${a}.chain_id = ${filters.chainId}`);
  if (filters.ownerId !== undefined) parts.push(Prisma.sql`${a}.owner_id = ${filters.ownerId}`);
  return Prisma.join(parts, " AND ");
}

/**
 * Projects signed in the period (sql-rules.ts: the first contract) — or in any of
 * `periods`, read in one scan (this period and a year earlier) — joined to
 * their project `p` with the filters.
 */
export function signedInPeriodSql(user: Actor, filters: DashboardFilters, periods: DayRange[] = [filters.period]): Prisma.Sql {
  return Prisma.sql`
    SELECT fc.project_id, fc.signed_on, fc.cny, fc.usd, p.unit_id, p.sector_id, p.company_id, p.first_contact_on
      FROM (${firstContractsSql(periods)}) fc
      JOIN project p ON p.id = fc.project_id
     WHERE ${projectFilterSql(user, filters)}`;
}

/**
 * As signedInPeriodSql, but only (project_id, signed_on, cny, usd): what the
 * totals, the series and the size bands need, without the join to project
 * when nothing is filtered out.
 */
export function signedAmountsSql(user: Actor, filters: DashboardFilters, periods: DayRange[] = [filters.period]): Prisma.Sql {
  return narrowsProjects(user, filters) ? signedInPeriodSql(user, filters, periods) : firstContractsSql(periods);
}
