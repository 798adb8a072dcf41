import { describe, expect, it } from "vitest";
import { formatFieldValue } from "@/lib/format/field-value";

describe("formatFieldValue", () => {
  it("shows amounts as amounts, not as digits", () => {
    expect(formatFieldValue("plannedInvestmentCny", "350000000", "zh-CN")).toBe("3.5亿元");
    expect(formatFieldValue("plannedInvestmentCny", "420000000", "zh-CN")).toBe("4.2亿元");
    expect(formatFieldValue("foreignInvestmentUsd", "12500000", "en")).toBe("USD 12.5 m");
    expect(formatFieldValue("amountCny", 0, "zh-CN")).toBe("0元");
  });
  it("shows dates and moments as people read them", () => {
    expect(formatFieldValue("nextFollowUpOn", "2026-12-01", "zh-CN")).toBe("2026年12月1日");
    expect(formatFieldValue("signedOn", "2026-12-01T00:00:00.000Z", "en")).toBe("1 Dec 2026");
    expect(formatFieldValue("disabledAt", "2026-12-01T01:30:00.000Z", "zh-CN")).toBe("2026年12月1日 09:30");
  });
  it("shows a country by its name", () => {
    expect(formatFieldValue("countryCode", "JP", "zh-CN")).toBe("日本");
    expect(formatFieldValue("countryCode", "JP", "en")).toBe("Japan");
  });
  it("leaves other values as they are, and nothing as a dash", () => {
    expect(formatFieldValue("title", "新能源项目", "zh-CN")).toBe("新能源项目");
    expect(formatFieldValue("jobs", 300, "zh-CN")).toBe("300");
    expect(formatFieldValue("plannedInvestmentCny", null, "zh-CN")).toBe("—");
    expect(formatFieldValue("topics", ["a"], "zh-CN")).toBe('["a"]');
  });
});
