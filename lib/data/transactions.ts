import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError } from "@/lib/errors";

export type Tx = Prisma.TransactionClient;

export { isUniqueViolation } from "@/lib/errors";

/**
 * Creates a record at most once per form submission. `create` runs in a
 * transaction (write + audit row); if a record with the same request id
 * already exists — a double click, or a retry after a timeout — the existing
 * one is returned instead, also when the two submits race each other.
 *
 * In a race the loser fails in whatever way the twin's committed record makes
 * it fail: a unique violation, or a rule of `create` ("email taken") that now
 * sees the twin's row. Either way, if a record with this request id exists
 * now, it is this submission's and is returned; otherwise the error stands.
 */
export async function createOnce<T>(
  db: Db,
  findExisting: (tx: Tx) => Promise<T | null>,
  create: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.$transaction(async (tx) => (await findExisting(tx)) ?? (await create(tx)));
  } catch (error) {
    const existing = await db.$transaction((tx) => findExisting(tx)).catch(() => null);
    if (existing === null) throw error; // not a race: let the caller's rules report it
    return existing;
  }
}

/**
 * Refuses a save made against an older version of the record, with the record
 * as it is now so the form can show what changed.
 */
export function assertVersion<R extends { version: number }>(current: R, expectedVersion: number, snapshot: (r: R) => Record<string, unknown>) {
  if (current.version !== expectedVersion) throw new ConflictError(snapshot(current));
}
