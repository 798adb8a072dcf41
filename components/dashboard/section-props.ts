/**
 * What the dashboard's sections share: their props (the locale, the linked
 * numbers, and their part of the dashboard), and
 * the two ways they turn data into chart values and names.
 */
import Decimal from "decimal.js";
import type { Dashboard } from "@/lib/data/dashboard";
import type { Locale } from "@/i18n/locales";
import type { LinkedNumbers } from "@/components/dashboard/links";

export type Props<K extends keyof Dashboard> = { locale: Locale; links: LinkedNumbers } & Record<K, Dashboard[K]>;

/** Yuan as 亿元 for a chart axis: ECharts plots numbers, so decimal strings are rounded to two places here. */
export const yi = (cny: string) => new Decimal(cny).div(1e8).toDecimalPlaces(2).toNumber();
/**
 * Not the localName of components/projects/names: a dashboard row may carry no
 * name at all (signed projects without a sector), shown as the caller's fallback.
 */
export const localName = (o: { nameZh: string | null; nameEn: string | null }, locale: Locale, fallback: string) =>
  (locale === "en" ? o.nameEn ?? o.nameZh : o.nameZh) ?? fallback;
