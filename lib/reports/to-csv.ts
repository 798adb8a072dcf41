/**
 * The report as CSV: UTF-8 with a BOM (Excel opens Chinese correctly), the
 * sections one after another, each as its title line, its header and its rows,
 * a blank line between. Amounts are plain decimals in yuan or US dollars ("1234.50"),
 * their header saying which ("合同投资额（元）"). A text cell
 * that starts with =, +, - or @ is prefixed with a single quote so a
 * spreadsheet never runs it as a formula.
 */
import type { Writable } from "node:stream";
import type { Report, ReportListPages } from "./build-report";
import { type Cell, type CellKind, type ReportLocale, type Section, columnHeader, looksLikeFormula, reportSections } from "./sections";

export const BOM = "\uFEFF";

/** One CSV field: quoted when needed, a text that looks like a formula prefixed with '. */
export function csvField(value: Cell, kind: CellKind): string {
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
    yield `${csvField(section.title, "text")}\r\n`;
    yield `${section.columns.map((c) => csvField(columnHeader(c, locale), "text")).join(",")}\r\n`;
    for (const row of section.rows) yield csvRow(section, row);
  }
}

const csvRow = (section: Section, row: Cell[]) => `${row.map((v, i) => csvField(v, section.columns[i].kind)).join(",")}\r\n`;

/**
 * The CSV as it is read: the in-memory sections line by line and each long
 * list (openReport's pages) one page-sized chunk at a time.
 */
export async function* csvChunks(report: Report, pages: ReportListPages, locale: ReportLocale = "zh-CN"): AsyncGenerator<string> {
  let first = true;
  for (const section of reportSections(report, locale, pages)) {
    if (!first) yield "\r\n";
    first = false;
    yield `${csvField(section.title, "text")}\r\n`;
    yield `${section.columns.map((c) => csvField(columnHeader(c, locale), "text")).join(",")}\r\n`;
    for (const row of section.rows) yield csvRow(section, row);
    if (section.pages) for await (const page of section.pages()) yield page.map((row) => csvRow(section, row)).join("");
  }
}

/** Writes the CSV (BOM first) to `out`, waiting for it to drain; does not end it. */
export async function writeCsv(report: Report, pages: ReportListPages, out: Writable, locale: ReportLocale = "zh-CN"): Promise<void> {
  const write = (chunk: string) => (out.write(chunk) ? undefined : new Promise<void>((ok, fail) => {
    const onDrain = () => { out.off("error", onError); ok(); };
    const onError = (e: Error) => { out.off("drain", onDrain); fail(e); };
    out.once("drain", onDrain);
    out.once("error", onError);
  }));
  await write(BOM);
  for await (const chunk of csvChunks(report, pages, locale)) await write(chunk);
}

export function toCsv(report: Report, locale: ReportLocale = "zh-CN"): string {
  return BOM + [...csvLines(report, locale)].join("");
}
