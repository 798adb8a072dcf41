import { describe, expect, it } from "vitest";
import { mergeAfterConflict } from "@/components/ui/use-conflict-rows";
import type { ConflictAnswer } from "@/lib/actions/result";

const at = "2026-12-01T02:03:00.000Z";
const answer = (values: Record<string, string>, changes: ConflictAnswer["changes"] = []): ConflictAnswer => ({ version: 3, values, changes });

describe("mergeAfterConflict: after a conflict, what the user did not change takes the saved value", () => {
  // Issue 13: A raised the planned investment; B changed jobs and phase on the old version.
  const FIELDS = ["title", "plannedInvestmentCny", "jobs", "phase"] as const;
  const base = { title: "电池项目", plannedInvestmentCny: "350000000", jobs: "100", phase: "一期" };
  const theirs = { ...base, plannedInvestmentCny: "420000000" };
  const mine = { ...base, jobs: "250", phase: "二期" };

  it("takes the colleague's planned investment and keeps B's jobs and phase; asks nothing", () => {
    const merged = mergeAfterConflict(FIELDS, base, mine, answer(theirs, [{ field: "plannedInvestmentCny", by: "张三", at }]));
    expect(merged.values).toEqual({ title: "电池项目", plannedInvestmentCny: "420000000", jobs: "250", phase: "二期" });
    expect(merged.rows).toEqual([{ field: "plannedInvestmentCny", kind: "taken", before: "350000000", now: "420000000", mine: "350000000", by: "张三", at }]);
  });

  it("asks only about a field both changed, to different values, keeping the user's until they choose", () => {
    const merged = mergeAfterConflict(FIELDS, base, { ...mine, plannedInvestmentCny: "500000000" }, answer(theirs));
    expect(merged.values.plannedInvestmentCny).toBe("500000000");
    expect(merged.rows).toEqual([{ field: "plannedInvestmentCny", kind: "asked", before: "350000000", now: "420000000", mine: "500000000", by: null, at: null }]);
  });

  it("does not ask when both made the same change (compared as the form says: 4.2亿 is 420000000)", () => {
    const sameAmount = (f: string, a: string, b: string) => (f === "plannedInvestmentCny" ? a.replace("4.2亿", "420000000") === b.replace("4.2亿", "420000000") : a === b);
    const merged = mergeAfterConflict(FIELDS, base, { ...mine, plannedInvestmentCny: "4.2亿" }, answer(theirs), sameAmount);
    expect(merged.rows.map((r) => r.kind)).toEqual(["same"]);
    expect(merged.values.plannedInvestmentCny).toBe("4.2亿");
  });

  it("describes a field this form does not hold (another form of the record) without merging it", () => {
    const merged = mergeAfterConflict(["nameZh", "nameEn", "retired"] as const, { nameZh: "展会", nameEn: "Fair", retired: "false" }, { nameZh: "展会", nameEn: "Trade fair" }, answer({ nameZh: "推介会", nameEn: "Fair", retired: "true" }));
    expect(merged.values).toEqual({ nameZh: "推介会", nameEn: "Trade fair" });
    expect(merged.rows.map((r) => [r.field, r.kind])).toEqual([
      ["nameZh", "taken"],
      ["retired", "info"],
    ]);
  });

  it("has no rows when only the version moved (a round logged meanwhile): the user's values stand", () => {
    const merged = mergeAfterConflict(FIELDS, base, mine, answer(base));
    expect(merged.rows).toEqual([]);
    expect(merged.values).toEqual(mine);
  });
});
