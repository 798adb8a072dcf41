/**
 * The PDF as a reader sees it: the demo data's 2026 city-wide report (the annual report due this month), written
 * to a file, its text read back page by page with poppler's pdftotext and its
 * first two pages rendered to PNG with pdftoppm (Debian's poppler-utils; .ci/run
 * installs it). Set PDF_SCREENSHOTS=docs/screenshots/pdf-after to keep the PNGs.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { seedDemo } from "@/prisma/seed/demo";
import { buildReport, type Report } from "./build-report";
import { pdfCharts, toPdf } from "./to-pdf";
import zh from "@/messages/zh-CN/reports.json";

const NOW = new Date("2026-12-01T03:00:00Z");
const A4_HEIGHT = 841.89;

let database: Awaited<ReturnType<typeof ownDatabase>>;
let db: Db;
let dir: string;
let report: Report;
let file: string;
/** Each page's text in drawing order (pdftotext -raw), lines trimmed, blank lines dropped. */
let pages: string[][];

const pdftotext = (...args: string[]) => execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });
const NUMBERED = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
/** A heading: numbered, or (as the PDF had them before) one of the sections' titles alone on its line. */
const TITLES = new Set(Object.values(zh.reports.file.sections));
const isHeading = (line: string) => NUMBERED.test(line) || TITLES.has(line);
const FOOTER = /^—\s*\d+\s*—$/;

beforeAll(async () => {
  database = await ownDatabase("crm_pdf_test");
  db = createPrismaClient(database.url, 4);
  await seedDemo(db);
  const admin = await db.user.findFirstOrThrow({ where: { email: "admin@demo.local" }, include: { unit: true } });
  report = await buildReport(db, { id: admin.id, role: admin.role, unitId: admin.unitId, unitIsCity: admin.unit.kind === "CITY" }, { period: "2026" }, NOW);
  dir = mkdtempSync(path.join(tmpdir(), "report-pdf-"));
  file = path.join(dir, "report-2026.pdf");
  writeFileSync(file, await toPdf(report, "zh-CN"));
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
  pages = Array.from({ length: count }, (_, i) =>
    pdftotext("-raw", "-f", String(i + 1), "-l", String(i + 1))
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const all = () => pages.flat().join("\n");
const squeezed = () => all().replace(/\s+/g, "");

describe("the report PDF of the demo data (2026, whole city)", () => {
  it("opens with the full title, the issuing unit and the date as official documents write it", () => {
    const first = pages[0].join("\n");
    expect(first).toContain("江州市2026年招商引资工作报告");
    expect(first).toMatch(/编制单位：江州市投资促进局/);
    expect(first).toMatch(/2026年12月1日/);
    expect(first).toMatch(/2026年1月1日至2026年12月31日/);
    expect(all()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("numbers its sections 一、二、三、 and (一)(二)", () => {
    const headings = pages.flat().filter((l) => NUMBERED.test(l));
    expect(headings.slice(0, 3)).toEqual(["一、总体情况", "二、主要指标", "三、签约情况"]);
    expect(headings).toEqual(expect.arrayContaining(["（一）签约核对（同一项目只计一次）", "（二）签约项目", "（三）签约额（按期间）", "（四）按产业领域", "四、项目推进"]));
  });

  it("prints every project title and header in full (cells wrap; nothing is cut with …)", () => {
    expect(all()).not.toContain("…");
    const text = squeezed();
    for (const p of report.signedProjects) expect(text, p.title).toContain(p.title.replace(/\s+/g, ""));
    for (const p of report.signedProjects) expect(text, p.investorZh).toContain(p.investorZh.replace(/\s+/g, ""));
  });

  it("states each unit once and right: no yuan unit on dollar amounts, no doubled units, headers say 亿元/万元 over bare numbers", () => {
    const text = all();
    expect(text).not.toMatch(/元\s*美元/);
    expect(text).not.toMatch(/元\s+元/);
    expect(squeezed()).not.toMatch(/(投资额|外资)（(元|美元)）/); // the old headers over 亿元 values
    expect(squeezed()).toMatch(/合同投资额（亿元）/);
    expect(squeezed()).toMatch(/合同外资（(亿|万)美元）/);
    // Key numbers: the contracted investment as a bare number next to its unit.
    expect(text).toMatch(/合同投资额\s+109\.50\s+亿元/);
    expect(text).toMatch(/合同外资\s+8\.97\s+亿美元/);
  });

  it("never leaves a heading at the foot of a page, and fills page 1", () => {
    for (const [i, lines] of pages.entries()) {
      const content = lines.filter((l) => !FOOTER.test(l));
      expect(content.length, `page ${i + 1} has content`).toBeGreaterThan(0);
      expect(content[content.length - 1], `the last line of page ${i + 1}`).not.toSatisfy(isHeading);
    }
    // The lowest word on page 1 above the footer: page 1 is not half empty.
    const bottoms = [...pdftotext("-bbox", "-f", "1", "-l", "1").matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    const lowest = Math.max(...bottoms.filter((y) => y < A4_HEIGHT - 40)); // above the footer
    expect(lowest / A4_HEIGHT).toBeGreaterThan(0.8);
  });

  it("repeats a table's header on each page it runs onto", () => {
    const continued = pages.slice(1).filter((lines) => !isHeading(lines[0]));
    expect(continued.length, "the demo's lists run over pages").toBeGreaterThan(0);
    for (const lines of continued) expect(lines[0], "a page that continues a table starts with its header").toMatch(/^(项目编号|投资方|阶段|名称|国别|指标)/);
  });

  it("draws the sector chart from the sector names", () => {
    const sector = pdfCharts(report, "zh-CN").find((c) => c.key === "bySector")!;
    expect(sector.bars.map((b) => b.label)).toEqual(report.bySector.slice(0, sector.bars.length).map((g) => g.nameZh));
    expect(sector.bars.map((b) => b.label)).toEqual(expect.arrayContaining(["新能源", "电子信息", "新材料"]));
    expect(sector.bars.map((b) => b.label)).not.toContain("（未填写）");
    const page = pages.find((lines) => lines.some((l) => l.includes(sector.title)))!;
    for (const b of sector.bars) expect(page.join(""), b.label).toContain(b.label);
  });

  it("in English too: its title, issuer and date, amounts in CNY / USD units", async () => {
    const en = path.join(dir, "report-2026-en.pdf");
    writeFileSync(en, await toPdf(report, "en"));
    const text = execFileSync("pdftotext", ["-raw", en, "-"], { encoding: "utf8" });
    expect(text.replace(/\s+/g, " ")).toContain("Jiangzhou City Investment Promotion Report, 2026");
    expect(text).toMatch(/Issued by: Jiangzhou City Investment Promotion Bureau\s+1 Dec 2026/);
    expect(text).toMatch(/^1\. Overview$/m);
    expect(text).toMatch(/Contracted investment\s+10\.95\s+CNY bn/);
    expect(text).not.toMatch(/\d\s*(亿|万)?(元|美元)/); // project titles stay in Chinese; no amount does
  });

  it("renders its first two pages to PNG", () => {
    const out = path.join(dir, "png");
    mkdirSync(out);
    execFileSync("pdftoppm", ["-r", "100", "-png", "-f", "1", "-l", "2", file, path.join(out, "page")]);
    const pngs = readdirSync(out).sort();
    expect(pngs).toEqual(["page-1.png", "page-2.png"]);
    for (const png of pngs) expect(statSync(path.join(out, png)).size).toBeGreaterThan(20_000);
    const keep = process.env.PDF_SCREENSHOTS;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const png of pngs) copyFileSync(path.join(out, png), path.join(keep, png));
    }
  });
});
