/**
 * The minute scan's cost, before and after it looked only at what changed (issue 17), on the data set
 * `npm run bench:digest` sets up: run as `BENCH_SCAN_ONLY=1 npm run bench:digest` on a copy of tpl_100k (it writes to
 * it). bench-digest.ts does its set-up (users topped up to 500, ownership, preferences, robots, and one scan at 08:00
 * of BENCH_DIGEST_DAY, which writes the morning's reminders and the scan's first watermark), then calls benchScan.
 *
 * Three moments, the day after: the first scan of the day (08:00), a scan a minute later with nothing changed, and a
 * scan after 20 rounds were logged (through logRound, as the app does: each moves its project's follow-up to today).
 * At each, "before" (every rule over everything, `scan(…, { full: true })` — the statements the scan ran before this
 * change) and "after" (the watermark's scan) are run on the same state, alternating which goes first,
 * BENCH_SCAN_RUNS times each, each inside a transaction that is rolled back so the two see the same data; then the
 * "after" scan runs once for real to move on. For each: median time, statements the scan sent to PostgreSQL, rows of `project` read (the transaction's statistics: sequential scans plus index entries)
 * and new reminders.
 */
import os from "node:os";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { Prisma } from "../lib/generated/prisma/client";
import type { Db } from "../lib/db";
import { scan } from "../lib/notify/scan";
import { logRound } from "../lib/data/rounds";
import type { LogRoundInput } from "../lib/validation/round";

const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 3);

type Run = { ms: number; statements: number; projectRows: number; added: number };
type Row = { moment: string; before: Run[]; after: Run[] };

/** Rows of `project` this transaction read: sequential scans' rows plus every index's entries. */
const PROJECT_ROWS = Prisma.sql`
  SELECT ((SELECT COALESCE(sum(seq_tup_read), 0) FROM pg_stat_xact_user_tables WHERE relname = 'project')
        + (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = 'project'::regclass))::bigint::int AS rows`;

const ROLLBACK = new Error("rolled back on purpose");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One scan at `now` in a transaction rolled back afterwards: its time, statements, project rows read, reminders added. */
async function once(db: Db, statements: () => number, now: Date, full: boolean): Promise<Run> {
  let run: Run | undefined;
  await db
    .$transaction(async (tx) => {
      // Read before and after: the backend's pending counters may still hold an earlier transaction's.
      const [r0] = await tx.$queryRaw<{ rows: number }[]>(PROJECT_ROWS);
      const s0 = statements();
      const t = performance.now();
      const made = await scan(tx as unknown as Db, { now, email: true, full });
      const ms = performance.now() - t;
      const sent = statements() - s0;
      const [r1] = await tx.$queryRaw<{ rows: number }[]>(PROJECT_ROWS);
      run = { ms, statements: sent, projectRows: r1.rows - r0.rows, added: Object.values(made).reduce((a, b) => a + (b ?? 0), 0) };
      throw ROLLBACK;
    }, { timeout: 600_000, maxWait: 60_000 })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return run!;
}

async function both(db: Db, statements: () => number, moment: string, now: Date): Promise<Row> {
  const row: Row = { moment, before: [], after: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const full of i % 2 === 0 ? [true, false] : [false, true]) {
      const r = await once(db, statements, now, full);
      (full ? row.before : row.after).push(r);
      console.log(`  ${moment}: ${full ? "before" : "after "} ${r.ms.toFixed(0)} ms, ${r.statements} statements, ${r.projectRows} project rows read, ${r.added} new`);
    }
  }
  // Then once for real, so the next moment starts from this one's watermark.
  await scan(db, { now, email: true });
  return row;
}

export async function benchScan({ db, statements, pool, day }: { db: Db; statements: () => number; pool: pg.Pool; day: string }): Promise<string[]> {
  const loadStart = os.loadavg().map((x) => x.toFixed(1)).join(", ");
  const next = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  const at = (hhmm: string) => new Date(`${next}T${hhmm}:00+08:00`);
  const rows: Row[] = [];
  rows.push(await both(db, statements, `first scan of ${next} (08:00)`, at("08:00")));
  rows.push(await both(db, statements, "a minute later, nothing changed (08:01)", at("08:01")));

  // 20 rounds logged by their projects' owners, each setting the next meeting (the follow-up date) to today.
  const { rows: projects } = await pool.query<{ id: number; owner_id: number; name: string; role: "OFFICER"; unit_id: number }>(
    `SELECT p.id, p.owner_id, u.name, u.role::text AS role, u.unit_id FROM project p JOIN app_user u ON u.id = p.owner_id
      WHERE p.stage = 'NEGOTIATION' AND u.disabled_at IS NULL AND u.unit_id = p.unit_id ORDER BY p.id LIMIT 20`,
  );
  for (const p of projects) {
    // As the form sends it once validated (not through ZLogRound: its "today" is the real clock's, not the bench's day).
    const input: LogRoundInput = { projectId: p.id, requestId: randomUUID(), heldOn: new Date(`${next}T00:00:00Z`), format: "PHONE", topics: [], summary: "bench round", nextMeetingOn: new Date(`${next}T00:00:00Z`) };
    await logRound(db, { id: p.owner_id, name: p.name, role: p.role, unitId: p.unit_id, unitIsCity: false }, input);
  }
  rows.push(await both(db, statements, `after ${projects.length} rounds were logged (08:02)`, at("08:02")));
  const loadEnd = os.loadavg().map((x) => x.toFixed(1)).join(", ");

  const f = (xs: Run[], k: keyof Run) => median(xs.map((x) => x[k])).toLocaleString("en", { maximumFractionDigits: 0 });
  const ratio = (a: Run[], b: Run[]) => (median(b.map((x) => x.ms)) / Math.max(1, median(a.map((x) => x.ms)))).toFixed(1);
  const lines = [
    `Load average (1, 5, 15 min) at the start / end: ${loadStart} / ${loadEnd}. ${RUNS} runs of each, alternating which went first, each in a transaction rolled back (same data for both); medians.`,
    "",
    "| moment | before ms | after ms | before / after | statements before / after | project rows read before / after | new reminders before / after |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.moment} | ${f(r.before, "ms")} | ${f(r.after, "ms")} | ${ratio(r.after, r.before)}× | ${f(r.before, "statements")} / ${f(r.after, "statements")} | ${f(r.before, "projectRows")} / ${f(r.after, "projectRows")} | ${f(r.before, "added")} / ${f(r.after, "added")} |`),
    "",
    `Runs (ms), before: ${rows.map((r) => r.before.map((x) => x.ms.toFixed(0)).join(", ")).join(" | ")}; after: ${rows.map((r) => r.after.map((x) => x.ms.toFixed(0)).join(", ")).join(" | ")}.`,
  ];
  console.log(lines.join("\n"));
  return lines;
}
