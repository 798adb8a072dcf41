import { describe, expect, it } from "vitest";
import { formValuesOf, mergeAfterConflict } from "@/components/ui/use-conflict-rows";
import { formStrings, type ConflictAnswer } from "@/lib/actions/result";

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

describe("each form's fields: what the page loaded and what a conflict answers with are spelled alike", () => {
  // Per form: its fields, the record as its page hands it to the form, the same record as the server answers
  // (lib/data: formStrings of the row), a field a colleague changed and one the user changed.
  const forms = [
    {
      form: "project",
      fields: ["title", "plannedInvestmentCny", "jobs", "phase", "nextFollowUpOn"],
      loaded: { title: "电池", plannedInvestmentCny: "350000000", jobs: "100", phase: "一期", nextFollowUpOn: "2026-12-20" },
      row: { title: "电池", plannedInvestmentCny: "350000000", jobs: 100, phase: "一期", nextFollowUpOn: new Date("2026-12-20T00:00:00Z") },
      theirs: ["plannedInvestmentCny", "420000000"],
      mine: ["jobs", "260"],
    },
    {
      form: "company",
      fields: ["nameZh", "nameEn", "countryCode", "groupName", "parentId", "industry", "ownershipType"],
      loaded: { nameZh: "格元", nameEn: null, countryCode: "CN", groupName: null, parentId: 7, industry: "环保", ownershipType: "PRIVATE" },
      row: { nameZh: "格元", nameEn: null, countryCode: "CN", groupName: null, parentId: 7, industry: "环保", ownershipType: "PRIVATE" },
      theirs: ["parentId", ""],
      mine: ["nameEn", "Geyuan"],
    },
    {
      form: "contact",
      fields: ["name", "title", "phone", "email"],
      loaded: { name: "王经理", title: null, phone: "123", email: null },
      row: { name: "王经理", title: null, phone: "123", email: null },
      theirs: ["phone", "138 0000 0000"],
      mine: ["email", "w@x.cn"],
    },
    {
      form: "event",
      fields: ["nameZh", "nameEn", "cityZh", "cityEn", "startsOn", "endsOn", "unitId"],
      loaded: { nameZh: "推介会", nameEn: null, cityZh: "深圳", cityEn: null, startsOn: "2026-05-20", endsOn: "2026-05-21", unitId: 3 },
      row: { nameZh: "推介会", nameEn: null, cityZh: "深圳", cityEn: null, startsOn: new Date("2026-05-20T00:00:00Z"), endsOn: new Date("2026-05-21T00:00:00Z"), unitId: 3 },
      theirs: ["endsOn", "2026-05-23"],
      mine: ["cityEn", "Shenzhen"],
    },
    {
      form: "user",
      fields: ["role", "unitId", "disabled"],
      loaded: { role: "OFFICER", unitId: 2, disabled: false },
      row: { role: "OFFICER", unitId: 2, disabled: false },
      theirs: ["role", "MANAGER"],
      mine: ["unitId", "5"],
    },
    {
      form: "reference item",
      fields: ["nameZh", "nameEn", "retired"],
      loaded: { nameZh: "展会", nameEn: "Fair", retired: false },
      row: { nameZh: "展会", nameEn: "Fair", retired: false },
      theirs: ["nameZh", "推介会"],
      mine: ["nameEn", "Trade fair"],
    },
  ] as const;

  it.each(forms)("$form: the colleague's field is taken, the user's kept, nothing asked", ({ fields, loaded, row, theirs, mine }) => {
    const base = formValuesOf(fields, loaded as Record<string, unknown>);
    expect(base).toEqual(formStrings(row));
    const [theirField, theirValue] = theirs;
    const [myField, myValue] = mine;
    const merged = mergeAfterConflict(fields, base, { ...base, [myField]: myValue }, answer({ ...base, [theirField]: theirValue }, [{ field: theirField, by: "张三", at }]));
    expect(merged.values).toEqual({ ...base, [theirField]: theirValue, [myField]: myValue });
    expect(merged.rows).toEqual([{ field: theirField, kind: "taken", before: base[theirField as keyof typeof base], now: theirValue, mine: base[theirField as keyof typeof base], by: "张三", at }]);
  });
});
