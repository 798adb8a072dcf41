import "server-only";
/**
 * Clean-up of import_run: outcomes older than IMPORT_RUN_RETENTION_DAYS (lib/domain/import-runs.ts) go. Run by the
 * reminder worker's daily job (lib/notify/worker.ts). A run still in progress is recent, so it is never touched.
 */
import type { Db } from "@/lib/db";
import { importRunsKeptFrom } from "@/lib/domain/import-runs";

/** Deletes the import outcomes recorded before the retention as of `now`; returns how many went. */
export function pruneImportRuns(db: Pick<Db, "$executeRaw">, now: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM import_run WHERE created_at < ${importRunsKeptFrom(now)}`;
}
