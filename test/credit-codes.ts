import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from "@/lib/domain/credit-code";

/** A valid 统一社会信用代码 (its check character per GB 32100-2015) that no other test uses: codes are unique per company. */
export function freshCreditCode(): string {
  for (;;) {
    const body = "9133" + Array.from({ length: 13 }, () => CREDIT_CODE_CHARSET[Math.floor(Math.random() * CREDIT_CODE_CHARSET.length)]).join("");
    const check = creditCodeCheckChar(body);
    if (check) return body + check;
  }
}
