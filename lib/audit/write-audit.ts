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

/**
 * Writes one audit row. Call it with the transaction client of the change it
 * describes, so the change and its audit row commit or roll back together.
 */
export async function writeAudit(writer: Writer, entry: AuditEntry) {
  await writer.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: entry.ip ?? null,
    },
  });
}
