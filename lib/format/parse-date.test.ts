import { describe, expect, it } from "vitest";
import { parseDate } from "@/lib/format/parse-date";
import { zDate } from "@/lib/validation/fields";
import { ZDashboardParams } from "@/lib/validation/dashboard";

describe("parseDate: dates as officials type them", () => {
  it.each([
    ["2026-12-01", "2026-12-01"],
    ["2026-12-1", "2026-12-01"],
    ["2026/12/1", "2026-12-01"],
    ["2026/12/01", "2026-12-01"],
    ["2026.12.1", "2026-12-01"],
    ["20261201", "2026-12-01"],
    ["2026年12月1日", "2026-12-01"],
    ["2026年12月1", "2026-12-01"],
    ["2026 年 12 月 1 日", "2026-12-01"],
    ["２０２６年１２月１日", "2026-12-01"],
    ["２０２６／１２／０１", "2026-12-01"],
    [" 2024-02-29 ", "2024-02-29"],
  ])("%s → %s", (input, value) => {
    expect(parseDate(input)).toEqual({ ok: true, value });
  });

  it.each(["26/12/1", "01/12/2026", "2026-12", "2026121", "202612011", "next Tuesday", "2026-12-01T10:00", "2026-1-1-1"])("refuses %s rather than guessing", (input) => {
    expect(parseDate(input)).toEqual({ ok: false, reason: "format" });
  });

  it.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-12-00", "1989-12-31", "2101-01-01"])("refuses the impossible %s", (input) => {
    expect(parseDate(input)).toEqual({ ok: false, reason: "invalid" });
  });

  it("says an empty field is empty", () => {
    expect(parseDate("  ")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("the server reads dates with the same parser", () => {
  it("zDate stores what the field echoed, as a UTC-midnight date", () => {
    expect(zDate.parse("2026年12月1日")).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(zDate.parse("20261201")).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(zDate.safeParse("2026-02-30").error?.issues[0].message).toBe("date");
    expect(zDate.safeParse("01/12/2026").success).toBe(false);
  });

  it("the dashboard's custom period takes the same forms (a GET form sends what was typed)", () => {
    const p = ZDashboardParams.parse({ from: "2026/1/5", to: "2026年3月31日" });
    expect(p.from).toEqual(new Date("2026-01-05T00:00:00Z"));
    expect(p.to).toEqual(new Date("2026-03-31T00:00:00Z"));
  });
});
