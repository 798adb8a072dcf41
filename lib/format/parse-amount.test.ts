import { describe, expect, it } from "vitest";
import { parseAmount } from "@/lib/format/parse-amount";

describe("parseAmount: amounts as officials type them", () => {
  it.each([
    ["10.6亿", "1060000000"],
    ["10.6亿元", "1060000000"],
    ["12亿", "1200000000"],
    ["8000万", "80000000"],
    ["8000万元", "80000000"],
    ["0.5万", "5000"],
    ["1亿2000万", "120000000"],
    ["1亿2000万500", "120000500"],
    ["3千万", "30000000"],
    ["2,100,000,000", "2100000000"],
    ["2100000000", "2100000000"],
    ["１２亿", "1200000000"],
    ["２，１００，０００", "2100000"],
    ["1 200 000", "1200000"],
    ["1200.50", "1200.5"],
    ["0", "0"],
    ["007", "7"],
    ["1.23456789亿", "123456789"],
  ])("%s → %s yuan", (input, value) => {
    expect(parseAmount(input)).toEqual({ ok: true, value });
  });

  it.each(["1,2,3", "12,34", "1,2345", "1.234,5", "1,,000", "1,2亿", "1.2.3"])("refuses the ambiguous %s rather than guessing", (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason: "ambiguous" });
  });

  it.each(["-5", "abc", "5万3亿", "亿", "1e9", "十亿"])("refuses %s as not an amount", (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason: "format" });
  });

  it("refuses amounts below a fen", () => {
    expect(parseAmount("1.005")).toEqual({ ok: false, reason: "precision" });
    expect(parseAmount("1.12345678912亿")).toEqual({ ok: false, reason: "precision" });
  });

  it("calls an empty field empty", () => {
    expect(parseAmount("  ")).toEqual({ ok: false, reason: "empty" });
  });
});
