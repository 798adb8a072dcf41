/**
 * A promised or reached figure as officials read it, by its unit
 * (lib/domain/milestones.ts FIGURE_KINDS): yuan in 万元/亿元, US dollars apart,
 * 亩, people. The project page's 履约 and the dashboard's promised against
 * actual both show figures through it.
 */
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import type { FIGURE_KINDS, FigureKind } from "@/lib/domain/milestones";

/** `t`: the "commitments" translations (its `mu` and `count`). */
export function formatFigure(unit: (typeof FIGURE_KINDS)[FigureKind], v: string | number | null, locale: Locale, t: (key: "mu" | "count", values: Record<string, string | number>) => string): string {
  if (v === null) return "—";
  if (unit === "CNY") return formatCny(v, locale);
  if (unit === "USD") return formatUsd(v, locale);
  if (unit === "MU") return t("mu", { value: Number(v) });
  return t("count", { value: formatCount(Number(v), locale) });
}
