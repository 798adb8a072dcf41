import { describe, expect, it } from "vitest";
import { fundsBehindSchedule, milestoneColour, projectColour } from "@/lib/domain/milestones";

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
