import { describe, expect, it } from "vitest";
import { daysBetween, formatDate, formatDateTime, formatMonth } from "@/lib/format/dates";

describe("formatDate", () => {
  it("writes dates as official documents do: 2026年12月1日 in Chinese, 1 Dec 2026 in English", () => {
    expect(formatDate(new Date("2026-12-01T00:00:00Z"), "zh-CN")).toBe("2026年12月1日");
    expect(formatDate("2026-12-01", "en")).toBe("1 Dec 2026");
    expect(formatDate("2024-03-09", "zh-CN")).toBe("2024年3月9日");
  });
  it("keeps the calendar day of a date column whatever the server's time zone", () => {
    expect(formatDate(new Date("2026-12-31T00:00:00Z"), "zh-CN")).toBe("2026年12月31日");
  });
  it("shows a dash for nothing or an invalid date", () => {
    expect(formatDate(null, "zh-CN")).toBe("—");
    expect(formatDate("not a date", "en")).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("shows the day the same way, with the time in the bureau's time zone", () => {
    expect(formatDateTime(new Date("2026-12-01T01:30:00Z"), "zh-CN")).toBe("2026年12月1日 09:30");
    expect(formatDateTime(new Date("2026-12-01T01:30:00Z"), "en")).toBe("1 Dec 2026, 09:30");
  });
});

describe("formatMonth", () => {
  it("names a month as documents do", () => {
    expect(formatMonth("2026-12-01", "zh-CN")).toBe("2026年12月");
    expect(formatMonth("2026-12-01", "en")).toBe("Dec 2026");
  });
});

describe("daysBetween", () => {
  it("counts calendar days", () => {
    expect(daysBetween(new Date("2026-11-30T23:00:00Z"), new Date("2026-12-01T01:00:00Z"))).toBe(1);
  });
});
