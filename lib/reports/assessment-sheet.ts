/**
 * The assessment sheet (考核表) of a year as sections — scores and the values
 * they come from — written by the report's own writers (CSV, XLSX, PDF) so it
 * reads like the report beside it. Labels come from messages/<locale>/targets.json.
 */
import type { Writable } from "node:stream";
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import { TARGET_MEASURES, MEASURE_KIND } from "@/lib/domain/targets";
import { formatDate } from "@/lib/format/dates";
import type { Assessment } from "@/lib/data/assessment";
import { type Cell, type Column, type ReportLocale, type Section, columnHeader, reportText } from "./sections";
import { BOM, csvField } from "./to-csv";
import { writeSectionsXlsx } from "./to-xlsx";
import { writeSectionsPdf } from "./to-pdf";

const CATALOGUE = { "zh-CN": zh.targets, en: en.targets } as const;

function say(locale: ReportLocale, path: string, params: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGUE[locale];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : path;
}

const num = (v: string | null): Cell => (v === null ? null : v);

export function assessmentSections(a: Assessment, locale: ReportLocale): Section[] {
  const measure = (m: string) => say(locale, `measures.${m}`);
  const name = (r: Assessment["rows"][number]) => (locale === "en" ? r.nameEn : r.nameZh);
  const scoreCols: Column[] = [
    { key: "rank", header: say(locale, "assessment.cols.rank"), kind: "int", width: 6 },
    { key: "unit", header: say(locale, "assessment.cols.unit"), kind: "text", width: 18 },
    ...TARGET_MEASURES.map((m): Column => ({ key: `score.${m}`, header: say(locale, "assessment.cols.score", { measure: measure(m) }), kind: "decimal", width: 12 })),
    { key: "lateStarts", header: say(locale, "assessment.cols.lateStarts"), kind: "int", width: 10 },
    { key: "deduction", header: say(locale, "assessment.cols.deduction"), kind: "decimal", width: 8 },
    { key: "total", header: say(locale, "assessment.cols.total"), kind: "decimal", width: 8 },
  ];
  const valueCols: Column[] = [
    { key: "unit", header: say(locale, "assessment.cols.unit"), kind: "text", width: 18 },
    ...TARGET_MEASURES.flatMap((m): Column[] => {
      const kind = MEASURE_KIND[m];
      const base = kind === "count" ? { kind: "int" as const, width: 10 } : { kind: "money" as const, width: 16, currency: kind };
      return [
        { key: `actual.${m}`, header: say(locale, "assessment.valueCols.actual", { measure: measure(m) }), ...base },
        { key: `target.${m}`, header: say(locale, "assessment.valueCols.target", { measure: measure(m) }), ...base },
      ];
    }),
  ];
  return [
    {
      key: "scores",
      title: say(locale, "assessment.sections.scores"),
      columns: scoreCols,
      rows: a.rows.map((r) => [r.rank, name(r), ...TARGET_MEASURES.map((m) => r.scores[m]), r.lateStarts, r.deduction, r.total]),
    },
    {
      key: "values",
      title: say(locale, "assessment.sections.values"),
      columns: valueCols,
      rows: a.rows.map((r) => [name(r), ...TARGET_MEASURES.flatMap((m) => [num(r.measures[m].actual), num(r.measures[m].target)])]),
    },
  ];
}

/** The head's lines and the method paragraph. */
function head(a: Assessment, locale: ReportLocale, issuer: string) {
  const zhLocale = locale === "zh-CN";
  return {
    title: say(locale, "assessment.sheetTitle", { year: a.year }),
    issuer: `${reportText(locale, "file.pdf.issuer", { issuer })}${zhLocale ? "　　" : "    "}${formatDate(a.asOf, locale)}`,
    scope: reportText(locale, "file.pdf.period", { from: formatDate(a.period.from, locale), to: formatDate(new Date(a.period.to.getTime() - 86_400_000), locale) }),
    paragraph: `${say(locale, "assessment.methodLine", { method: say(locale, `assessment.methods.${a.settings.method}`), deduction: a.settings.deductionPerLateStart })} ${say(locale, "assessment.description")}`,
  };
}

export function assessmentCsv(a: Assessment, locale: ReportLocale): string {
  const lines: string[] = [];
  for (const s of assessmentSections(a, locale)) {
    if (lines.length) lines.push("");
    lines.push(csvField(s.title, "text"));
    lines.push(s.columns.map((c) => csvField(columnHeader(c, locale), "text")).join(","));
    for (const row of s.rows) lines.push(row.map((v, i) => csvField(v, s.columns[i].kind)).join(","));
  }
  return BOM + lines.join("\r\n") + "\r\n";
}

export function writeAssessmentXlsx(a: Assessment, stream: Writable, locale: ReportLocale): Promise<void> {
  return writeSectionsXlsx(assessmentSections(a, locale), stream, locale);
}

export function writeAssessmentPdf(a: Assessment, stream: Writable, locale: ReportLocale, issuer: string): Promise<void> {
  return writeSectionsPdf({ ...head(a, locale, issuer), sections: assessmentSections(a, locale) }, stream, locale);
}

export const assessmentFileName = (year: number, format: string) => `assessment-${year}.${format}`;
