import "server-only";
/**
 * The dashboard page's numbers, computed once per state of the data.
 *
 * A whole dashboard is ~14 aggregate queries (about 0.3–0.5 s of database time
 * for a city-wide year on the large data set); ten managers opening it at once
 * on two cores would queue for seconds. data_version moves at the commit of
 * every transaction that changes what the dashboard shows (see its
 * migration), so a dashboard computed at version V for the same scope,
 * filters and day is exactly what a fresh computation would return until V
 * moves: it is served again, and never after. Requests that arrive while the
 * same dashboard is being computed wait for that computation instead of
 * starting their own.
 *
 * In-process (one `next start` process); at most MAX_ENTRIES dashboards,
 * least recently used out first.
 */
import type { Db } from "@/lib/db";
import { seesAllUnits } from "@/lib/auth/scope";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { todayDate } from "@/lib/validation/fields";
import { getDashboard, type Dashboard } from "./index";
import type { Actor } from "./sql";

const MAX_ENTRIES = 200;

type Entry = { version: bigint; value: Promise<Dashboard> };
const entries = new Map<string, Entry>();

/** The current data version (committed transactions only). */
export async function dataVersion(db: Db): Promise<bigint> {
  const row = await db.dataVersion.findUniqueOrThrow({ where: { id: 1 }, select: { version: true } });
  return row.version;
}

/** What the numbers depend on: whose projects, which filters, and today (stalled and overdue are as of today). */
function keyOf(user: Actor, filters: DashboardFilters, now: Date): string {
  const scope = seesAllUnits(user) ? "all" : user.role === "MANAGER" ? `unit:${user.unitId}` : `owner:${user.id}`;
  const { period, unitId, sectorId, chainId, ownerId } = filters;
  return JSON.stringify([scope, period.from.toISOString(), period.to.toISOString(), unitId, sectorId, chainId, ownerId, todayDate(now).toISOString()]);
}

type Options = {
  now?: Date;
  /** For tests: what computes a dashboard, and what reads the version. */
  compute?: typeof getDashboard;
  version?: (db: Db) => Promise<bigint>;
};

export async function cachedDashboard(db: Db, user: Actor, filters: DashboardFilters, options: Options = {}): Promise<Dashboard> {
  const { now = new Date(), compute = getDashboard, version: readVersion = dataVersion } = options;
  const key = keyOf(user, filters, now);
  const version = await readVersion(db);
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    entries.delete(key); // re-inserted: most recently used last
    entries.set(key, hit);
    return hit.value;
  }
  const entry: Entry = { version, value: compute(db, user, filters, now) };
  entries.set(key, entry);
  // A failed computation is not kept: the next request tries again.
  entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return entry.value;
}
