import { describe, expect, it } from "vitest";
import { formatCny, formatUsd } from "@/lib/format/money";

describe("formatCny", () => {
  it("shows 亿元 from 100 million up and 万元 below, in Chinese", () => {
    expect(formatCny("21000000000", "zh-CN")).toBe("210亿元");
    expect(formatCny("150000000.00", "zh-CN")).toBe("1.5亿元");
    expect(formatCny("100000000", "zh-CN")).toBe("1亿元");
    expect(formatCny("99990000", "zh-CN")).toBe("9,999万元");
    expect(formatCny("35000000", "zh-CN")).toBe("3,500万元");
  });
  it("shows billions and millions in English", () => {
    expect(formatCny("2100000000", "en")).toBe("CNY 2.1 bn");
    expect(formatCny("10600000000", "en")).toBe("CNY 10.6 bn");
    expect(formatCny("350000000", "en")).toBe("CNY 350 m");
    expect(formatCny("1200", "en")).toBe("CNY 1,200");
  });
  it("keeps exactness on amounts beyond float precision", () => {
    expect(formatCny("123456789012345678.99", "zh-CN")).toBe("1,234,567,890.12亿元");
  });
  it("shows zero as 0元, not 0万元", () => {
    expect(formatCny("0", "zh-CN")).toBe("0元");
    expect(formatCny("0.00", "zh-CN")).toBe("0元");
    expect(formatCny(0, "en")).toBe("CNY 0");
    expect(formatUsd("0", "zh-CN")).toBe("0美元");
    expect(formatUsd("0", "en")).toBe("USD 0");
  });
  it("shows a dash for nothing", () => {
    expect(formatCny(null, "en")).toBe("—");
    expect(formatCny("not a number", "zh-CN")).toBe("—");
  });
});

describe("formatUsd", () => {
  it("shows dollars in millions in English and 万美元 in Chinese", () => {
    expect(formatUsd("12500000", "en")).toBe("USD 12.5 m");
    expect(formatUsd("12500000", "zh-CN")).toBe("1,250万美元");
    expect(formatUsd("250000000", "zh-CN")).toBe("2.5亿美元");
  });
});
