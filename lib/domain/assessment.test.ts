import { describe, expect, it } from "vitest";
import { assess, efficacyScore, shareScore } from "./assessment";
import { progressOf, yearElapsed } from "./targets";

const M = ["A", "B"] as const;
const unit = (unitId: number, a: [number, number | null], b: [number, number | null], lateStarts = 0) => ({
  unitId,
  measures: { A: { actual: a[0], target: a[1] }, B: { actual: b[0], target: b[1] } },
  lateStarts,
});

describe("assessment scores", () => {
  it("share of target: 100 × share, at most 100", () => {
    expect(shareScore(0.5)).toBe(50);
    expect(shareScore(1.7)).toBe(100);
    const [u] = assess([unit(1, [3, 4], [10, 5])], M, "SHARE", 0);
    expect(u.scores).toEqual({ A: 75, B: 100 });
    expect(u.total).toBe(87.5);
  });

  it("efficacy coefficient: 60 for the lowest share, 100 for the highest, linear between", () => {
    const rows = assess([unit(1, [1, 10], [0, 1]), unit(2, [5, 10], [0, 1]), unit(3, [10, 10], [0, 1])], M, "EFFICACY", 0);
    expect(rows.map((r) => r.scores.A)).toEqual([60, 77.78, 100]);
    expect(efficacyScore(0.5, 0, 1)).toBe(80);
  });

  it("min = max: every scored unit gets 100 (no division by zero)", () => {
    const rows = assess([unit(1, [0, 10], [2, 4]), unit(2, [0, 10], [2, 4])], M, "EFFICACY", 0);
    expect(rows.map((r) => [r.scores.A, r.scores.B])).toEqual([[100, 100], [100, 100]]);
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("a measure without a target is not scored, and the total averages the others", () => {
    const rows = assess([unit(1, [5, null], [2, 4]), unit(2, [5, 0], [4, 4])], M, "EFFICACY", 0);
    expect(rows[0].scores).toEqual({ A: null, B: 60 });
    expect(rows[1].scores).toEqual({ A: null, B: 100 });
    expect(rows[0].total).toBe(60);
    const none = assess([unit(3, [1, null], [1, null])], M, "SHARE", 0)[0];
    expect(none.total).toBeNull();
    expect(none.rank).toBeNull();
  });

  it("deductions per late start, the total never below 0, and the ranking after deductions", () => {
    const rows = assess([unit(1, [10, 10], [10, 10], 3), unit(2, [9, 10], [9, 10], 0), unit(3, [1, 10], [1, 10], 40)], M, "SHARE", 2);
    expect(rows.map((r) => r.deduction)).toEqual([6, 0, 80]);
    expect(rows.map((r) => r.total)).toEqual([94, 90, 0]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });
});

describe("pace", () => {
  it("the share of the year elapsed counts today (Asia/Shanghai day) as elapsed", () => {
    expect(yearElapsed(2026, new Date("2026-01-01T00:00:00Z"))).toBeCloseTo(1 / 365);
    expect(yearElapsed(2026, new Date("2026-12-31T00:00:00Z"))).toBe(1);
    expect(yearElapsed(2024, new Date("2024-07-01T00:00:00Z"))).toBeCloseTo(183 / 366);
    expect(yearElapsed(2025, new Date("2026-03-01T00:00:00Z"))).toBe(1);
    expect(yearElapsed(2027, new Date("2026-03-01T00:00:00Z"))).toBe(0);
  });

  it("ahead, on pace or behind the share of the year elapsed; no target, no progress", () => {
    expect(progressOf(6, 10, 0.5)).toMatchObject({ share: 0.6, pace: "ahead", expected: 5 });
    expect(progressOf(5, 10, 0.5)?.pace).toBe("onPace");
    expect(progressOf(4, 10, 0.5)?.pace).toBe("behind");
    expect(progressOf(4, null, 0.5)).toBeNull();
    expect(progressOf(4, 0, 0.5)).toBeNull();
  });
});

describe("ranking on a measure", () => {
  it("by share of target, then units without a target by value; ties share a rank", async () => {
    const { rankOnMeasure } = await import("./targets");
    const ranks = rankOnMeasure([
      { id: 1, actual: 5, target: 10 },
      { id: 2, actual: 9, target: 10 },
      { id: 3, actual: 50, target: null },
      { id: 4, actual: 1, target: 2 },
      { id: 5, actual: 60, target: null },
      { id: 6, actual: 5, target: 10 },
    ]);
    expect([...ranks.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, 2], [2, 1], [3, 6], [4, 4], [5, 5], [6, 2]]);
  });
});
