import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createOnce, type Tx } from "@/lib/data/transactions";

/**
 * createOnce for records whose table has no `request_id` column (companies,
 * contacts, promotion events): the form's request id is kept in the audit
 * row's `after`, and a transaction-scoped advisory lock on it makes two
 * racing submits of one form run one after the other, so the second finds the
 * first's audit row and returns that record instead of creating another.
 */
export async function createOnceAudited<T>(
  db: Db,
  requestId: string,
  auditAction: string,
  load: (tx: Tx, id: number) => Promise<T | null>,
  create: (tx: Tx) => Promise<T>,
): Promise<T> {
  return createOnce(
    db,
    async (tx) => {
      await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`once:${requestId}`}))`);
      const previous = await tx.auditLog.findFirst({
        where: { action: auditAction, after: { path: ["requestId"], equals: requestId } },
        select: { entityId: true },
      });
      return previous?.entityId ? load(tx, Number(previous.entityId)) : null;
    },
    create,
  );
}
