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
import { roundActionId, signIn } from "./bench";

const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10);
const PASSWORD = process.env.BENCH_PASSWORD ?? "bench-password-123";

type Writer = { cookie: string; projectId: number };
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

/** As bench.ts's logRoundHttp: the form's fields in React's reply encoding. Returns the time and the reply's size. */
async function logRoundHttp(base: string, actionId: string, w: Writer): Promise<{ ms: number; ok: boolean; bytes: number }> {
  const form = new FormData();
  const fields: Record<string, string> = {
    projectId: String(w.projectId),
    requestId: crypto.randomUUID(),
    format: "PHONE",
    summary: "Bench: 电话沟通用地与能耗指标 (scripts/bench-writers.ts)",
    "topics[]": "land",
  };
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", JSON.stringify([null, "$K1"]));
  const t = performance.now();
  const res = await fetch(`${base}/projects/${w.projectId}`, {
    method: "POST",
    headers: { cookie: w.cookie, "next-action": actionId, accept: "text/x-component", origin: base },
    body: form,
    redirect: "manual",
  });
  const text = await res.text();
  return { ms: performance.now() - t, ok: res.status === 200 && text.includes('"ok":true'), bytes: Buffer.byteLength(text) };
}

async function setUp(t: Omit<Target, "writers" | "actionId">): Promise<Target> {
  const pool = new pg.Pool({ connectionString: t.db, max: 2 });
  const { rows } = await pool.query<{ email: string; project_id: number }>(
    `SELECT DISTINCT ON (a.id) a.email, p.id AS project_id
       FROM app_user a JOIN project p ON p.owner_id = a.id AND p.stage IN ('INTENT', 'NEGOTIATION')
      WHERE a.email LIKE 'large-officer-%@bench.local' ORDER BY a.id, p.id LIMIT $1`,
    [WRITERS],
  );
  await pool.end();
  const writers: Writer[] = [];
  for (const r of rows) writers.push({ cookie: await signIn(t.base, r.email, PASSWORD), projectId: r.project_id });
  return { ...t, writers, actionId: await roundActionId(t.base, writers[0].cookie, writers[0].projectId) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function run(t: Target) {
  const until = performance.now() + WRITE_SECONDS * 1000;
  const results: { ms: number; ok: boolean; bytes: number }[] = [];
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  await Promise.all(t.writers.map(async (w) => {
    while (performance.now() < until) results.push(await logRoundHttp(t.base, t.actionId, w));
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
  for (const t of all) await logRoundHttp(t.base, t.actionId, t.writers[0]); // warm-up
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
