import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Anything that can write: the client or a transaction. */
type Writer = { auditLog: { create: (args: { data: Prisma.AuditLogUncheckedCreateInput }) => Promise<unknown> } };

export type AuditEntry = {
  actorId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** JSON-safe copy: Decimals become strings, Dates ISO strings, BigInts strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** The row an entry becomes: one shape for writeAudit and writeAudits. */
function auditRow(entry: AuditEntry) {
  return {
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    ip: entry.ip ?? null,
  };
}

/**
 * Writes one audit row. Call it with the transaction client of the change it
 * describes, so the change and its audit row commit or roll back together.
 */
export async function writeAudit(writer: Writer, entry: AuditEntry) {
  await writer.auditLog.create({ data: auditRow(entry) });
}

/**
 * Writes many audit rows in one multi-row INSERT (the importer's thousands):
 * the same rows writeAudit writes, one statement instead of one per row.
 */
export async function writeAudits(writer: Pick<Prisma.TransactionClient, "$executeRaw">, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  // One jsonb parameter: far cheaper through the driver than seven arrays of thousands.
  const rows = JSON.stringify(entries.map(auditRow));
  await writer.$executeRaw`
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after, ip)
    SELECT r."actorId", r.action, r.entity, r."entityId", r.before, r.after, r.ip
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("actorId" int, action text, entity text, "entityId" text, before jsonb, after jsonb, ip text)`;
}
