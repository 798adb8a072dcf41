import "server-only";
/**
 * What every dashboard (and report) query shares: "signed in the period"
 * joined to its projects, and the size bands. The rules themselves (scope and
 * filter, first contract, first start, stalled, overdue, period) are
 * lib/data/sql-rules.ts and lib/domain/. An officer's dashboard is their own
 * work: the page adds the owner filter (ownWorkFilter in lib/domain/scope.ts).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { countedInRangesSql, firstContractsSql, narrowsProjects, projectFilterSql, type DayRange } from "@/lib/data/sql-rules";

export type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** Size bands in yuan: each counts every signed project at or above it. */
export const SIZE_BANDS = ["100000000", "5000000000", "10000000000"] as const;

/**
 * Projects signed in the period (sql-rules.ts firstContractsSql: counted once) — or in any of `periods`, read in one
 * scan (this period and a year earlier) — with their project's unit, sector, investor and first contact (and, asked,
 * the rounds held by the signing), in the scope and filters. All read from counted_signing, which holds copies of those columns (and the chain and owner the
 * filters read): no join to project, whose size would otherwise set every signed section's cost.
 */
export function signedInPeriodSql(user: Actor, filters: DashboardFilters, periods: DayRange[] = [filters.period], { roundsToSign = false } = {}): Prisma.Sql {
  const { period: _, ...filter } = filters;
  return countedInRangesSql(periods, {
    columns: ["unit_id", "sector_id", "company_id", "first_contact_on"],
    where: projectFilterSql(user, filter, { alias: "k" }),
    roundsToSign,
  });
}

/**
 * As signedInPeriodSql, but only (project_id, signed_on, cny, usd): what the
 * totals, the series and the size bands need. When nothing is filtered out it
 * skips the scope condition and the grouping by the copied project columns
 * (neither reads project any more: both read counted_signing).
 */
export function signedAmountsSql(user: Actor, filters: DashboardFilters, periods: DayRange[] = [filters.period]): Prisma.Sql {
  return narrowsProjects(user, filters) ? signedInPeriodSql(user, filters, periods) : firstContractsSql(periods);
}
