/**
 * The report as XLSX: one sheet per section, header in row 1 (frozen), set
 * column widths, amounts and counts as real numbers with number formats,
 * dates as dates. Text is always written as a string cell (with the text
 * format "@"), never as a formula, whatever it starts with. Written through
 * ExcelJS's streaming WorkbookWriter: rows are committed as they go.
 */
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Report, ReportListPages } from "./build-report";
import { type Cell, type CellKind, type ReportLocale, type Section, columnHeader, reportSections } from "./sections";

export const MONEY_FORMAT = "#,##0.00";
export const COUNT_FORMAT = "#,##0";
export const DATE_FORMAT = "yyyy-mm-dd";

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]; unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet";
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name);
  return name;
}

function cellValue(value: Cell, kind: CellKind): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === null || value === undefined || value === "") return { value: null };
  if (kind === "decimal" && typeof value === "number") return { value, numFmt: "0.00" };
  if (kind === "money" || kind === "int") {
    if (typeof value === "number") return { value, numFmt: COUNT_FORMAT };
    const n = Number(value);
    return Number.isFinite(n) ? { value: n, numFmt: kind === "int" ? COUNT_FORMAT : MONEY_FORMAT } : { value: String(value), numFmt: "@" };
  }
  if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { value: new Date(`${value}T00:00:00Z`), numFmt: DATE_FORMAT };
  // A string cell: ExcelJS writes it as text (a formula needs { formula }), so "=1+2" stays the text "=1+2".
  return { value: String(value), numFmt: "@" };
}

/**
 * Writes the workbook to `stream` (ended when done). With `pages`
 * (openReport) the long lists are read page by page and each row committed
 * as it is added, so only one page is held at a time.
 */
export async function writeXlsx(report: Report, stream: Writable, locale: ReportLocale = "zh-CN", pages?: ReportListPages): Promise<void> {
  await writeSectionsXlsx(reportSections(report, locale, pages), stream, locale);
}

/** Any sections (the report's, the assessment sheet's) as a workbook, one sheet each, written as writeXlsx describes. */
export async function writeSectionsXlsx(sections: Section[], stream: Writable, locale: ReportLocale = "zh-CN"): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = "invest-crm";
  wb.created = new Date();
  const used = new Set<string>();
  for (const section of sections) {
    const ws = wb.addWorksheet(sheetName(section.title, used), { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
    ws.columns = section.columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
    // Amounts are written in yuan / US dollars as they are stored; the header says which.
    const header = ws.addRow(section.columns.map((c) => columnHeader(c, locale)));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.numFmt = "@";
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    });
    header.commit();
    // One style object per column and number format, shared by the cells: ExcelJS finds a style object it has seen
    // by identity, while a style of the cell's own is rendered to XML to be looked up (most of a long list's time).
    const styles = section.columns.map((c) => {
      const wrap = c.kind === "text" && c.width > 60;
      const byFormat = new Map<string | undefined, Partial<ExcelJS.Style>>();
      return (numFmt: string | undefined) => {
        let style = byFormat.get(numFmt);
        if (!style) {
          style = { ...(numFmt ? { numFmt } : {}), ...(wrap ? { alignment: { wrapText: true, vertical: "top" } } : {}) };
          byFormat.set(numFmt, style);
        }
        return style;
      };
    });
    const addRow = (row: Cell[]) => {
      const xrow = ws.addRow([]);
      row.forEach((v, i) => {
        const { value, numFmt } = cellValue(v, section.columns[i].kind);
        const cell = xrow.getCell(i + 1);
        cell.value = value;
        cell.style = styles[i](numFmt);
      });
      xrow.commit();
    };
    // Every ROWS_PER_WAIT rows, wait until the zip has taken what was committed (roomFor): ExcelJS writes a row's
    // XML on at once whatever the zip's state, so without the wait a slow reader lets the rows pile up uncompressed.
    let sinceWait = 0;
    const add = (row: Cell[]): Promise<void> | null => {
      addRow(row);
      if (++sinceWait < ROWS_PER_WAIT) return null;
      sinceWait = 0;
      return roomFor(ws, stream);
    };
    for (const row of section.rows) await add(row);
    if (section.pages) {
      for await (const page of section.pages()) {
        for (const row of page) {
          const wait = add(row);
          if (wait) await wait;
        }
      }
    }
    await roomFor(ws, stream);
    ws.commit();
  }
  await wb.commit();
}

/** Rows written between two waits for the zip (roomFor): about 30 KB of sheet XML. */
export const ROWS_PER_WAIT = 64;

/**
 * Where a worksheet's XML waits to be compressed: ExcelJS writes a sheet into a buffer of its own (StreamBuf), which
 * hands each full 64 KB chunk to the zip entry archiver reads from (the stream it piped that buffer to, `pipes`)
 * without looking at write()'s answer. That entry's buffered length is the XML written and not yet compressed.
 * ExcelJS internals (exceljs 4.4): formats.test.ts pins them, so an upgrade that moves them fails there, not silently.
 */
export function zipEntryOf(ws: ExcelJS.Worksheet): Writable | null {
  const buffer = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream;
  return buffer?.pipes?.length === 1 ? buffer.pipes[0] : null;
}

/** Whether a writable asked its writer to wait ('drain' will follow): readable-stream 2's streams lack writableNeedDrain. */
const needsDrain = (w: Writable) => Boolean(w.writableNeedDrain ?? (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain);

/**
 * Resolves when both the worksheet's zip entry (zipEntryOf) and the output have room again, at once when neither
 * is full; throws when the output was closed or failed before that (a download given up: stop writing).
 */
export async function roomFor(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const entry = zipEntryOf(ws);
  for (const w of entry ? [entry, out] : [out]) {
    if (out.destroyed) throw new Error("The report's output was closed before the report was written.");
    if (needsDrain(w)) await drained(w, out);
  }
  if (out.destroyed) throw new Error("The report's output was closed before the report was written.");
}

/** Resolves on `w`'s next 'drain', or when `out` closes or fails. */
function drained(w: Writable, out: Writable): Promise<void> {
  return new Promise((ok) => {
    const done = () => {
      w.off("drain", done);
      out.off("close", done);
      out.off("error", done);
      ok();
    };
    w.once("drain", done);
    out.once("close", done);
    out.once("error", done);
  });
}

/** The workbook as one buffer (small reports, tests). */
export async function toXlsx(report: Report, locale: ReportLocale = "zh-CN"): Promise<Buffer> {
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pass.on("end", resolve);
    pass.on("error", reject);
  });
  await writeXlsx(report, pass, locale);
  await done;
  return Buffer.concat(chunks);
}
