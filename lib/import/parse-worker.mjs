// @ts-check
/**
 * Reads an import file's cells in a worker thread (lib/import/parse.ts starts
 * it), so a large or hostile upload never blocks the server's event loop.
 * Plain JavaScript: the worker runs as is under `next start`, Vitest and the
 * CLI, with only packages from node_modules.
 *
 * Hostile files are cut short while reading, never after:
 * - XLSX (a ZIP): the central directory's uncompressed sizes are checked
 *   before anything is inflated, then every entry is inflated once with its
 *   declared size as the hard limit (a ZIP that lies about its sizes is
 *   refused); only then does ExcelJS's streaming reader read the sheet.
 * - rows are streamed and reading stops at the row cap;
 * - a cell longer than `maxCellChars` is cut to `maxCellChars + 1` characters
 *   (enough for parse.ts to report it as too long, never more);
 * - a formula cell without a cached result is reported, not guessed.
 * The worker also runs under a heap limit and a time limit (parse.ts), the
 * last line of defence against anything the checks above miss.
 */
import { parentPort, workerData, isMainThread } from "node:worker_threads";
import { Readable } from "node:stream";
import { inflateRawSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse";

/**
 * @typedef {{ maxRows: number; maxCellChars: number; maxUnzippedBytes: number; maxZipEntries: number }} Limits
 * @typedef {{ ok: true; format: "csv" | "xlsx"; records: string[][]; moreRows: boolean; formulaCells: [number, number][] }
 *   | { ok: false; key: string; params?: Record<string, string | number> }} ReadResult
 */

/** @param {Uint8Array} bytes */
export function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The text of a CSV: UTF-8 when the bytes are valid UTF-8 (BOM or not), else
 * GB18030 (a superset of GBK, what Chinese Excel writes). Null when neither
 * decodes, or the text holds control characters a CSV never has (a binary file).
 * @param {Uint8Array} bytes
 * @returns {string | null}
 */
export function decodeText(bytes) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000E-\u001F]/.test(text.slice(0, 65536))) return null;
  return text;
}

/**
 * Checks a ZIP before it is parsed: the entries its central directory lists,
 * their declared uncompressed sizes (each and in total), and that each entry
 * really inflates to its declared size (inflated with that size as the cap,
 * so a lie costs at most the limit). The entries (name, where its local
 * record starts) in file order, or the error key.
 * @param {Buffer} zip
 * @param {Limits} limits
 * @returns {{ entries: { name: string; local: number }[]; dirOffset: number } | { error: string }}
 */
export function checkZip(zip, limits) {
  // End of central directory: 22 bytes plus a comment of up to 65535.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { error: "notSpreadsheet" };
  const count = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return { error: "unzippedTooLarge" }; // ZIP64: far beyond any limit here
  if (count > limits.maxZipEntries) return { error: "unzippedTooLarge" };
  let p = dirOffset;
  let total = 0;
  /** @type {{ name: string; method: number; compressed: number; size: number; local: number }[]} */
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return { error: "notSpreadsheet" };
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const local = zip.readUInt32LE(p + 42);
    if (size === 0xffffffff || compressed === 0xffffffff || local === 0xffffffff) return { error: "unzippedTooLarge" };
    total += size;
    if (total > limits.maxUnzippedBytes) return { error: "unzippedTooLarge" };
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({ name: zip.toString("utf8", p + 46, p + 46 + nameLength), method, compressed, size, local });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  // Every byte before the directory belongs to a listed entry, and each local
  // header agrees with the directory: no hidden entry for a streaming reader.
  entries.sort((a, b) => a.local - b.local);
  if (entries.length > 0 && entries[0].local !== 0) return { error: "notSpreadsheet" };
  for (const [i, e] of entries.entries()) {
    if (e.local + 30 > zip.length || zip.readUInt32LE(e.local) !== 0x04034b50) return { error: "notSpreadsheet" };
    const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
    const end = entries[i + 1]?.local ?? dirOffset;
    const descriptor = zip.readUInt16LE(e.local + 6) & 0x08;
    const gap = end - (start + e.compressed);
    if (descriptor ? ![0, 12, 16].includes(gap) : gap !== 0) return { error: "notSpreadsheet" };
    if (!descriptor && (zip.readUInt32LE(e.local + 18) !== e.compressed || zip.readUInt32LE(e.local + 22) !== e.size)) return { error: "notSpreadsheet" };
    if (e.method === 0) {
      if (e.compressed !== e.size) return { error: "notSpreadsheet" };
      continue;
    }
    if (e.method !== 8) return { error: "notSpreadsheet" };
    try {
      const out = inflateRawSync(zip.subarray(start, start + e.compressed), { maxOutputLength: e.size + 1 });
      if (out.length !== e.size) return { error: "notSpreadsheet" };
    } catch (error) {
      // Over the declared size: a ZIP bomb that lies about itself.
      if (error instanceof RangeError || /** @type {{ code?: string }} */ (error).code === "ERR_BUFFER_TOO_LARGE") return { error: "unzippedTooLarge" };
      return { error: "notSpreadsheet" };
    }
  }
  return { entries: entries.map((e) => ({ name: e.name, local: e.local })), dirOffset };
}

/**
 * An XLSX cell's value as the text a user sees (dates as YYYY-MM-DD); null
 * for a formula without a cached result (Excel always stores one; files
 * written by programs may not).
 * @param {unknown} value
 * @returns {string | null}
 */
export function cellText(value) {
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
    const v = /** @type {Record<string, unknown>} */ (value);
    if ("formula" in v || "sharedFormula" in v) return v.result === undefined || v.result === null ? null : cellText(v.result);
    if ("result" in v) return cellText(v.result ?? null);
    if (Array.isArray(v.richText)) return v.richText.map((r) => (r && typeof r.text === "string" ? r.text : "")).join("");
    if (typeof v.text === "string") return v.text;
    if ("error" in v) return "";
  }
  return "";
}

/**
 * Collects records as they are read: trims and caps cells, counts the
 * non-blank data rows and says when to stop (one past the row cap).
 * @param {Limits} limits
 */
function collector(limits) {
  /** @type {string[][]} */
  const records = [];
  /** @type {[number, number][]} */
  const formulaCells = [];
  let dataRows = 0;
  return {
    records,
    formulaCells,
    /** @param {number} index 0-based record (row 1 of the sheet is 0) @param {(string | null)[]} cells */
    add(index, cells) {
      const out = cells.map((c, col) => {
        if (c === null) {
          formulaCells.push([index, col]);
          return "";
        }
        const t = c.length > limits.maxCellChars * 4 ? c.slice(0, limits.maxCellChars * 4).trim() : c.trim();
        return t.length > limits.maxCellChars ? t.slice(0, limits.maxCellChars + 1) : t;
      });
      records[index] = out;
      if (index > 0 && out.some((c) => c !== "")) dataRows++;
    },
    /** True once there are more data rows than the cap: stop reading. */
    full() {
      return dataRows > limits.maxRows;
    },
    done() {
      for (let i = 0; i < records.length; i++) records[i] ??= [];
    },
  };
}

/**
 * The ZIP's local records with the worksheets moved last. Excel writes the
 * shared strings after the sheets, and ExcelJS's streaming reader then
 * copies each sheet to a temporary file to read it afterwards (a file left
 * behind when reading stops at the row cap); in this order it reads the
 * sheet as it streams. Each record runs from its local header to the next
 * one's, so the slices are whole records; the central directory ends it.
 * @param {Buffer} bytes
 * @param {{ entries: { name: string; local: number }[]; dirOffset: number }} zip
 * @returns {Buffer[]}
 */
function sheetsLast(bytes, zip) {
  const slices = zip.entries.map((e, i) => ({ sheet: /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name), bytes: bytes.subarray(e.local, zip.entries[i + 1]?.local ?? zip.dirOffset) }));
  return [...slices.filter((s) => !s.sheet), ...slices.filter((s) => s.sheet)].map((s) => s.bytes).concat(bytes.subarray(zip.dirOffset));
}

/**
 * @param {Buffer} bytes
 * @param {Limits} limits
 * @returns {Promise<ReadResult>}
 */
async function readXlsx(bytes, limits) {
  const zip = checkZip(bytes, limits);
  if ("error" in zip) return { ok: false, key: zip.error, params: zip.error === "unzippedTooLarge" ? { maxMb: Math.round(limits.maxUnzippedBytes / 1024 / 1024) } : undefined };
  const rows = collector(limits);
  const { default: ExcelJS } = await import("exceljs"); // loaded for XLSX only: it is large
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(sheetsLast(bytes, zip)), {
    sharedStrings: "cache",
    styles: "cache", // dates are numbers with a date format
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  try {
    for await (const sheet of reader) {
      for await (const row of /** @type {AsyncIterable<import("exceljs").Row>} */ (/** @type {unknown} */ (sheet))) {
        const values = /** @type {unknown[]} */ (row.values); // 1-based
        const cells = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        rows.add(row.number - 1, cells);
        if (rows.full()) break;
      }
      break; // the first sheet only
    }
  } catch {
    return { ok: false, key: "notSpreadsheet" };
  }
  rows.done();
  return { ok: true, format: "xlsx", records: rows.records, moreRows: rows.full(), formulaCells: rows.formulaCells };
}

/**
 * @param {string} text
 * @param {Limits} limits
 * @returns {Promise<ReadResult>}
 */
async function readCsv(text, limits) {
  const rows = collector(limits);
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  // Fed in slices with back-pressure: reading stops soon after the row cap,
  // not after the parser has turned the whole file into records.
  const body = text.replace(/^\uFEFF/, "");
  Readable.from(
    (function* () {
      for (let i = 0; i < body.length; i += 65536) yield body.slice(i, i + 65536);
    })(),
    { objectMode: false },
  )
    .on("error", () => {})
    .pipe(parser);
  let index = 0;
  try {
    for await (const record of parser) {
      rows.add(index++, record);
      if (rows.full()) break;
    }
  } catch {
    return { ok: false, key: "badCsv" };
  }
  parser.destroy();
  rows.done();
  return { ok: true, format: "csv", records: rows.records, moreRows: rows.full(), formulaCells: [] };
}

/**
 * The file's records (row 1 first), at most the header and one row past the
 * cap of non-blank data rows.
 * @param {Uint8Array} input
 * @param {Limits} limits
 * @returns {Promise<ReadResult>}
 */
export async function readRecords(input, limits) {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (isZip(bytes)) return readXlsx(bytes, limits);
  const text = decodeText(bytes);
  if (text === null) return { ok: false, key: "notSpreadsheet" };
  return readCsv(text, limits);
}

if (!isMainThread && parentPort && workerData?.job === "import-read") {
  const port = parentPort;
  readRecords(workerData.bytes, workerData.limits).then(
    (result) => port.postMessage(result),
    () => port.postMessage({ ok: false, key: "notSpreadsheet" }),
  );
}
