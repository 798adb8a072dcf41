/** The audit viewer's URL parameters (anything malformed is ignored rather than an error page). */
import { z } from "zod";
import { zString } from "@/lib/validation/fields";

export const AUDIT_PAGE_SIZE = 50;

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()));
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const ZAuditFilter = z.object({
  userId: optional(z.coerce.number().int().positive().max(2_147_483_647)),
  entity: optional(zString(64).min(1)),
  entityId: optional(zString(64).min(1)),
  action: optional(zString(64).min(1)),
  from: optional(ymd),
  to: optional(ymd),
  /** Keyset cursor: the last row of the previous page, "<ISO time>_<id>". */
  before: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_\d{1,19}$/)),
});
export type AuditFilter = z.output<typeof ZAuditFilter>;

export function encodeCursor(row: { at: Date; id: bigint | string }): string {
  return `${row.at.toISOString()}_${row.id.toString()}`;
}

export function decodeCursor(cursor: string): { at: Date; id: bigint } {
  const [at, id] = cursor.split("_");
  return { at: new Date(at), id: BigInt(id) };
}
