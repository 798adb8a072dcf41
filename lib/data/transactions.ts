import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { auditDiff } from "@/lib/audit/diff";
import type { ConflictAnswer, FieldChange } from "@/lib/actions/result";

/** Fields as a form sends them (the one spelling, shared with the forms). */
export { formStrings } from "@/lib/actions/result";

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

/** A record under edit as its edit form sees it: what a conflict answers with. */
export type EditedRecord = {
  /** The audit log's entity name (writeAudit's `entity`). */
  entity: string;
  id: number;
  version: number;
  /** The form's fields now, as the form sends them (formStrings). */
  values: Record<string, string>;
  /** What to show for values the form cannot name itself (ConflictAnswer.labels), read only on a conflict. */
  labels?: () => Promise<Record<string, string>>;
  /** Audit snapshot keys named otherwise in the form (retiredAt → retired). */
  auditKeys?: Record<string, string>;
};

/**
 * The one version check of every edit: a save made against an older version
 * is refused with a ConflictError whose answer holds the record now and who
 * changed which of its fields since that version (from the audit log). Call
 * it with the record read in the writing transaction.
 */
export async function assertVersion(tx: Tx, record: EditedRecord, expectedVersion: number): Promise<void> {
  if (record.version === expectedVersion) return;
  throw new ConflictError(await conflictAnswer(tx, record, expectedVersion));
}

/**
 * A write `where: { id, version }` that matched nothing: a save committed
 * between the read and the write. The same refusal as assertVersion's, with
 * the record read again (null: it is gone).
 */
export async function refuseStale(tx: Tx, reread: EditedRecord | null, expectedVersion: number): Promise<never> {
  if (!reread) throw new NotFoundError();
  throw new ConflictError(await conflictAnswer(tx, reread, expectedVersion));
}

/** The record now, and the latest audited change of each of its fields after `sinceVersion`. */
async function conflictAnswer(tx: Tx, record: EditedRecord, sinceVersion: number): Promise<ConflictAnswer> {
  const rows = await tx.auditLog.findMany({
    where: { entity: record.entity, entityId: String(record.id), after: { path: ["version"], gt: sinceVersion } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, before: true, after: true, actor: { select: { name: true } } },
  });
  const latest = new Map<string, FieldChange>();
  for (const row of rows) {
    for (const { key } of auditDiff(row.before, row.after)) {
      const field = record.auditKeys?.[key] ?? key;
      if (field in record.values) latest.set(field, { field, by: row.actor?.name ?? null, at: row.at.toISOString() });
    }
  }
  const changes = Object.keys(record.values).flatMap((f) => latest.get(f) ?? []);
  return { version: record.version, values: record.values, ...(record.labels ? { labels: await record.labels() } : {}), changes };
}
