/**
 * A migrated database no other test file writes to, for tests that need to
 * know everything in it (the last admin, the demo seed): a scratch database on
 * the run's server, or, where every database name reaches the same one (the
 * embedded PGlite), a second embedded instance in this worker.
 */
import { startEmbeddedDb } from "@/scripts/lib/embedded-db";
import { migrateDeploy } from "@/scripts/lib/migrate";
import { createScratchDb, servesDatabasesByName } from "@/scripts/lib/scratch-db";

export async function ownDatabase(prefix: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  const own = await emptyDatabase(prefix);
  await migrateDeploy(own.url, { quiet: true });
  return own;
}

/** The same, not migrated: for tests that apply migrations themselves (a migration's backfill on data of before). */
export async function emptyDatabase(prefix: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  const runUrl = process.env.DATABASE_URL!;
  if (await servesDatabasesByName(runUrl)) {
    const scratch = await createScratchDb(runUrl, prefix);
    return { url: scratch.url, dispose: scratch.drop };
  }
  const embedded = await startEmbeddedDb({});
  return { url: embedded.url, dispose: embedded.stop };
}
