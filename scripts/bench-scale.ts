/**
 * Issue 14 at two or three sizes side by side: My work's unit view, the unfiltered project list and the list
 * searching two-character words, each called in-process as its page calls it, on several seed:large databases
 * in one run (one size after another within each round, rounds repeated, so machine load falls on all alike):
 *
 *   BENCH_DBS=me_10k,me_100k,me_300k DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
 *     npx tsx --conditions=react-server scripts/bench-scale.ts
 *
 * Prints each measure's median / p95 ms per database and the ratio of each size to the first, and (BENCH_STATEMENTS=1)
 * the median time of each SQL statement a measure ran, so what grows can be named. bench/targeted.md has the results.
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import pg from "pg";
import { createPrismaClient, type Db } from "../lib/db";
import { benchActors } from "./lib/bench-actors";
import { getMyWork } from "../lib/data/my-work";
import { listProjects } from "../lib/data/project-list";
import { fromSearchParams } from "../lib/domain/project-filter";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TERMS = (process.env.BENCH_TERMS ?? "电池,光伏,汽车,物流").split(",");
/** BENCH_ONLY=<regex>: only the measures whose label matches (e.g. BENCH_ONLY="My work"). */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const names = (process.env.BENCH_DBS ?? "").split(",").filter(Boolean);
if (names.length === 0) throw new Error("BENCH_DBS=db_a,db_b[,…] (seed:large databases, smallest first)");
const urlOf = (name: string) => Object.assign(new URL(base.href), { pathname: `/${name}` }).href;

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
};
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(", ");

/* Every statement's time, by the measure running (the measures run one at a time). */
const STATEMENTS = process.env.BENCH_STATEMENTS === "1";
let current: string | null = null;
const statementTimes = new Map<string, number[]>();
/** BENCH_EXPLAIN=1: each measure's statements on each database, EXPLAIN (ANALYZE, BUFFERS) once after the runs. */
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const explained = new Map<string, { label: string; text: string; values: unknown[] }>();
if (STATEMENTS || EXPLAIN) {
  // Prisma's adapter runs each statement as pool.query(config), which returns a promise.
  const query = pg.Pool.prototype.query as (...a: unknown[]) => unknown;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    const result = query.apply(this, args);
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
    if (current && text && EXPLAIN && /^\s*SELECT/i.test(text)) {
      const key = `${current}\u0000${text}`;
      if (!explained.has(key)) explained.set(key, { label: current, text, values: (args[0] as { values?: unknown[] })?.values ?? [] });
    }
    if (current && text && result instanceof Promise) {
      // The statement's opening and the start of its first WHERE: My work's three lists open alike and differ there.
      const flat = text.replace(/\s+/g, " ");
      const where = flat.indexOf(" WHERE ");
      const key = `${current}\u0000${flat.slice(0, 100)}${where < 0 ? "" : ` …${flat.slice(where, where + 90)}`}`;
      const t0 = performance.now();
      result.then(() => (statementTimes.get(key) ?? statementTimes.set(key, []).get(key)!).push(performance.now() - t0), () => {});
    }
    return result;
  } as typeof pg.Pool.prototype.query;
}

type Measure = [string, (db: Db) => Promise<unknown>];

async function main() {
  const sizes: { name: string; db: Db; measures: Measure[] }[] = [];
  for (const name of names) {
    const url = urlOf(name);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const { city, county, officer } = await benchActors(pool);
    const [{ projects }] = (await pool.query<{ projects: number }>(`SELECT count(*)::int AS projects FROM project`)).rows;
    const matches: string[] = [];
    for (const term of TERMS) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM project WHERE title ILIKE '%' || $1 || '%'`, [term]);
      matches.push(`${term} ${rows[0].n}`);
    }
    await pool.end();
    console.log(`${name}: ${projects} projects; titles containing ${matches.join(", ")}`);
    const measures: Measure[] = [
      ["My work, city manager, unit view", (db) => getMyWork(db, city, { view: "unit" })],
      ["My work, county manager, unit view", (db) => getMyWork(db, county, { view: "unit" })],
      ["My work, county manager, own view", (db) => getMyWork(db, county, { view: "mine" })],
      ["My work, officer, own view", (db) => getMyWork(db, officer, { view: "mine" })],
      ["list, unfiltered (city manager)", (db) => listProjects(db, city, fromSearchParams({}))],
      ...TERMS.map((term): Measure => [`list, search ${term}`, (db) => listProjects(db, city, fromSearchParams({ q: term }))]),
    ];
    sizes.push({ name, db: createPrismaClient(url, 4), measures: measures.filter(([label]) => !ONLY || ONLY.test(label)) });
  }
  console.log(`${RUNS} runs after 2 warm-up; load before: ${load()}`);
  const times = sizes.map((s) => s.measures.map(() => [] as number[]));
  for (let run = -2; run < RUNS; run++) {
    // Alternate the order of the sizes from round to round.
    const order = run % 2 === 0 ? sizes.map((_, i) => i) : sizes.map((_, i) => sizes.length - 1 - i);
    for (const si of order) {
      const size = sizes[si];
      for (const [mi, [label, fn]] of size.measures.entries()) {
        current = run >= 0 ? `${size.name}\u0000${label}` : null;
        const t0 = performance.now();
        await fn(size.db);
        if (run >= 0) times[si][mi].push(performance.now() - t0);
        current = null;
      }
    }
  }
  console.log(`load after: ${load()}\n`);
  const header = ["measure", ...sizes.map((s) => `${s.name} median / p95 ms`), ...sizes.slice(1).map((s) => `${s.name} / ${sizes[0].name}`)];
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
  for (const [mi, [label]] of sizes[0].measures.entries()) {
    const s = sizes.map((_, si) => stat(times[si][mi]));
    const cells = s.map((x) => `${x.median.toFixed(1)} / ${x.p95.toFixed(1)}`);
    const ratios = s.slice(1).map((x) => (x.median / s[0].median).toFixed(2));
    console.log(`| ${[label, ...cells, ...ratios].join(" | ")} |`);
  }
  if (STATEMENTS) {
    console.log("\nStatements (median ms per size):");
    const keys = new Map<string, Map<string, number>>();
    for (const [key, xs] of statementTimes) {
      const [size, label, text] = key.split("\u0000");
      const k = `${label} :: ${text}`;
      (keys.get(k) ?? keys.set(k, new Map()).get(k)!).set(size, stat(xs).median);
    }
    for (const [k, bySize] of keys) console.log(`${sizes.map((s) => (bySize.get(s.name)?.toFixed(1) ?? "-").padStart(8)).join(" ")}  ${k}`);
  }
  if (EXPLAIN) {
    for (const { label, text, values } of explained.values()) {
      const [size, measure] = label.split("\u0000");
      const pool = new pg.Pool({ connectionString: urlOf(size), max: 1 });
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      await pool.end();
      console.log(`\n=== ${size} :: ${measure}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }
  await Promise.all(sizes.map((s) => s.db.$disconnect()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
