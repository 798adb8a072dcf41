/**
 * A file's bytes → its header and data rows as text, keyed by column. The
 * format is told by the content, not the name: an XLSX is a ZIP holding a
 * workbook (first sheet read), anything else must be UTF-8 text (BOM or not)
 * that parses as CSV. No server-only imports: the CLI uses this too.
 */
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { columnForHeader, MAX_FILE_BYTES, MAX_ROWS, REQUIRED_COLUMNS, type ColumnKey } from "@/lib/import/columns";
import type { ImportIssue } from "@/lib/import/errors";

export type RawRow = { row: number; cells: Partial<Record<ColumnKey, string>> };
export type ParsedFile = { format: "csv" | "xlsx"; headerNames: Partial<Record<ColumnKey, string>>; rows: RawRow[] };
export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; errors: ImportIssue[] };

const fileError = (key: string, params?: ImportIssue["params"]): ParseResult => ({ ok: false, errors: [{ row: null, column: null, key, params }] });

function isZip(bytes: Uint8Array) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Text that is not UTF-8, or holds control bytes a CSV never has (NUL …), is not a CSV. */
function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000E-\u001F]/.test(text.slice(0, 65536))) return null;
  return text;
}

/** An XLSX cell's value as the text a user sees (dates as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // Binary floating point (0.1 + 0.2): a value within a hair of 2 decimals is that value.
    const cents = Math.round(value * 100) / 100;
    return Math.abs(value - cents) < 1e-7 ? String(cents) : String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value && typeof (value as { text: unknown }).text === "string") return (value as { text: string }).text;
    if ("error" in value) return "";
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    out[rowNumber - 1] = cells;
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

function readCsv(text: string): string[][] | null {
  try {
    return parseCsv(text.replace(/^\uFEFF/, ""), { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch {
    return null;
  }
}

/**
 * Reads and checks the file as a whole: size, format, header (missing,
 * unknown and repeated columns), emptiness and row count.
 */
export async function parseImportFile(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length === 0) return fileError("emptyFile");
  if (bytes.length > MAX_FILE_BYTES) return fileError("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });

  let records: string[][] | null;
  let format: "csv" | "xlsx";
  if (isZip(bytes)) {
    format = "xlsx";
    records = await readXlsx(bytes);
    if (records === null) return fileError("notSpreadsheet");
  } else {
    format = "csv";
    const text = decodeText(bytes);
    if (text === null) return fileError("notSpreadsheet");
    records = readCsv(text);
    if (records === null) return fileError("badCsv");
  }

  const blank = (r: string[] | undefined) => !r || r.every((c) => c === "");
  if (records.every(blank)) return fileError("emptyFile");
  if (blank(records[0])) return fileError("headerNotFirst");

  // The header.
  const header = records[0];
  const errors: ImportIssue[] = [];
  const positions: [number, ColumnKey][] = [];
  const headerNames: Partial<Record<ColumnKey, string>> = {};
  const unknown: string[] = [];
  header.forEach((name, i) => {
    if (name === "") return;
    const key = columnForHeader(name);
    if (!key) unknown.push(name);
    else if (headerNames[key] !== undefined) errors.push({ row: 1, column: name, key: "duplicateColumn", params: { column: name } });
    else {
      headerNames[key] = name;
      positions.push([i, key]);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((k) => headerNames[k] === undefined);
  if (missing.length > 0) errors.unshift({ row: 1, column: null, key: "missingColumns", params: { columns: missing.join(", ") } });
  if (unknown.length > 0) errors.push({ row: 1, column: null, key: "unknownColumns", params: { columns: unknown.join(", ") } });
  if (errors.length > 0) return { ok: false, errors };

  // The data rows, numbered as the spreadsheet shows them; blank rows skipped.
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    if (blank(record)) continue;
    const cells: Partial<Record<ColumnKey, string>> = {};
    for (const [pos, key] of positions) {
      const v = record[pos];
      if (v !== undefined && v !== "") cells[key] = v;
    }
    rows.push({ row: i + 1, cells });
    if (rows.length > MAX_ROWS) return fileError("tooManyRows", { max: MAX_ROWS });
  }
  if (rows.length === 0) return fileError("noRows");
  return { ok: true, file: { format, headerNames, rows } };
}
