/**
 * A report's period: a year ("2023") or a quarter ("2023-Q4"), years
 * 2000–2100, as the dashboard's half-open range [from, to) of UTC-midnight days.
 * Also the report file name "{period}.{format}" of GET /api/reports/[file].
 */
import { z } from "zod";
import { zSearchParam } from "@/lib/validation/fields";
import { reportPeriodOf, type Period } from "@/lib/domain/period";

export const REPORT_FORMATS = ["json", "csv", "xlsx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ZReportPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4])?$/)
  .transform((s): Period => reportPeriodOf(s)!)
  .refine((p) => p.from.getUTCFullYear() >= 2000 && p.from.getUTCFullYear() <= 2100);

export function parseReportPeriod(value: unknown): Period | null {
  const r = ZReportPeriod.safeParse(value);
  return r.success ? r.data : null;
}

export const ZReportFile = z
  .string()
  .regex(/^(\d{4}(?:-Q[1-4])?)\.(json|csv|xlsx|pdf)$/)
  .transform((s) => {
    const dot = s.lastIndexOf(".");
    return { period: s.slice(0, dot), format: s.slice(dot + 1) as ReportFormat };
  })
  .pipe(z.object({ period: ZReportPeriod, format: z.enum(REPORT_FORMATS) }));

/** "2023-Q4.xlsx" → { period, format }, or null for anything else. */
export function parseReportFile(file: string): { period: Period; format: ReportFormat } | null {
  const r = ZReportFile.safeParse(file);
  return r.success ? r.data : null;
}

/** An optional unit id from a query string ("" or missing: none; anything not a positive integer: invalid). */
export const ZReportUnit = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional());

/**
 * The Reports page's GET form → a period label and an optional unit id.
 * kind=year|quarter, year=2023, quarter=1..4, unit=<id>; bad or missing
 * values fall back to the quarter containing `today`.
 */
export function parseReportPageParams(searchParams: Record<string, unknown>, today: Date): { label: string; kind: "year" | "quarter"; year: number; quarter: number; unitId?: number } {
  const p = z
    .object({
      kind: zSearchParam(z.enum(["year", "quarter"])),
      year: zSearchParam(z.coerce.number().int().min(2000).max(2100)),
      quarter: zSearchParam(z.coerce.number().int().min(1).max(4)),
      unit: zSearchParam(ZReportUnit),
    })
    .parse(searchParams);
  const year = p.year ?? today.getUTCFullYear();
  const quarter = p.quarter ?? Math.floor(today.getUTCMonth() / 3) + 1;
  const kind = p.kind ?? "quarter";
  return { label: kind === "year" ? String(year) : `${year}-Q${quarter}`, kind, year, quarter, unitId: p.unit };
}
