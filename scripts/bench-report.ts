/**
 * Where the report's time goes, per phase, on one seed:large database (issue 14: the XLSX report at 100k and
 * 300k projects). `npm run report` gives the whole process's wall time and peak RSS; this splits it:
 *
 *   DATABASE_URL=…/me_100k npx tsx --conditions=react-server scripts/bench-report.ts [--period 2025]
 *
 * 1. the sections (buildReport without the long lists), and each of its parts alone;
 * 2. each long list read page by page without writing (the database's share), with its rows and pages;
 * 3. the whole XLSX written to a null stream (openReport + writeXlsx, as `npm run report` does).
 *
 * `--synthetic <rows>` (no database): only the writer, a stalled-list-like list of that many generated rows in pages
 * of 2,000 written to a null stream, with the time and the peak of process.memoryUsage() sampled every 50 ms; run it
 * with `node --heap-growing-percent=25` to match `npm run report` (scripts/report.ts).
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import { Writable } from "node:stream";
import { createBatchClient } from "./lib/batch-db";
import { openReport } from "../lib/reports/build-report";
import { writeSectionsXlsx, writeXlsx } from "../lib/reports/to-xlsx";
import type { Cell, Section } from "../lib/reports/sections";

const period = process.argv.includes("--period") ? process.argv[process.argv.indexOf("--period") + 1] : "2025";
const db = createBatchClient(process.env.DATABASE_URL!, 4);
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(", ");
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);

/** The writer alone on `rows` generated rows (see the header). */
async function synthetic(rows: number) {
  const widths = [16, 32, 40, 12, 12];
  const columns: Section["columns"] = [
    ...widths.map((width, i) => ({ key: `c${i}`, header: `c${i}`, kind: "text" as const, width })),
    { key: "on", header: "on", kind: "date", width: 12 },
    { key: "days", header: "days", kind: "int", width: 8 },
  ];
  async function* pages(): AsyncGenerator<Cell[][]> {
    for (let i = 0; i < rows; i += 2000) {
      await new Promise((r) => setTimeout(r, 5)); // a query's worth of waiting
      const page: Cell[][] = [];
      for (let j = i; j < Math.min(rows, i + 2000); j++) page.push([`JZ-2025-${j}`, `投资方有限公司${j}`, `某某新能源电池项目${j}期`, "某某县", "洽谈", "2025-03-01", j % 400]);
      yield page;
    }
  }
  let peak = process.memoryUsage();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  }, 50);
  const t0 = performance.now();
  const sink = new Writable({ write(_c: Buffer, _e, done) { done(); } });
  await writeSectionsXlsx([{ key: "list", title: "list", columns, rows: [], pages }], sink);
  clearInterval(timer);
  const m = (n: number) => (n / 2 ** 20).toFixed(0);
  console.log(`${rows} rows: ${(performance.now() - t0).toFixed(0)} ms; peak rss ${m(peak.rss)} MB, heap used ${m(peak.heapUsed)} of ${m(peak.heapTotal)}, array buffers ${m(peak.arrayBuffers)}; load ${load()}`);
}

async function main() {
  if (process.argv.includes("--synthetic")) return synthetic(Number(process.argv[process.argv.indexOf("--synthetic") + 1]));
  const user = await db.user.findFirst({ where: { role: "ADMIN", disabledAt: null }, orderBy: { id: "asc" }, select: { id: true, role: true, unitId: true, unit: { select: { kind: true } } } });
  if (!user) throw new Error("no admin");
  const actor = { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unit.kind === "CITY" };
  const [{ projects }] = await db.$queryRaw<{ projects: number }[]>`SELECT count(*)::int AS projects FROM project`;
  console.log(`${projects} projects, period ${period}, load ${load()}`);

  let t0 = performance.now();
  const { report, pages } = await openReport(db, actor, { period });
  console.log(`sections (buildReport, lists apart): ${(performance.now() - t0).toFixed(0)} ms, rss ${mb()} MB`);

  for (const key of ["signedProjects", "constructionStartsList", "stalledProjects"] as const) {
    t0 = performance.now();
    let rows = 0;
    let n = 0;
    for await (const page of pages[key]()) {
      rows += page.length;
      n++;
    }
    console.log(`list ${key}: ${rows} rows in ${n} pages, ${(performance.now() - t0).toFixed(0)} ms, rss ${mb()} MB`);
  }

  t0 = performance.now();
  let bytes = 0;
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { bytes += chunk.length; done(); } });
  const ended = new Promise((ok) => sink.on("finish", ok));
  await writeXlsx(report, sink, "zh-CN", pages);
  await ended;
  console.log(`xlsx (lists read again and written): ${(performance.now() - t0).toFixed(0)} ms, ${bytes} bytes, rss ${mb()} MB; load ${load()}`);
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
