/**
 * The dashboard right after a write, in-process (issue 14): on a seed:large database in DATABASE_URL, for the city
 * manager's year (BENCH_YEAR, default 2025), the time to serve the dashboard through its cache
 * (lib/data/dashboard/cache.ts cachedDashboard) right after each kind of committed write, next to the dashboard
 * served with nothing written and computed afresh (getDashboard: what every change cost before the sections were
 * kept by what they read). Each run makes its write first (not timed), then times one cachedDashboard; the kinds
 * are interleaved run by run so load drifts hit them alike. Writes are real (a round through logRound; edits by
 * UPDATE, each firing the triggers): run it on a copy.
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench-dashboard-writes.ts
 *   BENCH_RUNS (default 9), BENCH_WHO=city|county|officer (default city), BENCH_FRESH=0 (no afresh row)
 *   BENCH_HALF=1: instead, what a logged round recomputes, computed afresh: each activity section alone
 *   (lib/data/dashboard/sections.ts ACTIVITY_SECTIONS) and the half together (getActivitySections), interleaved.
 *   BENCH_HALF=records: the same for the other half (RECORD_SECTIONS, getRecordSections), which contracts, stage
 *   changes and project edits recompute.
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient } from "../lib/db";
import { cachedDashboard } from "../lib/data/dashboard/cache";
import { getActivitySections, getDashboard, getRecordSections } from "../lib/data/dashboard";
import { ACTIVITY_SECTIONS, RECORD_SECTIONS, type Sections } from "../lib/data/dashboard/sections";
import { logRound } from "../lib/data/rounds";
import { ZLogRound } from "../lib/validation/round";
import { yearPeriod } from "../lib/domain/period";
import { withOwnWork } from "../lib/domain/scope";
import type { DashboardFilters } from "../lib/validation/dashboard";
import { benchActors } from "./lib/bench-actors";

const url = process.env.DATABASE_URL!;
function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const YEAR = Number(process.env.BENCH_YEAR ?? 2025);
const WHO = (process.env.BENCH_WHO ?? "city") as "city" | "county" | "officer";
// One connection per section: the first (cold) dashboard runs ~20 statements at once, which at 100k under load outwait a pool of 10.
const db = createPrismaClient(url, 24);
const pool = new pg.Pool({ connectionString: url, max: 4 });

async function main() {
  const actors = await benchActors(pool);
  const user = actors[WHO];
  const filters: DashboardFilters = withOwnWork(user, { period: yearPeriod(YEAR) } as DashboardFilters);
  if (process.env.BENCH_HALF === "1") return half(user, filters, "activity", ACTIVITY_SECTIONS, () => getActivitySections(db, user, filters));
  if (process.env.BENCH_HALF === "records") return half(user, filters, "records", RECORD_SECTIONS, () => getRecordSections(db, user, filters));
  const officer = actors.officer;
  const { rows: own } = await pool.query<{ id: number }>(`SELECT id FROM project WHERE owner_id = $1 AND stage = 'NEGOTIATION' ORDER BY id LIMIT 1`, [officer.id]);
  const { rows: any } = await pool.query<{ id: number }>(`SELECT id FROM project WHERE unit_id = $1 AND stage = 'INTENT' ORDER BY id LIMIT 1`, [officer.unitId]);
  // A contract that counts: its project's first, of a recognised project (a repeat signing this bench recorded on an
  // earlier run would count nothing, and its amount would move no signed number).
  const { rows: k } = await pool.query<{ id: number }>(
    `SELECT k.id FROM contract k JOIN project p ON p.id = k.project_id
      WHERE p.unit_id = $1 AND p.not_recognised_reason_id IS NULL AND k.kind <> 'CAPITAL_INCREASE'
        AND NOT EXISTS (SELECT 1 FROM contract k0 WHERE k0.project_id = k.project_id AND (k0.signed_on, k0.id) < (k.signed_on, k.id))
      ORDER BY k.id DESC LIMIT 1`,
    [officer.unitId],
  );
  const projectId = own[0].id;
  const editId = any[0].id;
  let n = 0;
  const writes: [string, (() => Promise<unknown>) | null][] = [
    ["served from the cache (nothing written)", null],
    ["right after a logged round (logRound, today)", () =>
      logRound(db, { ...officer, name: "bench" } as never, ZLogRound.parse({ projectId: String(projectId), requestId: randomUUID(), format: "PHONE", summary: "电话沟通（基准）。" }))],
    ["right after a project edit (title)", () => pool.query(`UPDATE project SET title = $2, version = version + 1 WHERE id = $1`, [editId, `基准项目 ${++n}`])],
    ["right after a project edit (planned investment)", () => pool.query(`UPDATE project SET planned_investment_cny = $2, version = version + 1 WHERE id = $1`, [editId, 100000000 + ++n])],
    ["right after a contract's amount changed", () => pool.query(`UPDATE contract SET contracted_investment_cny = contracted_investment_cny + 1 WHERE id = $1`, [k[0].id])],
    // A second formal contract after the project's first signing: a repeat (lib/domain/signings.ts), which counts nothing.
    ["right after a repeat signing recorded (counts nothing)", () => pool.query(
      `INSERT INTO contract (project_id, signed_on, kind, contracted_investment_cny, agreement_kind_id, created_by_id, updated_at)
       SELECT k.project_id, k.signed_on + 1, 'FORMAL', k.contracted_investment_cny, k.agreement_kind_id, k.created_by_id, now() FROM contract k WHERE k.id = $1`, [k[0].id])],
    ["right after a stage change recorded", () => pool.query(
      `WITH p AS (SELECT id, stage FROM project WHERE id = $1) INSERT INTO stage_change (project_id, from_stage, to_stage, changed_by_id, changed_at) SELECT id, stage, stage, $2, now() FROM p`, [editId, officer.id])],
    // A project moved between INTENT and NEGOTIATION as the stage form does: its stage and a stage change (the funnel
    // and the pipeline's totals are computed again).
    ["right after a project moved to another stage", () => pool.query(
      `WITH p AS (UPDATE project SET stage = CASE WHEN stage = 'INTENT' THEN 'NEGOTIATION'::"Stage" ELSE 'INTENT'::"Stage" END,
                         stage_entered_at = now(), version = version + 1
                   WHERE id = $1 RETURNING id, stage)
       INSERT INTO stage_change (project_id, from_stage, to_stage, changed_by_id, changed_at)
       SELECT id, CASE WHEN stage = 'INTENT' THEN 'NEGOTIATION'::"Stage" ELSE 'INTENT'::"Stage" END, stage, $2, now() FROM p`, [editId, officer.id])],
    // A construction start recorded on the signed project of the contract above (after its first: its first start stays).
    ["right after a construction start recorded", () => pool.query(
      `INSERT INTO construction_start (project_id, started_on, created_by_id, updated_at)
       SELECT k.project_id, current_date, k.created_by_id, now() FROM contract k WHERE k.id = $1`, [k[0].id])],
    ["computed afresh (getDashboard: any change before)", null],
  ];
  // BENCH_FRESH=0 leaves out the afresh row (at 100k under heavy load its 20 parallel statements outwait the pool).
  if (process.env.BENCH_FRESH === "0") writes.pop();
  const times = new Map<string, number[]>(writes.map(([w]) => [w, []]));
  // The write itself (its statement and the triggers it fires, committed), beside the dashboard after it.
  const writeTimes = new Map<string, number[]>(writes.map(([w]) => [w, []]));
  console.log(`${WHO}, year ${YEAR}: ${RUNS} runs after 2 warm-up; load ${os.loadavg().map((x) => x.toFixed(1)).join(", ")}`);
  for (let run = -2; run < RUNS; run++) {
    for (const [what, write] of writes) {
      if (write) {
        const w = performance.now();
        await write();
        if (run >= 0) writeTimes.get(what)!.push(performance.now() - w);
      }
      const fresh = what.startsWith("computed afresh");
      const t = performance.now();
      if (fresh) await getDashboard(db, user, filters);
      else await cachedDashboard(db, user, filters);
      if (run >= 0) times.get(what)!.push(performance.now() - t);
    }
  }
  const served = stats(times.get(writes[0][0])!).median;
  console.log("| dashboard | median ms | p95 ms | over served | the write, median ms |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const [what] of writes) {
    const s = stats(times.get(what)!);
    const w = writeTimes.get(what)!;
    console.log(`| ${what} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${(s.median / served).toFixed(1)} | ${w.length ? stats(w).median.toFixed(1) : ""} |`);
  }
  console.log(`load at the end ${os.loadavg().map((x) => x.toFixed(1)).join(", ")}`);
}

/** Each section of one half alone and the half together, computed afresh (no cache), interleaved run by run. */
async function half(user: Awaited<ReturnType<typeof benchActors>>["city"], filters: DashboardFilters, name: string, sections: Sections, together: () => Promise<unknown>) {
  const now = new Date();
  const pieces: [string, () => Promise<unknown>][] = [
    ...Object.entries(sections).map(([name, s]) => [name, () => s.compute(db, user, filters, now)] as [string, () => Promise<unknown>]),
    [`the ${name} half, together`, together],
  ];
  const times = new Map<string, number[]>(pieces.map(([w]) => [w, []]));
  console.log(`${WHO}, year ${YEAR}, ${name} half: ${RUNS} runs after 2 warm-up; load ${os.loadavg().map((x) => x.toFixed(1)).join(", ")}`);
  for (let run = -2; run < RUNS; run++) {
    for (const [what, f] of pieces) {
      const t = performance.now();
      await f();
      if (run >= 0) times.get(what)!.push(performance.now() - t);
    }
  }
  console.log("| piece | median ms | p95 ms |");
  console.log("| --- | ---: | ---: |");
  for (const [what] of pieces) {
    const s = stats(times.get(what)!);
    console.log(`| ${what} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} |`);
  }
  console.log(`load at the end ${os.loadavg().map((x) => x.toFixed(1)).join(", ")}`);
}

main()
  .then(async () => {
    await db.$disconnect();
    await pool.end();
  })
  .catch((e) => {
  console.error(e);
  process.exit(1);
});
