/** Periods as every number counts them: half-open day ranges, days in Beijing time. */
import { describe, expect, it } from "vitest";
import { customPeriod, dayStart, isoDay, lastDay, periodName, priorYear, quarterPeriod, reportPeriodOf, yearPeriod } from "@/lib/domain/period";

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("periods", () => {
  it("are [first day, day after the last): a quarter ends where the next begins", () => {
    const q1 = quarterPeriod(2024, 1);
    expect([isoDay(q1.from), isoDay(q1.to), isoDay(lastDay(q1))]).toEqual(["2024-01-01", "2024-04-01", "2024-03-31"]);
    expect(quarterPeriod(2024, 2).from).toEqual(q1.to);
    expect(isoDay(priorYear(q1).from)).toBe("2023-01-01");
  });
  it("a custom period takes its last day inclusive, and either order", () => {
    const c = customPeriod(day("2024-02-14"), day("2024-01-15"));
    expect([isoDay(c.from), isoDay(c.to), c.label]).toEqual(["2024-01-15", "2024-02-15", "2024-01-15..2024-02-14"]);
  });
  it("a day starts at midnight in Beijing: 16:00 UTC the day before", () => {
    expect(dayStart(day("2024-04-01")).toISOString()).toBe("2024-03-31T16:00:00.000Z");
  });
  it("report periods are a year or a quarter, named in each language", () => {
    expect(reportPeriodOf("2023")).toEqual(yearPeriod(2023));
    expect(reportPeriodOf("2023-Q4")).toEqual(quarterPeriod(2023, 4));
    for (const bad of ["2023-Q5", "23", "2023-10"]) expect(reportPeriodOf(bad)).toBeNull();
    expect([periodName("2023-Q4", "zh-CN"), periodName("2023-Q4", "en"), periodName("2023", "zh-CN"), periodName("2023", "en")]).toEqual(["2023年第四季度", "Q4 2023", "2023年", "2023"]);
  });
});
