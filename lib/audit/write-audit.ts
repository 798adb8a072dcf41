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
  const rows = entries.map(auditRow);
  const json = (v: Prisma.InputJsonValue | undefined) => (v === undefined ? null : JSON.stringify(v));
  await writer.$executeRaw`
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after, ip)
    SELECT actor, action, entity, entity_id, before::jsonb, after::jsonb, ip
      FROM unnest(${rows.map((r) => r.actorId)}::int[], ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.entity)}::text[],
                  ${rows.map((r) => r.entityId)}::text[], ${rows.map((r) => json(r.before))}::text[], ${rows.map((r) => json(r.after))}::text[],
                  ${rows.map((r) => r.ip)}::text[])
        AS u(actor, action, entity, entity_id, before, after, ip)`;
}
