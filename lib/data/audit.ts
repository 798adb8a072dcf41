import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditDiff, type DiffEntry } from "@/lib/audit/diff";
import { assertAdmin } from "@/lib/data/users";
import { AUDIT_PAGE_SIZE, decodeCursor, encodeCursor, type AuditFilter } from "@/lib/data/audit-filter";

export { ZAuditFilter, AUDIT_PAGE_SIZE, type AuditFilter, fromSearchParams, toSearchParams, auditHref } from "@/lib/data/audit-filter";

/**
 * The audit log as admins read it: newest first, filtered by actor, entity,
 * action and a date range (calendar days in Asia/Shanghai), in pages of 50
 * (keyset on (at, id): a deep page costs what the first does). Each entry
 * carries the before/after difference (changed keys only).
 */
type Actor = Pick<CurrentUser, "id" | "role">;

/** Midnight at the start of a Shanghai calendar day (UTC+8, no DST). */
function shanghaiMidnight(ymd: string, addDays = 0): Date {
  const d = new Date(`${ymd}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + addDays);
  return d;
}

function whereOf(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filter.userId) and.push({ actorId: filter.userId });
  if (filter.entity) and.push({ entity: filter.entity });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ at: { gte: shanghaiMidnight(filter.from) } });
  if (filter.to) and.push({ at: { lt: shanghaiMidnight(filter.to, 1) } });
  return and.length ? { AND: and } : {};
}

export type AuditEntryView = {
  id: string;
  at: Date;
  actor: { id: number; name: string; email: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  diff: DiffEntry[];
  /** The project or company a child record (round, contract, contact …) belongs to, when its snapshot names it. */
  parent: { projectId: number | null; companyId: number | null };
};

function idIn(key: string, ...sides: unknown[]): number | null {
  for (const side of sides) {
    if (side && typeof side === "object" && !Array.isArray(side)) {
      const v = (side as Record<string, unknown>)[key];
      if (typeof v === "number" && Number.isSafeInteger(v)) return v;
      if (typeof v === "string" && /^\d{1,10}$/.test(v)) return Number(v);
    }
  }
  return null;
}

export async function listAuditEntries(db: Db, user: Actor, filter: AuditFilter): Promise<{ rows: AuditEntryView[]; nextCursor: string | null }> {
  assertAdmin(user);
  const where = whereOf(filter);
  const cursor = filter.before ? decodeCursor(filter.before) : null;
  const rows = await db.auditLog.findMany({
    where: cursor ? { AND: [where, { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, at: true, action: true, entity: true, entityId: true, before: true, after: true, ip: true, actor: { select: { id: true, name: true, email: true } } },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    rows: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      ip: r.ip,
      diff: auditDiff(r.before, r.after),
      parent: { projectId: idIn("projectId", r.after, r.before), companyId: idIn("companyId", r.after, r.before) },
    })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null,
  };
}

/** The choices of the filter form: every user, and the entities and actions that occur. */
export async function auditFilterOptions(db: Db, user: Actor) {
  assertAdmin(user);
  const [users, entities, actions] = await Promise.all([
    db.user.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, email: true } }),
    db.$queryRaw<{ entity: string }[]>`SELECT DISTINCT entity FROM audit_log ORDER BY entity`,
    db.$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM audit_log ORDER BY action`,
  ]);
  return { users, entities: entities.map((e) => e.entity), actions: actions.map((a) => a.action) };
}
