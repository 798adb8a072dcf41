/**
 * The units' assessment (考核): a score per unit and measure, a total, and
 * deductions. Pure (no database); lib/data/assessment.ts feeds it the actuals
 * and targets of a period.
 *
 * Per measure, a unit is scored on its share of target x = actual / target;
 * a unit without a (positive) target on a measure is not scored on it.
 * - SHARE (完成率): score = 100 × min(x, 1).
 * - EFFICACY (功效系数法): score = 60 + 40 × (x − min) / (max − min), min and
 *   max over the units scored on that measure; when they are equal (no unit
 *   differs, or only one unit is scored) every scored unit gets 100.
 * The unit's total is the mean of its measure scores, less the deductions
 * (points per signed project past its construction-start deadline), never
 * below 0. A unit scored on no measure has no total.
 */
export const ASSESSMENT_METHODS = ["SHARE", "EFFICACY"] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

export type AssessmentInput<M extends string> = {
  unitId: number;
  /** Actual and target per measure (target null: none set). */
  measures: Record<M, { actual: number; target: number | null }>;
  /** Signed projects past their construction-start deadline. */
  lateStarts: number;
};

export type UnitScore<M extends string> = {
  unitId: number;
  scores: Record<M, number | null>;
  deduction: number;
  total: number | null;
  rank: number | null;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function shareOfTarget(actual: number, target: number | null): number | null {
  return target !== null && target > 0 ? actual / target : null;
}

/** The share-of-target score. */
export const shareScore = (x: number) => 100 * Math.min(Math.max(x, 0), 1);

/** The efficacy coefficient score of x among [min, max]. */
export function efficacyScore(x: number, min: number, max: number): number {
  if (max - min <= 1e-12) return 100;
  return 60 + (40 * (x - min)) / (max - min);
}

/** Scores every unit on every measure, totals them, deducts and ranks (1 = best; equal totals share a rank). */
export function assess<M extends string>(units: AssessmentInput<M>[], measures: readonly M[], method: AssessmentMethod, deductionPerLateStart: number): UnitScore<M>[] {
  const shares = units.map((u) => Object.fromEntries(measures.map((m) => [m, shareOfTarget(u.measures[m].actual, u.measures[m].target)])) as Record<M, number | null>);
  const bounds = Object.fromEntries(
    measures.map((m) => {
      const xs = shares.map((s) => s[m]).filter((x): x is number => x !== null);
      return [m, xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : null];
    }),
  ) as Record<M, { min: number; max: number } | null>;
  const out = units.map((u, i) => {
    const scores = Object.fromEntries(
      measures.map((m) => {
        const x = shares[i][m];
        if (x === null) return [m, null];
        const b = bounds[m]!;
        return [m, round2(method === "SHARE" ? shareScore(x) : efficacyScore(x, b.min, b.max))];
      }),
    ) as Record<M, number | null>;
    const scored = measures.map((m) => scores[m]).filter((s): s is number => s !== null);
    const deduction = round2(Math.max(0, u.lateStarts) * deductionPerLateStart);
    const total = scored.length ? round2(Math.max(0, scored.reduce((a, b) => a + b, 0) / scored.length - deduction)) : null;
    return { unitId: u.unitId, scores, deduction, total, rank: null as number | null };
  });
  const ranked = out.filter((u) => u.total !== null).sort((a, b) => b.total! - a.total!);
  ranked.forEach((u, i) => {
    u.rank = i > 0 && ranked[i - 1].total === u.total ? ranked[i - 1].rank : i + 1;
  });
  return out;
}
