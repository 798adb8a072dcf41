/**
 * How long a project import's outcome is kept (import_run, lib/import/import-projects.ts): it exists only so
 * that a retried or double-submitted upload — the same starter's same request id — gets the first request's
 * answer instead of importing twice. A retry comes seconds to hours later (a resubmitted form, an API client's
 * backoff, a network outage over a weekend or the Spring Festival week); 30 days is far beyond any of those.
 * A request id seen again after that is not a retry but a new import, and runs as one (its notice, keyed by the
 * same id, is not sent again). Without a limit the table, each row with its outcome and issue list, only grows.
 */
import { DAY_MS } from "@/lib/domain/period";

export const IMPORT_RUN_RETENTION_DAYS = 30;

/** Outcomes recorded before this instant are no longer kept, as of `now`. */
export function importRunsKeptFrom(now: Date): Date {
  return new Date(now.getTime() - IMPORT_RUN_RETENTION_DAYS * DAY_MS);
}
