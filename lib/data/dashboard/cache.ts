import "server-only";
/**
 * The dashboard page's numbers, computed once per state of the data.
 *
 * A whole dashboard is ~14 aggregate queries (about 0.3–0.5 s of database time
 * for a city-wide year on the large data set); ten managers opening it at once
 * on two cores would queue for seconds. It is kept by data_version
 * (lib/data/versioned-cache.ts) in two halves: the sections that read rounds or
 * follow-up dates (the funnel's durations, work, the pipeline's cards) are
 * computed again after a round is logged; the others (the funnel's stages,
 * signed value, bands, delivery, chains, events) only after a change of what
 * they read. (The dashboard's filters — unit, sector, chain, owner — read no
 * follow-up date; a stalled or overdue filter would have to key both halves on both.)
 */
import type { Db } from "@/lib/db";
import { scopeKey } from "@/lib/domain/scope";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { toSearchParams } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import { dataVersion, versionKey, VersionedCache, type DataVersion } from "@/lib/data/versioned-cache";
import { assembleDashboard, getActivitySections, getRecordSections, type Dashboard } from "./index";
import type { Actor } from "./sql";

type RecordSections = Awaited<ReturnType<typeof getRecordSections>>;
type ActivitySections = Awaited<ReturnType<typeof getActivitySections>>;

const recordHalves = new VersionedCache<RecordSections>(200);
const activityHalves = new VersionedCache<ActivitySections>(200);

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
  version?: DataVersion;
  /** For tests: what computes each half. */
  compute?: { records?: typeof getRecordSections; activity?: typeof getActivitySections };
};

export async function cachedDashboard(db: Db, user: Actor, filters: DashboardFilters, options: Options = {}): Promise<Dashboard> {
  const { now = new Date(), compute = {} } = options;
  const { records = getRecordSections, activity = getActivitySections } = compute;
  const version = options.version ?? (await dataVersion(db));
  const key = keyOf(user, filters, now);
  const [recordPart, activityPart] = await Promise.all([
    recordHalves.get(key, versionKey(version, "records"), () => records(db, user, filters, now)),
    activityHalves.get(key, versionKey(version, "all"), () => activity(db, user, filters, now)),
  ]);
  return assembled(filters, recordPart, activityPart);
}

/** One dashboard per pair of halves: requests served the same halves get the same object (no re-assembly). */
const dashboards = new WeakMap<RecordSections, WeakMap<ActivitySections, Dashboard>>();
function assembled(filters: DashboardFilters, records: RecordSections, activity: ActivitySections): Dashboard {
  let byActivity = dashboards.get(records);
  if (!byActivity) dashboards.set(records, (byActivity = new WeakMap()));
  let dashboard = byActivity.get(activity);
  if (!dashboard) byActivity.set(activity, (dashboard = assembleDashboard(filters, records, activity)));
  return dashboard;
}
