import "server-only";
/**
 * The dashboard page's numbers, each section computed once per state of what it reads.
 *
 * A whole dashboard is ~20 aggregate queries (0.5–1.7 s of database time for a city-wide year at 100k projects);
 * ten managers opening it at once on two cores would queue for seconds. Each section (sections.ts) is kept under
 * the stamps of the sources it reads (data_source_version, lib/data/versioned-cache.ts sourceVersions), and the
 * sections that read rounds or follow-up dates under data_version's activity number too: after a logged round
 * only those are computed again; after a project edit, only the sections reading a column the edit changed; after
 * a contract, those reading contracts. A value is served again only while none of its sources moved, so the page
 * never shows a number older than the last commit. (The dashboard's filters — unit, sector, chain, owner — read
 * no follow-up date; a stalled or overdue filter would key every section on the activity number too.)
 */
import type { Db } from "@/lib/db";
import { scopeKey } from "@/lib/domain/scope";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { toSearchParams } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import { sourceVersions, sourcesKey, VersionedCache } from "@/lib/data/versioned-cache";
import { assembleDashboard, type Dashboard } from "./index";
import { ACTIVITY_SECTIONS, computeSections, RECORD_SECTIONS, sourcesOf, type Section } from "./sections";
import type { Actor } from "./sql";

/** About 200 dashboards (scope × period × filter) of ~20 sections each. */
const sections = new VersionedCache<unknown>(4000);

/**
 * What the numbers depend on besides the data: the scope, the period, the filter (an officer's own work is its
 * owner filter), and today (stalled and overdue are as of today).
 */
function keyOf(user: Actor, filters: DashboardFilters, now: Date): string {
  const { period, ...filter } = filters;
  return JSON.stringify([scopeKey(user), period.from.toISOString(), period.to.toISOString(), toSearchParams(filter).toString(), todayDate(now).toISOString()]);
}

/** The version a section is kept under: the stamps of its sources, and the activity number when it reads rounds. */
export function sectionVersion(section: Section<unknown>, stamps: Map<string, bigint>): string {
  const sources = sourcesKey(stamps, sourcesOf(section));
  return section.activity ? `${sources};a${stamps.get("@2") ?? 0n}` : sources;
}

type Options = {
  now?: Date;
  /** The stamps, when the caller has read them (tests: chosen stamps). */
  stamps?: Map<string, bigint>;
  /** For tests: called for each section computed (not served), with what computes it. */
  compute?: (name: string, fresh: () => Promise<unknown>) => Promise<unknown>;
};

export async function cachedDashboard(db: Db, user: Actor, filters: DashboardFilters, options: Options = {}): Promise<Dashboard> {
  const { now = new Date() } = options;
  const compute = options.compute ?? ((_: string, fresh: () => Promise<unknown>) => fresh());
  const stamps = options.stamps ?? (await sourceVersions(db));
  const key = keyOf(user, filters, now);
  const run = (name: string, section: Section<unknown>) => sections.get(`${name}|${key}`, sectionVersion(section, stamps), () => compute(name, () => section.compute(db, user, filters, now)));
  const [records, activity] = await Promise.all([computeSections(RECORD_SECTIONS, run), computeSections(ACTIVITY_SECTIONS, run)]);
  return assembleDashboard(filters, records, activity);
}
