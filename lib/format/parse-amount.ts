/**
 * Amounts as officials type them, to an exact decimal string in the base unit
 * (yuan, or dollars): "10.6亿" → "1060000000", "8000万" → "80000000",
 * "1亿2000万" → "120000000", "2,100,000,000", full-width "１２亿". Pure string
 * arithmetic (no float touches an amount) and no imports, so the forms echo
 * what they will store while the user types (components/ui/amount-field.tsx)
 * and zAmount (lib/validation/fields.ts) stores exactly that.
 *
 * Refused rather than guessed: commas that are not thousands separators
 * ("1,2,3" is not 123), more than one decimal point, a negative sign, anything
 * left over, and more than 2 decimals once scaled (below a fen).
 */

export type AmountParse = { ok: true; value: string } | { ok: false; reason: "empty" | "format" | "ambiguous" | "precision" };

/** Chinese units, largest first so "千万" is read before "万". */
const UNITS: [string, number][] = [
  ["亿", 8],
  ["千万", 7],
  ["百万", 6],
  ["万", 4],
];

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E]/g; // ０-９ ， ．

function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0xff0c) return ",";
    if (code === 0xff0e) return ".";
    return String.fromCharCode(code - 0xff10 + 0x30);
  });
}

/** "1,234.5" → "1234.5"; null when the commas are not groups of three after the first. */
function plainNumber(s: string): string | null | "ambiguous" {
  if (/^\d+(\.\d+)?$/.test(s)) return s;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replaceAll(",", "");
  if (/^[\d,.]+$/.test(s) && /\d/.test(s)) return "ambiguous";
  return null;
}

/** `digits` × 10^places as a decimal string, exactly. */
function shift(digits: string, places: number): string {
  const [int, frac = ""] = digits.split(".");
  const padded = frac.padEnd(places, "0");
  const whole = (int + padded.slice(0, places)).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(places).replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : whole;
}

/** Adds two non-negative decimal strings exactly. */
function add(a: string, b: string): string {
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const places = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(places, "0"));
  const y = BigInt(bi + bf.padEnd(places, "0"));
  const sum = (x + y).toString().padStart(places + 1, "0");
  if (places === 0) return sum;
  const int = sum.slice(0, sum.length - places);
  const frac = sum.slice(sum.length - places).replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}

export function parseAmount(input: string): AmountParse {
  let s = halfWidth(input).replace(/[\s\u3000]/g, "");
  if (s.endsWith("元")) s = s.slice(0, -1);
  if (s === "") return { ok: false, reason: "empty" };

  // Parts with a unit, largest first ("1亿2000万500"): each part's number, then its unit.
  let total = "0";
  let smallest = Infinity;
  for (const [unit, places] of UNITS) {
    const at = s.indexOf(unit);
    if (at < 0) continue;
    if (places >= smallest) return { ok: false, reason: "format" }; // "5万3亿": units out of order
    const number = plainNumber(s.slice(0, at));
    if (number === "ambiguous") return { ok: false, reason: "ambiguous" };
    if (number === null) return { ok: false, reason: "format" };
    total = add(total, shift(number, places));
    smallest = places;
    s = s.slice(at + unit.length);
  }
  if (s !== "") {
    const number = plainNumber(s);
    if (number === "ambiguous") return { ok: false, reason: "ambiguous" };
    if (number === null) return { ok: false, reason: "format" };
    // A bare number after a unit counts in the next unit down only when it is written out in full ("1亿2000万500").
    total = add(total, number);
  }
  const fraction = total.split(".")[1] ?? "";
  if (fraction.length > 2) return { ok: false, reason: "precision" };
  return { ok: true, value: total };
}
