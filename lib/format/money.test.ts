import { describe, expect, it } from "vitest";
import { amountUnit, formatCny, formatInUnit, formatUsd } from "@/lib/format/money";

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

describe("amountUnit and formatInUnit (a column of amounts, its unit said once)", () => {
  it("picks 亿 when the largest amount reaches 1亿, else 万, per currency", () => {
    const cny = amountUnit(["6500000000", "65000000", null], "CNY", "zh-CN");
    expect(cny.label).toBe("亿元");
    expect(formatInUnit("6500000000", cny, "zh-CN")).toBe("65.00");
    expect(formatInUnit("65000000", cny, "zh-CN")).toBe("0.65");
    const usd = amountUnit(["84510000", "0"], "USD", "zh-CN");
    expect(usd.label).toBe("万美元");
    expect(formatInUnit("84510000", usd, "zh-CN")).toBe("8,451.00");
    expect(amountUnit(["254000000"], "USD", "zh-CN").label).toBe("亿美元");
  });
  it("says 元 over a column of zeros, and prints 0 and — for zero and nothing", () => {
    const zero = amountUnit(["0", null], "CNY", "zh-CN");
    expect(zero.label).toBe("元");
    expect(formatInUnit("0", zero, "zh-CN")).toBe("0");
    expect(formatInUnit(null, zero, "zh-CN")).toBe("—");
  });
  it("uses CNY bn / CNY m and USD m in English", () => {
    expect(amountUnit(["11300000000"], "CNY", "en").label).toBe("CNY bn");
    expect(amountUnit(["350000000"], "CNY", "en").label).toBe("CNY m");
    const usd = amountUnit(["946480000"], "USD", "en");
    expect(usd.label).toBe("USD m");
    expect(formatInUnit("946480000", usd, "en")).toBe("946.48");
  });
});
