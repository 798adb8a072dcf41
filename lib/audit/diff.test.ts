import { describe, expect, it } from "vitest";
import { auditDiff, diffValue, jsonEqual } from "@/lib/audit/diff";

describe("auditDiff", () => {
  it("lists only the keys that changed, old → new", () => {
    const before = { nameZh: "青山县", nameEn: "Qingshan County", version: 1, retiredAt: null };
    const after = { nameZh: "青山县", nameEn: "Qingshan", version: 2, retiredAt: null };
    expect(auditDiff(before, after)).toEqual([
      { key: "nameEn", before: "Qingshan County", after: "Qingshan" },
      { key: "version", before: 1, after: 2 },
    ]);
  });

  it("treats a create as every key from nothing and a delete as every key to nothing", () => {
    expect(auditDiff(null, { name: "A", role: "ADMIN" })).toEqual([
      { key: "name", before: null, after: "A" },
      { key: "role", before: null, after: "ADMIN" },
    ]);
    expect(auditDiff({ name: "A" }, undefined)).toEqual([{ key: "name", before: "A", after: null }]);
  });

  it("counts a key on one side only as changed, but not a null on one side and absent on the other", () => {
    expect(auditDiff({ a: 1, gone: "x" }, { a: 1, added: true })).toEqual([
      { key: "added", before: null, after: true },
      { key: "gone", before: "x", after: null },
    ]);
    expect(auditDiff({ a: null }, {})).toEqual([]);
  });

  it("compares nested values by content, not by reference or key order", () => {
    expect(auditDiff({ topics: ["land", "energy"], o: { x: 1, y: 2 } }, { topics: ["land", "energy"], o: { y: 2, x: 1 } })).toEqual([]);
    expect(auditDiff({ topics: ["land"] }, { topics: ["land", "talent"] })).toEqual([{ key: "topics", before: ["land"], after: ["land", "talent"] }]);
  });

  it("is empty when nothing changed or there is nothing at all", () => {
    expect(auditDiff({ a: "1" }, { a: "1" })).toEqual([]);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it("keeps a string amount and a number apart (no silent coercion)", () => {
    expect(auditDiff({ amount: "100" }, { amount: 100 })).toHaveLength(1);
  });
});

describe("jsonEqual and diffValue", () => {
  it("compare and show values", () => {
    expect(jsonEqual([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(diffValue(null)).toBe("—");
    expect(diffValue("")).toBe("—");
    expect(diffValue("text")).toBe("text");
    expect(diffValue(3)).toBe("3");
    expect(diffValue(false)).toBe("false");
    expect(diffValue({ a: 1 })).toBe('{"a":1}');
  });
});
