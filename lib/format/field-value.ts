/**
 * A recorded field's value as people read it, chosen by the field's name as
 * the schema names fields: amounts (…Cny, …Usd) as 亿元/万元, dates (…On,
 * …Date) and moments (…At) as 2026年12月1日, a country code as the country's
 * name. Used wherever an old → new value is shown: the project timeline's edit
 * entries and the admin audit log.
 */
import type { Locale } from "@/i18n/locales";
import { diffValue } from "@/lib/audit/diff";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { formatCny, formatUsd } from "@/lib/format/money";
import { countryName } from "@/lib/validation/countries";

export function formatFieldValue(field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === "") return "—";
  const scalar = typeof value === "string" || typeof value === "number";
  if (scalar && /Cny$/.test(field)) return formatCny(String(value), locale);
  if (scalar && /Usd$/.test(field)) return formatUsd(String(value), locale);
  if (typeof value === "string" && /(On|Date)$/.test(field)) return formatDate(value, locale);
  if (typeof value === "string" && /At$/.test(field)) return formatDateTime(value, locale);
  if (typeof value === "string" && /^countryCode$/.test(field)) return countryName(value, locale);
  return diffValue(value);
}
