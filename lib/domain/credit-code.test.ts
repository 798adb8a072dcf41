import { describe, expect, it } from "vitest";
import { cleanCreditCode, creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from "@/lib/domain/credit-code";

/** Codes of real companies, as their business licences print them. */
const REAL = {
  "华为技术有限公司": "914403001922038216",
  "阿里巴巴（中国）有限公司": "91330100716105852F",
  "深圳市腾讯计算机系统有限公司": "9144030071526726XG",
  "宁德时代新能源科技股份有限公司": "91350900587527783P",
  "比亚迪股份有限公司": "91440300192317458F",
  "小米科技有限责任公司": "91110108551385082Q",
};

describe("unified social credit code (GB 32100-2015)", () => {
  it.each(Object.entries(REAL))("accepts the code of %s", (_name, code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it("refuses each real code with one character changed (the check character catches it)", () => {
    for (const code of Object.values(REAL)) {
      for (const i of [0, 5, 9, 16, 17]) {
        const c = code[i] === "3" ? "4" : "3";
        expect(creditCodeProblem(code.slice(0, i) + c + code.slice(i + 1)), `${code} @${i}`).toBe("check");
      }
    }
  });

  it("refuses two swapped neighbours", () => {
    const code = REAL["华为技术有限公司"];
    expect(creditCodeProblem(code.slice(0, 8) + code[9] + code[8] + code.slice(10))).toBe("check");
  });

  it("names the length and characters outside the set (I O Z S V)", () => {
    expect(creditCodeProblem("91440300192317458")).toBe("length");
    expect(creditCodeProblem("9144030019231745800")).toBe("length");
    for (const bad of ["I", "O", "Z", "S", "V"]) expect(creditCodeProblem(`9144030019231745${bad}F`)).toBe("characters");
  });

  it("the check of 31 is written 0", () => {
    // 17 characters whose weighted sum is a multiple of 31 check to "0".
    expect(creditCodeCheckChar("00000000000000000")).toBe("0");
  });

  it("reads what people type: lower case, spaces, full-width characters", () => {
    expect(cleanCreditCode(" 9144 0300 1923 1745 8f ")).toBe("91440300192317458F");
    expect(cleanCreditCode("９１４４０３００１９２３１７４５８Ｆ")).toBe("91440300192317458F");
    expect(isValidCreditCode("9144030071526726xg")).toBe(true);
  });
});
