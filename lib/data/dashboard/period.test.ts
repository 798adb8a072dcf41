import { describe, expect, it } from "vitest";
import { dashboardParams, parseDashboardFilters } from "@/lib/validation/dashboard";
import { priorYear } from "@/lib/domain/period";

const NOW = new Date("2024-03-31T17:00:00Z"); // 2024-04-01 01:00 in Shanghai
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("dashboard period and filters from the URL", () => {
  it("defaults to the current quarter in Shanghai", () => {
    const f = parseDashboardFilters({}, NOW);
    expect([f.period.kind, iso(f.period.from), iso(f.period.to), f.period.label]).toEqual(["quarter", "2024-04-01", "2024-07-01", "2024-Q2"]);
  });
  it("reads month, quarter, year and custom as half-open ranges", () => {
    const m = parseDashboardFilters({ period: "month", month: "2024-02" }).period;
    expect([iso(m.from), iso(m.to)]).toEqual(["2024-02-01", "2024-03-01"]);
    const q = parseDashboardFilters({ period: "quarter", quarter: "2023-Q4" }).period;
    expect([iso(q.from), iso(q.to)]).toEqual(["2023-10-01", "2024-01-01"]);
    const y = parseDashboardFilters({ period: "year", year: "2023" }).period;
    expect([iso(y.from), iso(y.to)]).toEqual(["2023-01-01", "2024-01-01"]);
    const c = parseDashboardFilters({ period: "custom", from: "2024-01-15", to: "2024-02-14" }).period;
    expect([iso(c.from), iso(c.to)]).toEqual(["2024-01-15", "2024-02-15"]);
    const back = parseDashboardFilters({ period: "custom", from: "2024-02-14", to: "2024-01-15" }).period;
    expect([iso(back.from), iso(back.to)]).toEqual(["2024-01-15", "2024-02-15"]);
  });
  it("drops bad values instead of failing", () => {
    const f = parseDashboardFilters({ period: "month", month: "2024-13", unitId: "x", sectorId: ["7", "8"], ownerId: "-1" }, NOW);
    expect([iso(f.period.from), f.unitId, f.sectorId, f.ownerId]).toEqual(["2024-04-01", undefined, 7, undefined]);
  });
  it("round-trips through URL params, and a year earlier keeps the shape", () => {
    for (const q of [{ period: "month", month: "2024-02" }, { period: "custom", from: "2024-01-15", to: "2024-02-14", unitId: "3", chainId: "4" }]) {
      const f = parseDashboardFilters(q);
      expect(parseDashboardFilters(Object.fromEntries(dashboardParams(f)))).toEqual(f);
    }
    const p = priorYear(parseDashboardFilters({ period: "quarter", quarter: "2024-Q1" }).period);
    expect([iso(p.from), iso(p.to)]).toEqual(["2023-01-01", "2023-04-01"]);
  });
});
