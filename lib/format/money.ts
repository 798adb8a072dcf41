/**
 * Amounts the way officials read them. Yuan: 万元 / 亿元 in Chinese,
 * "CNY 2.1 bn" / "CNY 350 m" in English. US dollars: 万美元 / 亿美元 in Chinese,
 * millions in English. Input is a decimal string (or Decimal): no float math
 * touches the amount, only the final rounding for display. Zero is a value,
 * not a gap: it reads 0元 / CNY 0 (a quarter with no signing), never 0万元;
 * nothing (null) reads —.
 */
import Decimal from "decimal.js";
import type { Locale } from "@/i18n/locales";
import { numberFormat } from "@/lib/format/intl-cache";

type Amount = Decimal.Value | { toString(): string } | null | undefined;

const YI = new Decimal(1e8);
const WAN = new Decimal(1e4);
const BILLION = new Decimal(1e9);
const MILLION = new Decimal(1e6);

function toDecimal(value: Amount): Decimal | null {
  if (value === null || value === undefined || value === "") return null;
  try {
    return new Decimal(typeof value === "object" && !(value instanceof Decimal) ? value.toString() : (value as Decimal.Value));
  } catch {
    return null;
  }
}

/** Up to `digits` decimals, trailing zeros dropped, grouped for the locale. */
function scaled(value: Decimal, unit: Decimal, digits: number, locale: Locale) {
  const rounded = value.div(unit).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  return numberFormat(locale, { maximumFractionDigits: digits }).format(rounded.toNumber());
}

export function formatCny(value: Amount, locale: Locale): string {
  const amount = toDecimal(value);
  if (!amount) return "—";
  const abs = amount.abs();
  if (amount.isZero()) return locale === "zh-CN" ? "0元" : "CNY 0";
  if (locale === "zh-CN") {
    return abs.gte(YI) ? `${scaled(amount, YI, 2, locale)}亿元` : `${scaled(amount, WAN, 2, locale)}万元`;
  }
  if (abs.gte(BILLION)) return `CNY ${scaled(amount, BILLION, 2, locale)} bn`;
  if (abs.gte(MILLION)) return `CNY ${scaled(amount, MILLION, 1, locale)} m`;
  return `CNY ${scaled(amount, new Decimal(1), 0, locale)}`;
}

export function formatUsd(value: Amount, locale: Locale): string {
  const amount = toDecimal(value);
  if (!amount) return "—";
  if (amount.isZero()) return locale === "zh-CN" ? "0美元" : "USD 0";
  if (locale === "zh-CN") {
    return amount.abs().gte(YI) ? `${scaled(amount, YI, 2, locale)}亿美元` : `${scaled(amount, WAN, 2, locale)}万美元`;
  }
  return `USD ${scaled(amount, MILLION, 2, locale)} m`;
}
