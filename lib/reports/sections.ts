/**
 * The report as tables: what the CSV, XLSX and PDF write, in the same order.
 * Labels come from the app's catalogue (messages/<locale>): "reports.file.*",
 * the strings the Reports page uses too, and the stages as the app names them
 * ("stages.*"; terms such as 产业领域 are resolved there, see messages/references.ts). Cells stay typed (text, integer count,
 * money as a decimal string, ISO date) so each format writes them properly.
 */
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import type { Currency } from "@/lib/format/money";
import { periodName } from "@/lib/domain/period";
import type { Report, ReportListPages } from "./build-report";
import { countryName } from "@/lib/validation/countries";
import { formatDate } from "@/lib/format/dates";
import { RATE_NAMES, type RateName } from "@/lib/domain/delivery-rates";
import { FIGURE_KINDS } from "@/lib/domain/milestones";

/** A rate as the files write it: a percentage with one decimal, "—" without a denominator. */
export const percentText = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export type ReportLocale = "zh-CN" | "en";
/** decimal: a plain number with two decimals (a score). */
export type CellKind = "text" | "int" | "money" | "date" | "decimal";
export type Cell = string | number | null;
/**
 * A column: `header` is its label without a unit; a money column names its
 * currency, and each format adds the unit it writes the amounts in (CSV and
 * XLSX: 元 / 美元; the PDF: 亿元, 万美元 … per column) through columnHeader.
 */
export type Column = { key: string; header: string; kind: CellKind; width: number; currency?: Currency };
/**
 * A section's rows: in `rows`, or — for a long list of a streamed report — in
 * `pages`, an async iterable of pages of rows read from the database as the
 * writer goes (then `rows` is empty).
 */
export type Section = {
  key: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  pages?: () => AsyncIterable<Cell[][]>;
  /** Where one money column mixes currencies and counts (the key numbers): each row's currency (null: a count), its "unit" column saying which. */
  rowCurrency?: (Currency | null)[];
};

async function* mapPages<T>(pages: AsyncIterable<T[]>, row: (line: T) => Cell[]): AsyncGenerator<Cell[][]> {
  for await (const page of pages) yield page.map(row);
}

const MESSAGES = { "zh-CN": zh.reports, en: en.reports } as const;
const STAGES = { "zh-CN": zh.stages, en: en.stages } as const;

const DELIVERY = { "zh-CN": zh.delivery, en: en.delivery } as const;

/** A "delivery.*" string by dotted key (the delivery tables' own words), with {name} parameters. */
function deliveryText(locale: ReportLocale, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = DELIVERY[locale];
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A "reports.*" string by dotted key, with {name} parameters. */
export function reportText(locale: ReportLocale, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A column's header as a format writes it: a money column's label with the unit its amounts are in (the currency's own unit when none is given). */
export function columnHeader(column: Column, locale: ReportLocale, unit?: string): string {
  if (!column.currency) return column.header;
  return reportText(locale, "file.withUnit", { label: column.header, unit: unit ?? reportText(locale, `file.units.${column.currency === "CNY" ? "cny" : "usd"}`) });
}

/** The report's sections; with `pages` (openReport) the long lists come page by page from there. */
export function reportSections(r: Report, locale: ReportLocale, pages?: ReportListPages): Section[] {
  const t = (key: string) => reportText(locale, `file.${key}`);
  const col = (key: string, kind: CellKind, width: number, currency?: Currency): Column => ({ key, header: t(`cols.${key}`), kind, width, ...(currency ? { currency } : {}) });
  const name = (zhName: string | null | undefined, enName: string | null | undefined) =>
    (locale === "en" ? enName || zhName : zhName || enName) || t("unnamed");
  const unitName = (x: { unitZh: string; unitEn: string }) => (locale === "en" ? x.unitEn : x.unitZh);
  const stage = (s: string) => STAGES[locale][s as keyof (typeof STAGES)[ReportLocale]] ?? s;
  const u = (k: string) => t(`units.${k}`);
  const s = r.signed;
  const signedRow = (p: Report["signedProjects"][number]): Cell[] => [p.number, name(p.investorZh, p.investorEn), p.title, name(p.sectorZh, p.sectorEn), unitName(p), p.signedOn, p.contractedCny, p.contractedUsd];
  const startRow = (p: Report["constructionStartsList"][number]): Cell[] => [p.number, p.investorZh, p.title, unitName(p), p.startedOn, p.signedOn, p.contractedCny];
  const stalledRow = (p: Report["stalledProjects"][number]): Cell[] => [p.number, p.investorZh, p.title, unitName(p), stage(p.stage), p.lastActivityOn, p.days];
  const long = <T>(lines: T[], row: (line: T) => Cell[], paged: (() => AsyncIterable<T[]>) | undefined) =>
    paged ? { rows: [] as Cell[][], pages: () => mapPages(paged(), row) } : { rows: lines.map(row) };

  return [
    {
      key: "summary",
      title: t("sections.summary"),
      columns: [col("language", "text", 10), col("text", "text", 120)],
      rows: [
        [t("period"), r.period.label],
        [t("unit"), locale === "en" ? r.unit.nameEn : r.unit.nameZh],
        [t("generatedOn"), r.generatedOn],
        ["中文", r.summary.zh],
        ["English", r.summary.en],
      ],
    },
    {
      key: "keyNumbers",
      title: t("sections.keyNumbers"),
      columns: [col("item", "text", 56), col("value", "money", 22), col("unit", "text", 10)],
      rows: [
        [t("metrics.signedCount"), s.count, u("projects")],
        [t("metrics.signedCny"), s.contractedCny, u("cny")],
        [t("metrics.signedUsd"), s.contractedUsd, u("usd")],
        [t("metrics.band100m"), s.atLeast100MillionCny.count, u("projects")],
        [t("metrics.band100mValue"), s.atLeast100MillionCny.valueCny, u("cny")],
        [t("metrics.band5b"), s.atLeast5BillionCny.count, u("projects")],
        [t("metrics.band5bValue"), s.atLeast5BillionCny.valueCny, u("cny")],
        [t("metrics.band10b"), s.atLeast10BillionCny.count, u("projects")],
        [t("metrics.band10bValue"), s.atLeast10BillionCny.valueCny, u("cny")],
        [t("metrics.starts"), r.constructionStarts.count, u("projects")],
        [t("metrics.fundsCny"), r.fundsInPlace.cny, u("cny")],
        [t("metrics.fundsUsd"), r.fundsInPlace.usd, u("usd")],
        [t("metrics.fdiUsd"), r.foreignInvestmentInPlaceUsd, u("usd")],
        [t("metrics.rounds"), r.roundsHeld, u("rounds")],
        [t("metrics.leads"), r.newLeads.total, u("leads")],
      ],
      rowCurrency: [null, "CNY", "USD", null, "CNY", null, "CNY", null, "CNY", null, "CNY", "USD", "USD", null, null],
    },
    {
      key: "reconciliation",
      title: t("sections.reconciliation"),
      columns: [col("item", "text", 40), col("signings", "int", 10), col("count", "int", 10), col("contractedCny", "money", 22, "CNY"), col("contractedUsd", "money", 22, "USD")],
      rows: (r.reconciliation ?? []).map((l) => [reconciliationLabel(l, locale), l.signings, l.projects, l.cny, l.usd]),
    },
    {
      key: "signedProjects",
      title: t("sections.signedProjects"),
      columns: [col("number", "text", 18), col("investor", "text", 32), col("title", "text", 36), col("sector", "text", 16), col("unitName", "text", 16), col("signedOn", "date", 12), col("contractedCny", "money", 20, "CNY"), col("contractedUsd", "money", 20, "USD")],
      ...long(r.signedProjects, signedRow, pages?.signedProjects),
    },
    {
      key: "constructionStarts",
      title: t("sections.constructionStarts"),
      columns: [col("number", "text", 18), col("investor", "text", 32), col("title", "text", 36), col("unitName", "text", 16), col("startedOn", "date", 12), col("signedOn", "date", 12), col("contractedCny", "money", 20, "CNY")],
      ...long(r.constructionStartsList, startRow, pages?.constructionStartsList),
    },
    {
      key: "pipeline",
      title: t("sections.pipeline"),
      columns: [col("stage", "text", 20), col("count", "int", 10), col("plannedCny", "money", 22, "CNY")],
      rows: r.pipelineByStage.map((p) => [stage(p.stage), p.count, p.plannedCny]),
    },
    {
      key: "stalled",
      title: t("sections.stalled"),
      columns: [col("number", "text", 18), col("investor", "text", 32), col("title", "text", 36), col("unitName", "text", 16), col("stage", "text", 14), col("lastActivityOn", "date", 14), col("days", "int", 10)],
      ...long(r.stalledProjects, stalledRow, pages?.stalledProjects),
    },
    ...(
      [
        ["bySector", r.bySector],
        ["byUnit", r.byUnit],
        ["byChain", r.byChain],
      ] as const
    ).map(([key, lines]) => ({
      key,
      title: t(`sections.${key}`),
      columns: [col("name", "text", 28), col("count", "int", 10), col("contractedCny", "money", 22, "CNY"), col("contractedUsd", "money", 22, "USD")],
      rows: lines.map((g) => [name(g.nameZh, g.nameEn), g.count, g.cny, g.usd] as Cell[]),
    })),
    {
      key: "byCountry",
      title: t("sections.byCountry"),
      columns: [col("country", "text", 16), col("count", "int", 10), col("contractedCny", "money", 22, "CNY"), col("contractedUsd", "money", 22, "USD")],
      rows: r.byCountry.map((g) => [countryName(g.countryCode, locale), g.count, g.cny, g.usd]),
    },
    {
      key: "leadsBySource",
      title: t("sections.leadsBySource"),
      columns: [col("name", "text", 28), col("leads", "int", 10)],
      rows: r.newLeads.bySource.map((g) => [name(g.nameZh, g.nameEn), g.count]),
    },
    {
      key: "leadsByEvent",
      title: t("sections.leadsByEvent"),
      columns: [col("name", "text", 36), col("leads", "int", 10)],
      rows: r.newLeads.byEvent.map((g) => [name(g.nameZh, g.nameEn), g.count]),
    },
    ...deliverySections(r, locale, col),
    {
      key: "series",
      title: t("sections.series"),
      columns: [col("start", "date", 12), col("count", "int", 10), col("contractedCny", "money", 22, "CNY"), col("contractedUsd", "money", 22, "USD")],
      rows: r.series.points.map((p) => [p.start, p.count, p.cny, p.usd]),
    },
  ];
}

/** A reconciliation line's label: "减：不予认定", "　其中：房地产项目" … */
export function reconciliationLabel(l: Report["reconciliation"][number], locale: ReportLocale): string {
  const t = (key: string, params?: Record<string, string>) => reportText(locale, `file.reconciliation.${key}`, params);
  if (l.line !== "reason") return t(l.line);
  if (l.excludedBy === "sector") return t("reasonSector");
  if (l.excludedBy === "threshold") return t("reasonThreshold");
  return t("reason", { name: (locale === "en" ? l.nameEn || l.nameZh : l.nameZh || l.nameEn) ?? "" });
}

/** A text cell a spreadsheet would run as a formula (=, +, -, @; also tab/CR, which some apps strip first). */
export const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

/** "report-2023-Q4.xlsx" (unit-specific reports add the unit id). */
export function reportFileName(r: Pick<Report, "period" | "unit">, format: string): string {
  return `report-${r.period.label}${r.unit.id !== null && !r.unit.isCity ? `-unit${r.unit.id}` : ""}.${format}`;
}

/** The delivery rates (lib/domain/delivery-rates.ts): the rates, funds per currency, by unit and by quarter. */
function deliverySections(r: Report, locale: ReportLocale, col: (key: string, kind: CellKind, width: number, currency?: Currency) => Column): Section[] {
  const d = r.deliveryRates;
  const o = d.overall;
  const asOf = formatDate(d.asOf, locale);
  const rt = (key: string) => reportText(locale, `file.rates.${key}`);
  const title = (key: string) => reportText(locale, `file.sections.${key}`, { asOf });
  const counted: [RateName | "pastDue", number, number, number | null][] = [
    ["fulfilment", o.met, o.due, o.rates.fulfilment],
    ["started", o.started, o.signed, o.rates.started],
    ["startOnTime", o.startMet, o.startDue, o.rates.startOnTime],
    ["producing", o.producing, o.signed, o.rates.producing],
    ["productionOnTime", o.productionMet, o.productionDue, o.rates.productionOnTime],
    ["pastDue", o.pastDue, o.due, o.due ? o.pastDue / o.due : null],
  ];
  const projectRates = RATE_NAMES.filter((n) => n !== "fundsCny" && n !== "fundsUsd");
  const rateCols = [...projectRates.map((n) => ({ ...col(n, "text", 12), header: rt(n) })), col("rateCny", "text", 14), col("rateUsd", "text", 14), col("pastDue", "int", 10)];
  const rateCells = (x: Report["deliveryRates"]["overall"]): Cell[] => [...projectRates.map((n) => percentText(x.rates[n])), percentText(x.rates.fundsCny), percentText(x.rates.fundsUsd), x.pastDue];
  // Promised against actual: yuan, US dollars and the other quantities (亩, jobs) each in columns of their own, never mixed.
  const dt = (key: string, params: Record<string, string | number> = {}) => deliveryText(locale, key, params);
  const fcol = (key: string, kind: CellKind, width: number, currency?: Currency) => ({ ...col(key, kind, width, currency), header: dt(`report.cols.${key}`) });
  const figureCells = (f: Report["deliveryRates"]["figures"][number]): Cell[] => {
    const unit = FIGURE_KINDS[f.kind];
    const promised = f.promisedProjects > 0 ? f.promised : null;
    const reached = f.reachedProjects > 0 ? f.reached : null;
    const at = (u: typeof unit) => (unit === u ? [promised, reached] : [null, null]);
    const qty = unit === "MU" || unit === "COUNT";
    return [
      dt(`report.kinds.${f.kind}`), f.promisedProjects, f.reachedProjects, ...at("CNY"), ...at("USD"),
      qty && promised !== null ? Number(promised) : null, qty && reached !== null ? Number(reached) : null, qty ? dt(`report.units.${unit}`) : null, percentText(f.share),
    ];
  };
  return [
    {
      key: "deliveryRates",
      title: title("deliveryRates"),
      columns: [col("item", "text", 44), col("numerator", "int", 12), col("denominator", "int", 12), col("rate", "text", 10)],
      rows: counted.map(([name, num, den, x]) => [rt(name), num, den, percentText(x)]),
    },
    {
      key: "deliveryFunds",
      title: title("deliveryFunds"),
      columns: [col("item", "text", 24), col("contractedCny", "money", 18, "CNY"), col("fundsCny", "money", 18, "CNY"), col("rateCny", "text", 12), col("contractedUsd", "money", 18, "USD"), col("fundsUsd", "money", 18, "USD"), col("rateUsd", "text", 12)],
      rows: [[rt("cohort"), o.contractedCny, o.fundsCny, percentText(o.rates.fundsCny), o.contractedUsd, o.fundsUsd, percentText(o.rates.fundsUsd)]],
    },
    {
      key: "deliveryFigures",
      title: dt("report.title", { asOf }),
      columns: [
        fcol("item", "text", 22), fcol("promisedProjects", "int", 10), fcol("reachedProjects", "int", 10),
        fcol("promisedCny", "money", 16, "CNY"), fcol("reachedCny", "money", 16, "CNY"), fcol("promisedUsd", "money", 14, "USD"), fcol("reachedUsd", "money", 14, "USD"),
        fcol("promisedQty", "decimal", 12), fcol("reachedQty", "decimal", 12), fcol("qtyUnit", "text", 8), fcol("share", "text", 10),
      ],
      rows: d.figures.map(figureCells),
    },
    {
      key: "deliveryByUnit",
      title: title("deliveryByUnit"),
      columns: [col("name", "text", 20), col("signedCount", "int", 10), ...rateCols],
      rows: d.byUnit.map((u) => [locale === "en" ? u.nameEn : u.nameZh, u.signed, ...rateCells(u)]),
    },
    {
      key: "deliveryByQuarter",
      title: title("deliveryByQuarter"),
      columns: [col("quarter", "text", 14), col("signedCount", "int", 10), ...rateCols],
      rows: d.byQuarter.map((q) => [periodName(q.label, locale), q.signed, ...rateCells(q)]),
    },
  ];
}
