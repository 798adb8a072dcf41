/**
 * The targets grid as its form sends it: `year`, and per cell `t_<unitId>_<MEASURE>`
 * (the value as officials type it: "12", "10亿", "8000万"; empty removes the
 * target) with `ver_<unitId>_<MEASURE>` (the cell's version when the grid was
 * read, 0 for a cell not set yet). A count measure takes whole numbers.
 */
import { z } from "zod";
import { zAmount } from "@/lib/validation/fields";
import { MEASURE_KIND, isMeasure, type Measure } from "@/lib/domain/targets";

export type TargetCellInput = { unitId: number; measure: Measure; value: string | null; version?: number };

export const zTargetYear = z.coerce.number().int().min(1990).max(2100);

export const cellField = (unitId: number, measure: Measure) => `t_${unitId}_${measure}`;
export const versionField = (unitId: number, measure: Measure) => `ver_${unitId}_${measure}`;

/** One cell's value: null for empty, else a decimal string (a count: a whole number). */
export function parseTargetValue(measure: Measure, raw: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === "") return { ok: true, value: null };
  const parsed = zAmount.safeParse(text);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "amount" };
  if (MEASURE_KIND[measure] === "count" && !/^\d+(\.0+)?$/.test(parsed.data)) return { ok: false, message: "wholeNumber" };
  return { ok: true, value: parsed.data };
}

export const ZTargetGrid = z
  .object({ year: zTargetYear })
  .catchall(z.unknown())
  .transform((raw, ctx) => {
    const cells: TargetCellInput[] = [];
    for (const [key, v] of Object.entries(raw)) {
      const m = /^t_(\d+)_([A-Z0-9_]+)$/.exec(key);
      if (!m || !isMeasure(m[2])) continue;
      const unitId = Number(m[1]);
      const parsed = parseTargetValue(m[2], typeof v === "string" ? v : "");
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", path: [key], message: parsed.message });
        continue;
      }
      const version = Number(raw[versionField(unitId, m[2])] ?? 0);
      cells.push({ unitId, measure: m[2], value: parsed.value, version: Number.isInteger(version) && version >= 0 ? version : 0 });
    }
    return { year: raw.year, cells };
  });
export type TargetGridInput = z.output<typeof ZTargetGrid>;

export const ZAssessmentSettings = z.object({
  version: z.coerce.number().int().positive(),
  method: z.enum(["SHARE", "EFFICACY"]),
  deductionPerLateStart: z.coerce.number().min(0).max(100),
});
export type AssessmentSettingsInput = z.output<typeof ZAssessmentSettings>;

const zWeight = z.coerce.number().min(0).max(1000);
export const ZActivityWeights = z.object({
  version: z.coerce.number().int().positive(),
  rounds: zWeight,
  visitsOut: zWeight,
  visitsIn: zWeight,
  events: zWeight,
  leads: zWeight,
  signings: zWeight,
  starts: zWeight,
});
export type ActivityWeightsInput = z.output<typeof ZActivityWeights>;
