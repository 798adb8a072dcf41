/**
 * Calendar dates as officials type them, to YYYY-MM-DD: "2026-12-01",
 * "2026/12/1", "2026.12.1", "20261201", "2026年12月1日", full-width digits
 * ("２０２６年１２月１日"). No imports, so a date field echoes what it will
 * store while the user types (components/ui/date-field.tsx) and zDate
 * (lib/validation/fields.ts) stores exactly that.
 *
 * Refused rather than guessed: two-digit years (26/12/1), day-first or
 * month-first orders (01/12/2026 is the 1st of December in one country and
 * the 12th of January in another), days that do not exist (2026-02-30), and
 * years outside 1990–2100 (a slip, not a project date).
 */

export type DateParse = { ok: true; value: string } | { ok: false; reason: "empty" | "format" | "invalid" };

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g; // ０-９

/** Year, month and day separated by - / . (half- or full-width) or written 年月日. */
const SEPARATED = /^(\d{4})\s*(?:[-/.\uFF0D\uFF0F\uFF0E]|年)\s*(\d{1,2})\s*(?:[-/.\uFF0D\uFF0F\uFF0E]|月)\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

export function parseDate(input: string): DateParse {
  const s = input.replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).trim();
  if (s === "") return { ok: false, reason: "empty" };
  const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
  if (!m) return { ok: false, reason: "format" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March 2nd: a day that does not exist differs after the round trip.
  if (year < MIN_YEAR || year > MAX_YEAR || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return { ok: false, reason: "invalid" };
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}
