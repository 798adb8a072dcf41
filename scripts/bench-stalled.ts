/**
 * The dashboard's stalled and overdue counts, counted from every project (the way before migration
 * 20261201170000) and from the day and month summaries, side by side in one run, and the activity half a logged
 * round recomputes (getActivitySections). On a seed:large database:
 *
 *   DATABASE_URL=…/bench_100k npx tsx --conditions=react-server scripts/bench-stalled.ts
 *
 * Each measure is run in turn, RUNS times after a warm-up, so machine load falls on all alike; prints medians
 * and p95 in ms and checks that both ways give the same counts. bench/targeted.md has the results.
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import { createPrismaClient } from "../lib/db";
import pg from "pg";
import { benchActors } from "./lib/bench-actors";
import { countedFromProjects, countedFromSummaries } from "../lib/data/dashboard/work";
import { getActivitySections } from "../lib/data/dashboard";
import { yearPeriod } from "../lib/domain/period";
import { todayDate } from "../lib/validation/fields";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const db = createPrismaClient(process.env.DATABASE_URL!, 4);

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
};

async function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const { city, county } = await benchActors(pool).finally(() => pool.end());
  const now = new Date();
  const today = todayDate(now);
  const filters = { period: yearPeriod(today.getUTCFullYear()) };
  const [{ p, d, m }] = await db.$queryRaw<{ p: number; d: number; m: number }[]>`
    SELECT (SELECT count(*) FROM project)::int AS p, (SELECT count(*) FROM project_day_summary)::int AS d, (SELECT count(*) FROM project_month_summary)::int AS m`;
  console.log(`${p} projects; summaries: ${d} day rows, ${m} month rows. ${RUNS} runs, load ${os.loadavg().map((n) => n.toFixed(1)).join(", ")}`);
  const measures: [string, () => Promise<unknown>][] = [
    ["city: from projects", () => countedFromProjects(db, city, {}, today)],
    ["city: from summaries", () => countedFromSummaries(db, city, {}, today)],
    ["county: from projects", () => countedFromProjects(db, county, {}, today)],
    ["county: from summaries", () => countedFromSummaries(db, county, {}, today)],
    ["city: activity half (after a round)", () => getActivitySections(db, city, filters, now)],
  ];
  for (const [a, b] of [[0, 1], [2, 3]]) {
    const [x, y] = [await measures[a][1](), await measures[b][1]()];
    if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${measures[a][0]} ${JSON.stringify(x)} ≠ ${measures[b][0]} ${JSON.stringify(y)}`);
    console.log(`${measures[a][0].split(":")[0]}: ${JSON.stringify(x)} both ways`);
  }
  const times: number[][] = measures.map(() => []);
  for (let run = -2; run < RUNS; run++) {
    for (const [i, [, fn]] of measures.entries()) {
      const t0 = performance.now();
      await fn();
      if (run >= 0) times[i].push(performance.now() - t0);
    }
  }
  for (const [i, [name]] of measures.entries()) {
    const s = stat(times[i]);
    console.log(`${name.padEnd(40)} ${s.median.toFixed(1).padStart(8)} / ${s.p95.toFixed(1).padStart(8)} ms`);
  }
  console.log(`load after: ${os.loadavg().map((n) => n.toFixed(1)).join(", ")}`);
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
