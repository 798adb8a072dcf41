import type { Locale } from "@/i18n/locales";
import { dateTimeFormat } from "@/lib/format/intl-cache";
import { BUREAU_TIME_ZONE, DAY_MS } from "@/lib/domain/period";

/**
 * Dates as official documents write them: 2026年12月1日 in Chinese, 1 Dec 2026
 * in English (day first, as in British usage). Every screen and the PDF take
 * dates from here; machine-readable exports (CSV, XLSX, JSON, import files)
 * keep ISO dates.
 */
const DATE_LOCALE: Record<Locale, string> = { "zh-CN": "zh-CN", en: "en-GB" };
const DAY = { year: "numeric", month: "long", day: "numeric" } as const;
const DAY_EN = { year: "numeric", month: "short", day: "numeric" } as const;
const dayOptions = (locale: Locale) => (locale === "en" ? DAY_EN : DAY);

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** A calendar date (a @db.Date column comes back as UTC midnight): 2026年12月1日 / 1 Dec 2026. */
export function formatDate(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "—";
  return dateTimeFormat(DATE_LOCALE[locale], { ...dayOptions(locale), timeZone: "UTC" }).format(date);
}

/** A moment (timestamps), shown in the bureau's time zone: 2026年12月1日 08:00 / 1 Dec 2026, 08:00. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "—";
  return dateTimeFormat(DATE_LOCALE[locale], { ...dayOptions(locale), hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: BUREAU_TIME_ZONE }).format(date);
}

/** A calendar month (a month bucket's first day): 2026年12月 / Dec 2026. */
export function formatMonth(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "—";
  return dateTimeFormat(DATE_LOCALE[locale], { year: "numeric", month: locale === "en" ? "short" : "long", timeZone: "UTC" }).format(date);
}

/** Whole days from `from` to `to` (calendar days, UTC). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())) / DAY_MS);
}

/** A calendar date written out with its weekday (2026年12月1日星期二 / Tuesday, December 1, 2026): a date field's echo. */
export function formatDateFull(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return dateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(date);
}
