/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18
 * characters from the code's own 31-character set (digits and capitals without
 * I, O, Z, S, V), the last one a check character over the first 17 (weights
 * 3^i mod 31, the check is 31 − (sum mod 31), 31 written as 0). Pure: the
 * company form, the server and the importer share it.
 */

/** The code's characters in the order of their values 0–30. */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The weight of each of the first 17 positions: 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What people type as a code, as it is stored: full-width characters made half-width, spaces and hyphens dropped, capitals. */
export function cleanCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, "")
    .toUpperCase();
}

/** The check character of the first 17 characters, or null when one of them is not in the code's set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why a (cleaned) code is refused: its length, a character outside the set, or the check character; null when valid. */
export type CreditCodeProblem = "length" | "characters" | "check";

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  for (const c of code) if (!CREDIT_CODE_CHARSET.includes(c)) return "characters";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(cleanCreditCode(code)) === null;
