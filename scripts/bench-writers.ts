/**
 * Rounds per second with 10 officers logging rounds back to back, each on a project of their own, through the real
 * server action — bench.ts's "10 writers" figure — on several builds at once, in alternating runs (issue 14: "≥ 3×
 * the build of the day, in the same run"). Each build has its own server and database (a build's triggers and
 * migrations are its own).
 *
 *   BENCH_TARGETS="name=http://localhost:3413@postgresql://…/db_a,base=http://localhost:3423@postgresql://…/db_b" \
 *   BENCH_WRITE_SECONDS=20 BENCH_RUNS=3 npx tsx scripts/bench-writers.ts
 *
 * Each run logs rounds on every target in turn (the order rotating from run to run), and prints the load average
 * with each figure. The rounds stay in the databases (summary "Bench: …"), as bench.ts's do.
 */
import os from "node:os";
import pg from "pg";
import { logRoundHttp, officersWithProjects, roundActionId, type Writer } from "./lib/bench-http";

const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10);
const PASSWORD = process.env.BENCH_PASSWORD ?? "bench-password-123";
const BY = "scripts/bench-writers.ts";

type Target = { name: string; base: string; db: string; writers: Writer[]; actionId: string };

function targets(): Omit<Target, "writers" | "actionId">[] {
  const spec = process.env.BENCH_TARGETS;
  if (!spec) throw new Error("BENCH_TARGETS: name=http://host:port@postgresql://…, comma-separated");
  return spec.split(",").map((t) => {
    const [name, rest] = t.split("=", 2);
    const at = rest.indexOf("@");
    return { name, base: rest.slice(0, at), db: rest.slice(at + 1) };
  });
}

async function setUp(t: Omit<Target, "writers" | "actionId">): Promise<Target> {
  const pool = new pg.Pool({ connectionString: t.db, max: 2 });
  const writers = await officersWithProjects(pool, t.base, WRITERS, PASSWORD).finally(() => pool.end());
  return { ...t, writers, actionId: await roundActionId(t.base, writers[0].cookie, writers[0].projectId) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function run(t: Target) {
  const until = performance.now() + WRITE_SECONDS * 1000;
  const results: { ms: number; ok: boolean; bytes: number }[] = [];
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  await Promise.all(t.writers.map(async (w) => {
    while (performance.now() < until) results.push(await logRoundHttp(t.base, t.actionId, w, BY));
  }));
  const seconds = (performance.now() - t0) / 1000;
  const ok = results.filter((r) => r.ok);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const bytes = ok.length ? Math.round(ok.reduce((a, r) => a + r.bytes, 0) / ok.length) : 0;
  return { rate: ok.length / seconds, count: ok.length, failed: results.length - ok.length, p50: pct(ms, 0.5), p95: pct(ms, 0.95), bytes, load: [load0, os.loadavg()[0]] };
}

async function main() {
  const all: Target[] = [];
  for (const t of targets()) all.push(await setUp(t)); // one after another: sign-ins hash passwords
  for (const t of all) await logRoundHttp(t.base, t.actionId, t.writers[0], BY); // warm-up
  console.log(`| run | build | rounds/s | rounds | failed | p50 ms | p95 ms | reply bytes | load (start → end) |`);
  console.log(`| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
  for (let i = 0; i < RUNS; i++) {
    // Rotate who goes first, so no build always meets the machine as another left it.
    const order = all.map((_, k) => all[(k + i) % all.length]);
    for (const t of order) {
      const r = await run(t);
      console.log(`| ${i + 1} | ${t.name} | ${r.rate.toFixed(2)} | ${r.count} | ${r.failed} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.bytes} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} |`);
    }
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
