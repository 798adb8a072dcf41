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
