/**
 * The report as CSV: UTF-8 with a BOM (Excel opens Chinese correctly), the
 * sections one after another, each as its title line, its header and its rows,
 * a blank line between. Amounts are plain decimals ("1234.50"). A text cell
 * that starts with =, +, - or @ is prefixed with a single quote so a
 * spreadsheet never runs it as a formula.
 */
import type { Report } from "./build-report";
import { type Cell, type CellKind, type ReportLocale, looksLikeFormula, reportSections } from "./sections";

export const BOM = "\uFEFF";

function field(value: Cell, kind: CellKind): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (kind === "text" && looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV lines, one section after another (a generator: a caller may stream them). */
export function* csvLines(report: Report, locale: ReportLocale = "zh-CN"): Generator<string> {
  let first = true;
  for (const section of reportSections(report, locale)) {
    if (!first) yield "\r\n";
    first = false;
    yield `${field(section.title, "text")}\r\n`;
    yield `${section.columns.map((c) => field(c.header, "text")).join(",")}\r\n`;
    for (const row of section.rows) yield `${row.map((v, i) => field(v, section.columns[i].kind)).join(",")}\r\n`;
  }
}

export function toCsv(report: Report, locale: ReportLocale = "zh-CN"): string {
  return BOM + [...csvLines(report, locale)].join("");
}
