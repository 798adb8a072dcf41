import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Report } from "./build-report";
import { BOM, toCsv } from "./to-csv";
import { toXlsx, writeSectionsXlsx, writeXlsx, zipEntryOf } from "./to-xlsx";
import type { Cell, Section } from "./sections";
import { toPdf } from "./to-pdf";
import { reportFileName } from "./sections";
import { deliveryRatesOf } from "./delivery-rates.test-helpers";

const signed = (over: Partial<Report["signedProjects"][number]>): Report["signedProjects"][number] => ({
  projectId: 1, number: "TEST-2023-0001", investorZh: "宁德新能源", investorEn: "Ningde New Energy", countryCode: "CN", title: "电池基地一期", sectorZh: "新能源", sectorEn: "New energy",
  unitZh: "测试县", unitEn: "Test County", signedOn: "2023-10-01", contractedCny: "21000000000.00", contractedUsd: "0", ...over,
});

const report: Report = {
  period: { label: "2023-Q4", kind: "quarter", from: "2023-10-01", to: "2024-01-01", lastDay: "2023-12-31" },
  unit: { id: null, nameZh: "示范市（全市）", nameEn: "Sample City (whole city)", isCity: true, placeZh: "示范市", placeEn: "Sample City", issuerZh: "示范市投资促进局", issuerEn: "Sample City Investment Promotion Bureau" },
  generatedOn: "2024-01-10",
  signed: {
    count: 3, contractedCny: "21100000000.50", contractedUsd: "20000000.00",
    atLeast100MillionCny: { count: 2, valueCny: "21100000000.00" }, atLeast5BillionCny: { count: 1, valueCny: "21000000000.00" }, atLeast10BillionCny: { count: 1, valueCny: "21000000000.00" },
  },
  constructionStarts: { count: 1 },
  fundsInPlace: { cny: "300000000.00", usd: "5000000.00" },
  foreignInvestmentInPlaceUsd: "5000000.00",
  roundsHeld: 42,
  deliveryRates: deliveryRatesOf(
    "2023-12-31",
    { signed: 3, started: 1, producing: 0, due: 5, met: 2, pastDue: 1, startDue: 3, startMet: 2, contractedCny: "21100000000.50", fundsCny: "300000000.00", contractedUsd: "20000000.00", fundsUsd: "5000000.00" },
    [{ id: 2, nameZh: "测试县", nameEn: "Test County", counts: { signed: 3, started: 1, due: 5, met: 2, pastDue: 1 } }],
    [{ label: "2023-Q4", asOf: "2023-12-31", counts: { signed: 3, due: 5, met: 2 } }],
  ),
  newLeads: { total: 2, bySource: [{ id: 1, nameZh: "推介会", nameEn: "Conference", count: 2 }], byEvent: [{ id: 9, nameZh: "杭州推介会", nameEn: "Hangzhou", count: 2 }] },
  stalled: [{ days: 0, count: 1 }, { days: 30, count: 1 }, { days: 60, count: 1 }],
  summary: { zh: "2023年第四季度，全市共签约项目3个。", en: "In Q4 2023 the city signed contracts for 3 projects." },
  series: { bucket: "month", points: [{ start: "2023-10-01", count: 2, cny: "21000000000.00", usd: "0" }, { start: "2023-11-01", count: 0, cny: "0", usd: "0" }, { start: "2023-12-01", count: 1, cny: "100000000.50", usd: "20000000.00" }] },
  reconciliation: [
    { line: "recorded", excludedBy: null, nameZh: null, nameEn: null, signings: 6, projects: 5, cny: "21600000000.50", usd: "20000000.00", href: "/projects?signings=recorded" },
    { line: "notRecognised", excludedBy: null, nameZh: null, nameEn: null, signings: 1, projects: 1, cny: "200000000.00", usd: "0", href: "/projects?signings=notRecognised" },
    { line: "reason", excludedBy: "7", nameZh: "房地产项目", nameEn: "Real estate", signings: 1, projects: 1, cny: "200000000.00", usd: "0", href: "/projects?signings=notRecognised&excludedBy=7" },
    { line: "repeats", excludedBy: null, nameZh: null, nameEn: null, signings: 1, projects: 1, cny: "200000000.00", usd: "0", href: "/projects?signings=repeat" },
    { line: "upgrades", excludedBy: null, nameZh: null, nameEn: null, signings: 1, projects: 1, cny: "100000000.00", usd: "0", href: "/projects?signings=upgrade" },
    { line: "counted", excludedBy: null, nameZh: null, nameEn: null, signings: 3, projects: 3, cny: "21100000000.50", usd: "20000000.00", href: "/projects?signedFrom=2023-10-01" },
  ],
  signedProjects: [
    signed({}),
    signed({ projectId: 2, investorZh: "=HYPERLINK(\"http://evil\",\"x\")", title: "+cmd|' /C calc'!A0", sectorZh: "-2+3", unitZh: "@SUM(A1)", contractedCny: "100000000.50", contractedUsd: "20000000.00" }),
    signed({ projectId: 3, title: "普通, \"引号\" 项目", contractedCny: "100000000.00" }),
  ],
  constructionStartsList: [{ projectId: 1, number: "TEST-2023-0001", investorZh: "宁德新能源", title: "电池基地一期", unitZh: "测试县", unitEn: "Test County", startedOn: "2023-12-01", signedOn: "2023-10-01", contractedCny: "21000000000.00" }],
  pipelineByStage: [{ stage: "NEGOTIATION", count: 5, plannedCny: "900000000.00" }],
  stalledProjects: [],
  bySector: [{ id: 1, nameZh: "新能源", nameEn: "New energy", count: 2, cny: "21000000000.00", usd: "0" }],
  byUnit: [{ id: 2, nameZh: "测试县", nameEn: "Test County", count: 3, cny: "21100000000.50", usd: "20000000.00" }],
  byChain: [],
  byCountry: [{ countryCode: "CN", count: 3, cny: "21100000000.50", usd: "20000000.00" }],
};

describe("CSV", () => {
  const csv = toCsv(report);
  it("starts with a UTF-8 BOM and keeps Chinese", () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain("宁德新能源");
    expect(csv).toContain("签约项目");
  });
  it("writes the reconciliation, recorded to counted, with each reason", () => {
    expect(csv).toContain("签约核对（同一项目只计一次）");
    expect(csv).toContain("\r\n录入的签约,6,5,21600000000.50,20000000.00\r\n");
    expect(csv).toContain("\r\n减：不予认定,1,1,200000000.00,0\r\n");
    expect(csv).toContain("\r\n\"　其中：房地产项目\",1,1,200000000.00,0\r\n"); // indented: quoted, so the spaces stay
    expect(csv).toContain("\r\n计入签约,3,3,21100000000.50,20000000.00\r\n");
    expect(toCsv(report, "en")).toContain("\r\nLess: repeat signings,1,1,200000000.00,0\r\n");
  });
  it("prefixes text cells starting with = + - @ with a single quote; amounts stay plain decimals", () => {
    const line = csv.split("\r\n").find((l) => l.includes("HYPERLINK"))!;
    expect(line.startsWith(`TEST-2023-0001,"'=HYPERLINK(""http://evil"",""x"")"`)).toBe(true); // the project number first
    expect(line).toContain(",'+cmd|' /C calc'!A0,");
    expect(line).toContain(",'-2+3,");
    expect(line).toContain(",'@SUM(A1),");
    expect(line).toContain(",100000000.50,20000000.00");
    expect(csv).toContain(`"普通, ""引号"" 项目"`);
    // No unquoted cell anywhere begins with a formula character.
    for (const l of csv.slice(1).split("\r\n")) for (const cell of l.split(",")) expect(cell).not.toMatch(/^[=+@]/);
  });
  it("has the sections one after another", () => {
    const titles = ["摘要", "主要指标", "签约项目", "新开工项目", "按产业领域", "按单位", "按产业链"];
    let at = 0;
    for (const title of titles) {
      const i = csv.indexOf(`\r\n${title}\r\n`, at);
      expect(i, title).toBeGreaterThanOrEqual(at === 0 ? -1 : at);
      at = Math.max(i, at);
    }
    expect(toCsv(report, "en")).toContain("Signed projects");
  });
});

describe("column headers name the unit the values are written in", () => {
  it("CSV: yuan and US dollars as plain decimals under （元） / （美元）", () => {
    const lines = toCsv(report).split("\r\n");
    const at = lines.indexOf("签约项目");
    expect(lines[at + 1]).toBe("项目编号,投资方,项目名称,产业领域,所属单位,签约日期,合同投资额（元）,合同外资（美元）");
    expect(lines[at + 2].endsWith(",21000000000.00,0")).toBe(true);
    expect(toCsv(report, "en")).toContain("Contracted (CNY),Contracted foreign (USD)");
  });
  it("XLSX: the same headers over the amounts in yuan", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(report)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("签约项目")!;
    expect(ws.getRow(1).getCell(7).value).toBe("合同投资额（元）");
    expect(ws.getRow(1).getCell(8).value).toBe("合同外资（美元）");
    expect(wb.getWorksheet("在谈项目（按阶段）")!.getRow(1).getCell(3).value).toBe("计划投资额（元）");
  });
});

describe("XLSX", () => {
  it("one sheet per section; numbers are numbers with formats; formula-looking text is text; frozen header", async () => {
    const buf = await toXlsx(report);
    expect(buf.subarray(0, 2).toString()).toBe("PK");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["摘要", "主要指标", "签约项目", "新开工项目", "按产业领域", "按单位", "按产业链", "按投资方国别（地区）"]));
    const ws = wb.getWorksheet("签约项目")!;
    expect(ws.getRow(1).getCell(1).value).toBe("项目编号");
    expect(ws.getRow(2).getCell(1).value).toBe("TEST-2023-0001");
    expect(ws.getRow(1).getCell(2).value).toBe("投资方");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(32);
    const amount = ws.getRow(2).getCell(7);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(21000000000);
    expect(amount.numFmt).toBe("#,##0.00");
    expect(ws.getRow(3).getCell(7).value).toBe(100000000.5);
    const date = ws.getRow(2).getCell(6);
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    const evil = ws.getRow(3).getCell(2);
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe("=HYPERLINK(\"http://evil\",\"x\")");
    expect(evil.formula).toBeUndefined();
    expect(ws.getRow(3).getCell(3).type).toBe(ExcelJS.ValueType.String);
    const key = wb.getWorksheet("主要指标")!;
    expect(key.getRow(2).getCell(2)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 3 });
    expect(key.getRow(3).getCell(2)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 21100000000.5 });
  });
  it("streams into any writable", async () => {
    let bytes = 0;
    const sink = new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } });
    const finished = new Promise((r) => sink.on("finish", r));
    await writeXlsx(report, sink, "en");
    await finished;
    expect(bytes).toBeGreaterThan(1000);
  });
});

describe("XLSX: a long list is written at the pace of its reader", () => {
  // ExcelJS's worksheet buffer hands each 64 KB of sheet XML to the zip entry archiver compresses from, without
  // looking at write()'s answer; what that entry holds is XML written and not yet compressed.
  const StreamBuf = require("exceljs/lib/utils/stream-buf") as { prototype: { _pipe(chunk: unknown): Promise<void>; pipes: Writable[] } };
  const buffered = (w: Writable) => w.writableLength ?? (w as unknown as { _writableState: { length: number } })._writableState.length;
  afterEach(() => vi.restoreAllMocks());

  /** rows × 6 cells of hard-to-compress text (so the zip's own buffers hold few rows), in pages of 500, counting what was read. */
  function longList(rows: number) {
    const read = { rows: 0 };
    let seed = 1;
    const text = () => {
      let t = "";
      for (let i = 0; i < 4; i++) t += (seed = (seed * 48271) % 2147483647).toString(36);
      return t;
    };
    async function* pages(): AsyncGenerator<Cell[][]> {
      for (let i = 0; i < rows; i += 500) {
        const page: Cell[][] = [];
        for (let j = i; j < Math.min(rows, i + 500); j++) page.push([`P-${j}`, text(), text(), text(), j, "2025-03-01"]);
        read.rows += page.length;
        yield page;
      }
    }
    const kinds = ["text", "text", "text", "text", "int", "date"] as const;
    const section: Section = { key: "list", title: "list", columns: kinds.map((kind, i) => ({ key: `c${i}`, header: `c${i}`, kind, width: 20 })), rows: [], pages };
    return { section, read };
  }

  /** A reader that takes a chunk every `ms` milliseconds (a slow download), counting bytes. */
  function slowSink(ms: number) {
    const got = { bytes: 0 };
    const sink = new Writable({ highWaterMark: 4096, write(chunk: Buffer, _e, cb) { got.bytes += chunk.length; setTimeout(cb, ms); } });
    return { sink, got, finished: new Promise((r) => sink.on("finish", r)) };
  }

  it("holds a bounded amount of uncompressed XML whatever the length of the list", async () => {
    let most = 0;
    const pipe = StreamBuf.prototype._pipe;
    vi.spyOn(StreamBuf.prototype, "_pipe").mockImplementation(function (this: { pipes: Writable[] }, chunk) {
      const p = pipe.call(this, chunk);
      for (const w of this.pipes) most = Math.max(most, buffered(w));
      return p;
    });
    const { section } = longList(20_000);
    const { sink, got, finished } = slowSink(1);
    await writeSectionsXlsx([section], sink);
    await finished;
    expect(got.bytes).toBeGreaterThan(1_000_000);
    // Without waiting for the zip entry the writer ran ahead of the reader by megabytes (one page per drain of the
    // output); with it, one 64 KB chunk at a time.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(256 * 1024);
  }, 60_000);

  it("stops reading the list when the reader stalls, and stops writing when the output is closed", async () => {
    const { section, read } = longList(20_000);
    const sink = new Writable({ highWaterMark: 4096, write(_c, _e, _cb) { /* never takes the next chunk */ } });
    const writing = writeSectionsXlsx([section], sink);
    let last = -1;
    for (let waited = 0; waited < 10_000 && read.rows !== last; waited += 300) {
      last = read.rows;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(read.rows).toBeLessThan(5_000);
    sink.destroy();
    await expect(writing).rejects.toThrow(/closed/);
    expect(read.rows).toBeLessThan(5_000);
  }, 30_000);

  it("finds the zip entry of a worksheet in this ExcelJS (the internals zipEntryOf reads)", () => {
    const sink = new Writable({ write(_c, _e, cb) { cb(); } });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink });
    const ws = wb.addWorksheet("x");
    ws.addRow(["a"]).commit();
    const entry = zipEntryOf(ws);
    expect(entry).not.toBeNull();
    expect(typeof entry!.write).toBe("function");
    expect(typeof buffered(entry!)).toBe("number");
  });
});

describe("PDF", () => {
  it("is a PDF with the Chinese font embedded", async () => {
    const buf = await toPdf(report);
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = buf.toString("latin1");
    expect(raw).toContain("NotoSansSC");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toContain("/ToUnicode");
    expect(raw).toContain("/MediaBox [0 0 595.28 841.89]");
  }, 60_000);
});

describe("file name", () => {
  it("report-{period}.{format}", () => {
    expect(reportFileName(report, "xlsx")).toBe("report-2023-Q4.xlsx");
  });
});
