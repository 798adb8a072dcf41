import "server-only";
/**
 * The dashboard page's numbers, computed once per state of the data.
 *
 * A whole dashboard is ~14 aggregate queries (about 0.3–0.5 s of database time
 * for a city-wide year on the large data set); ten managers opening it at once
 * on two cores would queue for seconds. It is kept by data_version
 * (lib/data/versioned-cache.ts): a dashboard for the same scope, filters and
 * day is computed once per state of the data.
 */
import type { Db } from "@/lib/db";
import { scopeKey } from "@/lib/domain/scope";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { toSearchParams } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import { dataVersion, VersionedCache } from "@/lib/data/versioned-cache";
import { getDashboard, type Dashboard } from "./index";
import type { Actor } from "./sql";

const dashboards = new VersionedCache<Dashboard>(200);

/**
 * What the numbers depend on: the scope, the period, the filter (an officer's
 * own work is its owner filter), and today (stalled and overdue are as of today).
 */
function keyOf(user: Actor, filters: DashboardFilters, now: Date): string {
  const { period, ...filter } = filters;
  return JSON.stringify([scopeKey(user), period.from.toISOString(), period.to.toISOString(), toSearchParams(filter).toString(), todayDate(now).toISOString()]);
}

type Options = {
  now?: Date;
  /** The data version, when the caller has read it already (the page reads it once for the dashboard and its options). */
  version?: bigint;
  /** For tests: what computes a dashboard. */
  compute?: typeof getDashboard;
};

export async function cachedDashboard(db: Db, user: Actor, filters: DashboardFilters, options: Options = {}): Promise<Dashboard> {
  const { now = new Date(), compute = getDashboard } = options;
  const version = options.version ?? (await dataVersion(db));
  return dashboards.get(keyOf(user, filters, now), version, () => compute(db, user, filters, now));
}
