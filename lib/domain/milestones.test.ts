import { describe, expect, it } from "vitest";
import { fundsBehindSchedule, milestoneColour, perMu, projectColour, reportedByYear } from "@/lib/domain/milestones";

const S = { warnDays: 30, fundsBehindShare: 0.2 };

describe("milestoneColour", () => {
  it("is red past due and not reached", () => {
    expect(milestoneColour({ dueOn: "2026-11-30", reachedOn: null }, "2026-12-01", S)).toBe("RED");
  });
  it("is yellow when due today (not yet past)", () => {
    expect(milestoneColour({ dueOn: "2026-12-01", reachedOn: null }, "2026-12-01", S)).toBe("YELLOW");
  });
  it("is yellow on day N and green on day N+1", () => {
    expect(milestoneColour({ dueOn: "2026-12-31", reachedOn: null }, "2026-12-01", S)).toBe("YELLOW");
    expect(milestoneColour({ dueOn: "2027-01-01", reachedOn: null }, "2026-12-01", S)).toBe("GREEN");
  });
  it("takes the amended deadline: red under the old date, green under the new", () => {
    expect(milestoneColour({ dueOn: "2026-06-30", reachedOn: null }, "2026-12-01", S)).toBe("RED");
    expect(milestoneColour({ dueOn: "2027-06-30", reachedOn: null }, "2026-12-01", S)).toBe("GREEN");
  });
  it("is green when reached, also when reached late", () => {
    expect(milestoneColour({ dueOn: "2026-06-30", reachedOn: "2026-09-01" }, "2026-12-01", S)).toBe("GREEN");
  });
  it("changes as today moves", () => {
    const m = { dueOn: "2027-03-01", reachedOn: null };
    expect(milestoneColour(m, "2026-12-01", S)).toBe("GREEN");
    expect(milestoneColour(m, "2027-02-01", S)).toBe("YELLOW");
    expect(milestoneColour(m, "2027-03-02", S)).toBe("RED");
  });
  it("is yellow when funds trail the schedule by more than X, not at exactly X", () => {
    const m = { dueOn: "2028-01-01", reachedOn: null };
    expect(milestoneColour({ ...m, fundsBehind: 0.21 }, "2026-12-01", S)).toBe("YELLOW");
    expect(milestoneColour({ ...m, fundsBehind: 0.2 }, "2026-12-01", S)).toBe("GREEN");
  });
  it("uses the settings given", () => {
    expect(milestoneColour({ dueOn: "2026-12-11", reachedOn: null }, "2026-12-01", { warnDays: 5, fundsBehindShare: 0.2 })).toBe("GREEN");
  });
});

describe("fundsBehindSchedule", () => {
  it("is the expected share by today minus the share in place", () => {
    // Half the span elapsed, a quarter in place: 25% behind.
    expect(fundsBehindSchedule({ promised: 100, inPlace: 25, signedOn: "2026-01-01", dueOn: "2026-12-31" }, "2026-07-02")).toBeCloseTo(0.25, 2);
  });
  it("is null without a due date", () => {
    expect(fundsBehindSchedule({ promised: 100, inPlace: 0, signedOn: "2026-01-01", dueOn: null }, "2026-07-02")).toBeNull();
  });
});

describe("projectColour", () => {
  it("is the worst milestone colour; none without a plan", () => {
    expect(projectColour(["GREEN", "YELLOW", null, "GREEN"])).toBe("YELLOW");
    expect(projectColour(["YELLOW", "RED", "GREEN"])).toBe("RED");
    expect(projectColour(["GREEN", null])).toBe("GREEN");
    expect(projectColour([null, null])).toBeNull();
    expect(projectColour([])).toBeNull();
  });
});

describe("reportedByYear", () => {
  it("groups the reported figures by the year reported, each figure's latest report of that year; newest year first", () => {
    const years = reportedByYear([
      { kind: "ANNUAL_OUTPUT", value: "80000000.00", reportedOn: "2024-06-30" },
      { kind: "ANNUAL_OUTPUT", value: "120000000.00", reportedOn: "2024-12-31" },
      { kind: "ANNUAL_TAX", value: "6000000.00", reportedOn: "2024-12-20" },
      { kind: "JOBS", value: "150", reportedOn: "2025-03-01" },
      { kind: "ANNUAL_OUTPUT", value: "200000000.00", reportedOn: "2025-12-31" },
      { kind: "PRODUCTION", value: null, reportedOn: "2024-05-01" }, // a milestone reached: not a figure
    ]);
    expect(years).toEqual([
      { year: 2025, values: { ANNUAL_OUTPUT: 200000000, JOBS: 150 } },
      { year: 2024, values: { ANNUAL_OUTPUT: 120000000, ANNUAL_TAX: 6000000 } },
    ]);
  });

  it("is empty without reports", () => {
    expect(reportedByYear([])).toEqual([]);
  });
});

describe("perMu (亩均产出, 亩均税收)", () => {
  it("divides the promised annual output and tax by the land promised, and each year's reported ones by the same land", () => {
    const r = perMu({ landMu: "200", promisedOutput: "300000000", promisedTax: "15000000" }, [
      { year: 2025, values: { ANNUAL_OUTPUT: 240000000 } },
      { year: 2024, values: { ANNUAL_OUTPUT: 100000000, ANNUAL_TAX: 4000000 } },
    ]);
    expect(r).toEqual({
      promised: { output: 1500000, tax: 75000 },
      years: [
        { year: 2025, output: 1200000, tax: null },
        { year: 2024, output: 500000, tax: 20000 },
      ],
    });
  });

  it("has no ratios without land (none promised, or zero)", () => {
    expect(perMu({ landMu: null, promisedOutput: "1000", promisedTax: null }, [])).toBeNull();
    expect(perMu({ landMu: "0", promisedOutput: "1000", promisedTax: null }, [])).toBeNull();
  });

  it("leaves a ratio out when its figure is not promised", () => {
    expect(perMu({ landMu: "50", promisedOutput: null, promisedTax: "500000" }, [])).toEqual({ promised: { output: null, tax: 10000 }, years: [] });
  });
});
