/**
 * The audit viewer's URL parameters (anything malformed is ignored rather than
 * an error page). Another entity than the project filter, read and written the
 * same way: fromSearchParams / toSearchParams.
 */
import { z } from "zod";
import { hrefTo, type SearchParamsRecord } from "@/lib/url";
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

/** The address bar's query → the filter (the first of repeated parameters; empty ones are not set). */
export function fromSearchParams(searchParams: URLSearchParams | SearchParamsRecord): AuditFilter {
  const entries = searchParams instanceof URLSearchParams ? [...searchParams].reverse() : Object.entries(searchParams);
  const record = Object.fromEntries(entries.map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
  return ZAuditFilter.parse(record);
}

/** The filter → the address bar's query (the inverse of fromSearchParams). */
export function toSearchParams(filter: AuditFilter): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of Object.keys(ZAuditFilter.shape) as (keyof AuditFilter)[]) {
    const value = filter[key];
    if (value !== undefined && value !== "") q.set(key, String(value));
  }
  return q;
}

/** The audit viewer showing `filter`. */
export const auditHref = (filter: AuditFilter) => hrefTo("/admin/audit", toSearchParams(filter));

export function encodeCursor(row: { at: Date; id: bigint | string }): string {
  return `${row.at.toISOString()}_${row.id.toString()}`;
}

export function decodeCursor(cursor: string): { at: Date; id: bigint } {
  const [at, id] = cursor.split("_");
  return { at: new Date(at), id: BigInt(id) };
}
