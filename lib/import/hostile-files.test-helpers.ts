/**
 * Hostile spreadsheets for the importer's tests, made on the fly: an XLSX is
 * a ZIP written here entry by entry (a huge entry is deflated from a stream,
 * never held in memory), so a 300 MB cell costs a few hundred KB on disk.
 */
import { crc32, deflateRawSync, createDeflateRaw } from "node:zlib";

type Entry = { name: string; data: Buffer } | { name: string; chunks: () => Iterable<Buffer> };
type Packed = { name: Buffer; crc: number; size: number; body: Buffer };

async function pack(entry: Entry): Promise<Packed> {
  const name = Buffer.from(entry.name);
  if ("data" in entry) return { name, crc: crc32(entry.data), size: entry.data.length, body: deflateRawSync(entry.data) };
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const ended = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  let crc = 0;
  let size = 0;
  for (const chunk of entry.chunks()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await ended;
  return { name, crc, size, body: Buffer.concat(out) };
}

/** A ZIP of deflated entries; `lie` replaces an entry's declared uncompressed size (a bomb hiding its size). */
export async function zip(entries: Entry[], lie: Record<string, number> = {}): Promise<Uint8Array> {
  const packed = await Promise.all(entries.map(pack));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const size = lie[p.name.toString()] ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.body);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
const column = (i: number) => String.fromCharCode(65 + i); // A…S is enough here

/**
 * A workbook: the header in shared strings, `sharedExtra` chunks appended to
 * the shared-string table (a huge string), and the data rows from `rows`
 * (streamed; each cell as an inline number or shared-string index).
 */
export async function xlsxOf(opts: {
  header: string[];
  rows: () => Iterable<string>;
  sharedExtra?: () => Iterable<Buffer>;
  lie?: Record<string, number>;
}): Promise<Uint8Array> {
  const shared = function* () {
    yield Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}">`);
    for (const h of opts.header) yield Buffer.from(`<si><t>${esc(h)}</t></si>`);
    if (opts.sharedExtra) {
      yield Buffer.from("<si><t>");
      yield* opts.sharedExtra();
      yield Buffer.from("</t></si>");
    }
    yield Buffer.from("</sst>");
  };
  const sheet = function* () {
    yield Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`);
    yield Buffer.from(`<row r="1">${opts.header.map((_, i) => `<c r="${column(i)}1" t="s"><v>${i}</v></c>`).join("")}</row>`);
    let batch: string[] = [];
    for (const r of opts.rows()) {
      batch.push(r);
      if (batch.length === 1000) {
        yield Buffer.from(batch.join(""));
        batch = [];
      }
    }
    yield Buffer.from(`${batch.join("")}</sheetData></worksheet>`);
  };
  return zip(
    [
      {
        name: "[Content_Types].xml",
        data: xml(
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
        ),
      },
      { name: "_rels/.rels", data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
      { name: "xl/workbook.xml", data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Projects" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
      },
      // Excel's order: the sheet before the shared strings.
      { name: "xl/worksheets/sheet1.xml", chunks: sheet },
      { name: "xl/sharedStrings.xml", chunks: shared },
    ],
    opts.lie,
  );
}

/** `count` chunks of 1 MB of one letter: a huge cell that deflates to ~1 KB per MB. */
export function* megabytes(count: number): Iterable<Buffer> {
  const mb = Buffer.alloc(1024 * 1024, "A");
  for (let i = 0; i < count; i++) yield mb;
}

/** Text in GBK (GB18030's two-byte part), as Chinese Excel saves a CSV; ASCII stays one byte. */
export function gbk(text: string): Uint8Array {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (pair === undefined) throw new Error(`not in GBK: ${ch}`);
      out.push(pair >> 8, pair & 0xff);
    }
  }
  return new Uint8Array(out);
}

let table: Map<string, number> | undefined;
function gbkTable() {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  return table;
}
