import "server-only";
/**
 * The filter choices of the project list and the dashboard: units, sectors,
 * chains, sources, owners and events in the user's scope. Every list and
 * dashboard view shows them and they change rarely, so they are kept by
 * data_version (lib/data/versioned-cache.ts; unit and user columns they
 * depend on bump it: migration 20261129100000) and read afresh only after a
 * change. Forms read their own options (projectOptions with forForm): those
 * depend on the record being edited.
 */
import type { Db } from "@/lib/db";
import { allowedUnitIds, ownWorkFilter, seesAllUnits } from "@/lib/domain/scope";
import type { CurrentUser } from "@/lib/auth/session-user";
import { dataVersion, versionKey, VersionedCache, type DataVersion } from "@/lib/data/versioned-cache";
import { projectOptions, type ProjectOptions } from "@/lib/data/project-options";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** Keyed by the units in scope, the only thing projectOptions reads of the user. */
const options = new VersionedCache<ProjectOptions>(50);

/** Shared between requests: callers must not change what they get. `version`: data_version, if already read. */
export async function filterOptions(db: Db, user: Actor, version?: DataVersion): Promise<ProjectOptions> {
  const units = allowedUnitIds(user);
  return options.get(units === null ? "all" : units.join(","), versionKey(version ?? (await dataVersion(db)), "records"), () => projectOptions(db, user));
}

/** The dashboard's pickers: units only for who sees every unit, owners not where the dashboard is one's own work (an officer's). */
export async function dashboardOptions(db: Db, user: Actor, version?: DataVersion) {
  const { units, sectors, chains, owners } = await filterOptions(db, user, version);
  return { units: seesAllUnits(user) ? units : [], sectors, chains, owners: ownWorkFilter(user).ownerId !== undefined ? [] : owners };
}
export type DashboardOptions = Awaited<ReturnType<typeof dashboardOptions>>;
