import type { Locale } from "@/i18n/locales";
import { dateTimeFormat } from "@/lib/format/intl-cache";
import { BUREAU_TIME_ZONE, DAY_MS } from "@/lib/domain/period";


/** A calendar date (a @db.Date column comes back as UTC midnight). */
export function formatDate(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(date);
}

/** A moment (timestamps), shown in the bureau's time zone. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: BUREAU_TIME_ZONE }).format(date);
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
