/**
 * A file's bytes → its header and data rows as text, keyed by column. The
 * format is told by the content, not the name: an XLSX is a ZIP holding a
 * workbook (first sheet read), anything else must be text (UTF-8 with or
 * without BOM, or GBK/GB18030 as Chinese Excel writes it) that parses as CSV.
 * The cells are read in a worker thread (parse-worker.mjs: size checks before
 * inflating, rows streamed up to the cap, cells capped), under a heap and a
 * time limit, so no upload stalls other requests. No server-only imports:
 * the CLI uses this too.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  columnForHeader,
  IMPORT_COLUMNS,
  MAX_CELL_CHARS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  MAX_UNZIPPED_BYTES,
  MAX_ZIP_ENTRIES,
  PARSE_HEAP_MB,
  PARSE_TIMEOUT_MS,
  REQUIRED_COLUMNS,
  type ColumnKey,
} from "@/lib/import/columns";
import type { ImportIssue } from "@/lib/import/errors";

export type RawRow = { row: number; cells: Partial<Record<ColumnKey, string>> };
export type ParsedFile = { format: "csv" | "xlsx"; headerNames: Partial<Record<ColumnKey, string>>; rows: RawRow[] };
export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; errors: ImportIssue[] };

type ReadResult =
  | { ok: true; format: "csv" | "xlsx"; records: string[][]; moreRows: boolean; formulaCells: [number, number][] }
  | { ok: false; key: string; params?: Record<string, string | number> };

const fileError = (key: string, params?: ImportIssue["params"]): ParseResult => ({ ok: false, errors: [{ row: null, column: null, key, params }] });

const MAX_CHARS = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.maxChars])) as Record<ColumnKey, number>;

/** Plain JavaScript next to this file, found from the app's directory (the bundler leaves it alone). */
const WORKER_FILE = path.join(process.cwd(), "lib", "import", "parse-worker.mjs");
const LIMITS = { maxRows: MAX_ROWS, maxCellChars: MAX_CELL_CHARS, maxUnzippedBytes: MAX_UNZIPPED_BYTES, maxZipEntries: MAX_ZIP_ENTRIES };

/** At most two files are read at once (each worker takes a core); others wait their turn. */
const MAX_READERS = 2;
let readers = 0;
const waiting: (() => void)[] = [];

async function readInWorker(bytes: Uint8Array): Promise<ReadResult> {
  if (readers >= MAX_READERS) await new Promise<void>((resolve) => waiting.push(resolve));
  readers++;
  try {
    return await new Promise<ReadResult>((resolve) => {
      const worker = new Worker(WORKER_FILE, {
        workerData: { job: "import-read", bytes, limits: LIMITS },
        resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB, maxYoungGenerationSizeMb: 64 },
        stdout: true,
        stderr: true,
      });
      let settled = false;
      const settle = (result: ReadResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      };
      // Out of time or memory: the file is beyond what one import may cost.
      const timer = setTimeout(() => settle({ ok: false, key: "tooComplex" }), PARSE_TIMEOUT_MS);
      worker.once("message", (result: ReadResult) => settle(result));
      worker.once("error", (error) => {
        if ((error as { code?: string }).code !== "ERR_WORKER_OUT_OF_MEMORY") console.error("import: reading the file failed", error);
        settle({ ok: false, key: "tooComplex" });
      });
      worker.once("exit", () => settle({ ok: false, key: "tooComplex" }));
    });
  } finally {
    readers--;
    waiting.shift()?.();
  }
}

/**
 * A spreadsheet's cells as text rows (first sheet of an XLSX, or a CSV), read
 * in the worker under the same limits as the project import: for other
 * grids imported the same way (the annual targets, lib/import/targets.ts).
 */
export async function readSpreadsheet(bytes: Uint8Array): Promise<{ ok: true; records: string[][] } | { ok: false; key: string; params?: Record<string, string | number> }> {
  if (bytes.length === 0) return { ok: false, key: "emptyFile" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, key: "tooLarge", params: { maxMb: MAX_FILE_BYTES / 1024 / 1024 } };
  const read = await readInWorker(bytes);
  if (!read.ok) return read;
  if (read.moreRows) return { ok: false, key: "tooManyRows", params: { max: MAX_ROWS } };
  return { ok: true, records: read.records };
}

/**
 * Reads and checks the file as a whole: size, format, header (missing,
 * unknown and repeated columns), emptiness and row count.
 */
export async function parseImportFile(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length === 0) return fileError("emptyFile");
  if (bytes.length > MAX_FILE_BYTES) return fileError("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });

  const read = await readInWorker(bytes);
  if (!read.ok) return fileError(read.key, read.params);
  const { format, records } = read;

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
  if (read.moreRows) return fileError("tooManyRows", { max: MAX_ROWS }); // the reader stopped one row past the cap

  // The data rows, numbered as the spreadsheet shows them; blank rows skipped.
  // A cell over its column's limit, or a formula without a cached result, is
  // an error of its row here, before anything looks the cell up.
  const formulas = new Set(read.formulaCells.map(([r, c]) => `${r}:${c}`));
  const cellErrors: ImportIssue[] = [];
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    const formulaHere = positions.some(([pos]) => formulas.has(`${i}:${pos}`));
    if (blank(record) && !formulaHere) continue;
    const cells: Partial<Record<ColumnKey, string>> = {};
    for (const [pos, key] of positions) {
      const v = record[pos];
      if (formulaHere && formulas.has(`${i}:${pos}`)) cellErrors.push({ row: i + 1, column: headerNames[key]!, key: "formulaNoResult" });
      else if (v !== undefined && v.length > MAX_CHARS[key]) cellErrors.push({ row: i + 1, column: headerNames[key]!, key: "tooLong", params: { max: MAX_CHARS[key] } });
      else if (v !== undefined && v !== "") cells[key] = v;
    }
    rows.push({ row: i + 1, cells });
    if (rows.length > MAX_ROWS) return fileError("tooManyRows", { max: MAX_ROWS });
  }
  if (cellErrors.length > 0) return { ok: false, errors: cellErrors };
  if (rows.length === 0) return fileError("noRows");
  return { ok: true, file: { format, headerNames, rows } };
}
