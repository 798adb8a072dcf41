import type { Locale } from "@/i18n/locales";
import { numberFormat } from "@/lib/format/intl-cache";

export function formatCount(value: number | bigint | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  return numberFormat(locale).format(value);
}

export function formatPercent(ratio: number | null | undefined, locale: Locale): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** A file's size as people read it: 820 B, 35.2 KB, 4.7 MB. */
export function formatFileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${numberFormat(locale).format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
