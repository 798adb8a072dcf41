import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError } from "@/lib/errors";

export type Tx = Prisma.TransactionClient;

/** Prisma's "unique constraint failed" (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates a record at most once per form submission. `create` runs in a
 * transaction (write + audit row); if a record with the same request id
 * already exists — a double click, or a retry after a timeout — the existing
 * one is returned instead, also when the two submits race each other.
 */
export async function createOnce<T>(
  db: Db,
  findExisting: (tx: Tx) => Promise<T | null>,
  create: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.$transaction(async (tx) => (await findExisting(tx)) ?? (await create(tx)));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.$transaction((tx) => findExisting(tx));
    if (existing === null) throw error; // another unique field: let the caller's rules report it
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
