/**
 * A database client for a batch job run from the command line (the report): the app's pool, except that waiting
 * for a connection is not a failure. The app's pool gives up after POOL_LIMITS.connectionTimeoutMillis (5 s) so a
 * web request fails with "try again" instead of queueing; the report runs its sections side by side over a few
 * connections, and on a loaded server a section could wait longer than that for one and end the whole run.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { createPool, type Db } from "../../lib/db";
import { PrismaClient } from "../../lib/generated/prisma/client";

export const BATCH_CONNECTION_WAIT_MS = 10 * 60_000;

export function createBatchClient(url: string, poolMax = 4): Db {
  const pool = createPool(url, poolMax);
  pool.options.connectionTimeoutMillis = BATCH_CONNECTION_WAIT_MS;
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
