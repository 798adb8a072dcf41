/**
 * Where the report's time goes, per phase, on one seed:large database (issue 14: the XLSX report at 100k and
 * 300k projects). `npm run report` gives the whole process's wall time and peak RSS; this splits it:
 *
 *   DATABASE_URL=…/me_100k npx tsx --conditions=react-server scripts/bench-report.ts [--period 2025]
 *
 * 1. the sections (buildReport without the long lists), and each of its parts alone;
 * 2. each long list read page by page without writing (the database's share), with its rows and pages;
 * 3. the whole XLSX written to a null stream (openReport + writeXlsx, as `npm run report` does).
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import { Writable } from "node:stream";
import { createBatchClient } from "./lib/batch-db";
import { openReport } from "../lib/reports/build-report";
import { writeXlsx } from "../lib/reports/to-xlsx";

const period = process.argv.includes("--period") ? process.argv[process.argv.indexOf("--period") + 1] : "2025";
const db = createBatchClient(process.env.DATABASE_URL!, 4);
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(", ");
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);

async function main() {
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
