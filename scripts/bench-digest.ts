/**
 * `npm run bench:digest` (tsx --conditions=react-server scripts/bench-digest.ts): the morning digest (issue 17's
 * "done when": 500 users over 100,000 projects in under a minute, and the pages of `npm run bench` not slowed by
 * more than 10% while it runs), on a copy of the seed:large data set in DATABASE_URL (e.g. a database made with
 * `CREATE DATABASE me_100k TEMPLATE tpl_100k`; this script writes to it).
 *
 * 1. Set-up, deterministic and idempotent (a second run finds it done): users added beside seed:large's until
 *    BENCH_DIGEST_USERS (default 500) are enabled, spread over the units and roles as a bureau has them (a few
 *    admins at the city, managers in every unit, officers the rest), plus a few disabled ones; every unit's
 *    projects shared round-robin among its officers; a third of the users reading in English, one in fifty with
 *    the digest muted, a chat robot in every unit; and the reminders the minute scan would have written by the
 *    morning (scan() once, at 08:00 of the digest's day, before the digest's time).
 * 2. The digest as the worker makes it: the worker's minute tick (pg-boss job `notify-tick` → tick() → scan())
 *    calls digest(db, today, { email }) once the admins' digest time has come. The bench calls digest() itself,
 *    with email on (as with SMTP_URL set), BENCH_DIGEST_RUNS times (each after removing that day's digests, so
 *    each run writes them all again), and prints total time, statements sent to PostgreSQL (counted on the pool's
 *    connections), and rows written (notifications and deliveries). Also the whole 08:30 scan (every rule as the
 *    tick runs them, the digest among them) once. The queue itself adds one job fetch and is not timed.
 * 3. The pages while it runs: with BENCH_HTTP_URL (a production server on the same database, started as for
 *    `npm run bench`), the readers of scripts/bench.ts (10 signed-in city managers going round its pages, its
 *    sessions and statistics) for BENCH_DIGEST_WINDOW seconds alone and as long again while the digest runs back
 *    to back, alternating BENCH_DIGEST_ROUNDS times (which goes first alternates too); each page's p50/p95 both
 *    ways and their ratio. Without BENCH_HTTP_URL the same is done in-process with the dashboard's and the project
 *    list's data functions (no rendering, no HTTP), and the results say so.
 *
 * Writes BENCH_OUT (default bench/digest-100k.md) with the load average at the start and the end.
 *
 * BENCH_SCAN_ONLY=1: after the set-up, only the minute scan before and after it looked at what changed
 * (scripts/bench-scan.ts), printed and written to BENCH_SCAN_OUT if set; no digest, no pages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { countStatements, createPrismaClient, type Db } from "../lib/db";
import { scan } from "../lib/notify/scan";
import { benchScan } from "./bench-scan";
import { DIGEST_SLICES, DIGEST_YIELD, digest } from "../lib/notify/digest";
import { getNotificationSettings } from "../lib/data/notification-settings";
import { getDashboard } from "../lib/data/dashboard";
import { listProjects } from "../lib/data/project-list";
import { withOwnWork } from "../lib/domain/scope";
import { yearPeriod } from "../lib/domain/period";
import { todayDate } from "../lib/validation/fields";
import type { Actor } from "../lib/data/dashboard/sql";
import type { DashboardFilters } from "../lib/validation/dashboard";
import { FLOOR_HANDLER, FLOOR_PAGE, HTTP_USERS, QUARTER, YEAR, loadStat, mixedLoad, stats, timedGet, type Stat } from "./bench";
import { signIn } from "./lib/bench-http";

const url = process.env.DATABASE_URL ?? "";
const HTTP = process.env.BENCH_HTTP_URL;
const USERS = Number(process.env.BENCH_DIGEST_USERS ?? 500);
const RUNS = Number(process.env.BENCH_DIGEST_RUNS ?? 5);
const ROUNDS = Number(process.env.BENCH_DIGEST_ROUNDS ?? 3);
const WINDOW = Number(process.env.BENCH_DIGEST_WINDOW ?? 20);
const OUT = process.env.BENCH_OUT ?? "bench/digest-100k.md";
const PASSWORD = process.env.BENCH_PASSWORD ?? "bench-password-123";
/** The digest's day: the morning after the data set's "now" (scripts/bench.ts's BENCH_NOW, 2026-11-29). */
const DAY = process.env.BENCH_DIGEST_DAY ?? "2026-11-30";
/** digest()'s slices and pause (its defaults unless set; BENCH_DIGEST_SLICES=1 BENCH_DIGEST_YIELD=0: each table read whole, no pause). */
const SLICES = process.env.BENCH_DIGEST_SLICES ? Number(process.env.BENCH_DIGEST_SLICES) : undefined;
/** Also a third window per round: the digest with each table read whole and no pause, for the ratio of the two in the same run. */
const COMPARE = process.env.BENCH_DIGEST_COMPARE === "1";
const YIELD = process.env.BENCH_DIGEST_YIELD ? Number(process.env.BENCH_DIGEST_YIELD) : undefined;
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);

/** The bureau's make-up per unit: the city has the admins and a larger staff. */
const SHAPE = { cityAdmins: 4, cityManagers: 8, unitManagers: 4, disabled: 10 };

const pool = new pg.Pool({ connectionString: url, max: 4 });

/** A Prisma client whose statements are counted as they go to PostgreSQL (every query on its pool's connections). */
function countedClient(max: number): { db: Db; statements: () => number } {
  const db = createPrismaClient(url, max);
  return { db, statements: countStatements(db) };
}

const step = async (what: string, sql: string, params: unknown[] = []) => {
  const t = performance.now();
  const r = await pool.query(sql, params);
  console.log(`  set-up: ${what}: ${r.rowCount ?? 0} rows (${((performance.now() - t) / 1000).toFixed(1)} s)`);
};

/** Users, ownership, preferences, robots and the morning's reminders; each step a no-op when done before. */
async function setUp(db: Db) {
  const { rows: units } = await pool.query<{ id: number; code: string; city: boolean }>(
    `SELECT id, code, kind = 'CITY' AS city FROM unit WHERE code LIKE 'L-%' ORDER BY code = 'L-CITY' DESC, code`,
  );
  if (units.length === 0) throw new Error("no seed:large units in DATABASE_URL: run npm run seed:large first (or copy tpl_100k)");
  const counties = units.length - 1;
  const officers = USERS - SHAPE.cityAdmins - SHAPE.cityManagers - counties * SHAPE.unitManagers;
  // Officers: the city twice a county's share (it runs the conferences and the big files).
  const perCounty = Math.floor(officers / (counties + 2));
  const cityOfficers = officers - perCounty * counties;
  const plan = units.map((u) => ({
    unit: u.id,
    code: u.code,
    roles: (u.city ? [["ADMIN", SHAPE.cityAdmins], ["MANAGER", SHAPE.cityManagers], ["OFFICER", cityOfficers]] : [["MANAGER", SHAPE.unitManagers], ["OFFICER", perCounty]]) as [string, number][],
  }));
  // Top each unit and role up to its number with digest-bench users (seed:large's count towards it).
  await step(
    "users up to the bureau's make-up",
    `INSERT INTO app_user (email, name, password_hash, role, unit_id, updated_at)
     SELECT 'digest-' || lower(x.code) || '-' || lower(x.role) || '-' || k || '@bench.local', x.code || ' ' || x.role || ' ' || k,
            (SELECT password_hash FROM app_user WHERE email = 'large-manager-city@bench.local'), x.role::"Role", x.unit, now()
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) x(unit, code, role, n)
       CROSS JOIN LATERAL generate_series(1, x.n - (SELECT count(*) FROM app_user a WHERE a.unit_id = x.unit AND a.role = x.role::"Role"
                                                      AND a.disabled_at IS NULL AND a.email NOT LIKE 'digest-%')::int) k
     ON CONFLICT (email) DO NOTHING`,
    [
      plan.flatMap((p) => p.roles.map(() => p.unit)),
      plan.flatMap((p) => p.roles.map(() => p.code)),
      plan.flatMap((p) => p.roles.map(([r]) => r)),
      plan.flatMap((p) => p.roles.map(([, n]) => n)),
    ],
  );
  await step(
    "disabled users (nothing goes to them)",
    `INSERT INTO app_user (email, name, password_hash, role, unit_id, disabled_at, updated_at)
     SELECT 'digest-disabled-' || k || '@bench.local', 'disabled ' || k, 'x', 'OFFICER', (SELECT id FROM unit WHERE code = 'L-01'), now(), now()
       FROM generate_series(1, $1::int) k ON CONFLICT (email) DO NOTHING`,
    [SHAPE.disabled],
  );
  // Each unit's projects shared round-robin among its enabled officers (by id): each owns a few hundred.
  await step(
    "projects shared among each unit's officers",
    `WITH o AS (SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY id) - 1 AS k, count(*) OVER (PARTITION BY unit_id) AS n
                  FROM app_user WHERE role = 'OFFICER' AND disabled_at IS NULL),
          t AS (SELECT p.id, o.id AS owner FROM project p JOIN o ON o.unit_id = p.unit_id AND o.k = p.id % o.n)
     UPDATE project p SET owner_id = t.owner FROM t WHERE t.id = p.id AND p.owner_id IS DISTINCT FROM t.owner`,
  );
  await step(
    "preferences: a third in English, one in fifty with the digest muted",
    `INSERT INTO notification_preference (user_id, locale, muted_kinds, updated_at)
     SELECT a.id, CASE WHEN a.id % 3 = 0 THEN 'en' ELSE 'zh-CN' END, CASE WHEN a.id % 50 = 7 THEN ARRAY['DIGEST']::"NotificationKind"[] ELSE '{}' END, now()
       FROM app_user a WHERE a.email LIKE '%@bench.local' ON CONFLICT (user_id) DO NOTHING`,
  );
  await step(
    "a chat robot in every unit (WeCom in the counties, DingTalk at the city)",
    `INSERT INTO unit_chat_webhook (unit_id, channel, url, updated_at)
     SELECT id, CASE WHEN kind = 'CITY' THEN 'DINGTALK' ELSE 'WECOM' END::"NotificationChannel", 'http://127.0.0.1:9/robot/' || id, now()
       FROM unit WHERE code LIKE 'L-%' ON CONFLICT (unit_id, channel) DO NOTHING`,
  );
  await pool.query("ANALYZE app_user; ANALYZE project; ANALYZE notification_preference");
  const t = performance.now();
  const made = await scan(db, { now: at("08:00"), email: true });
  const total = Object.values(made).reduce((a, b) => a + (b ?? 0), 0);
  console.log(`  set-up: the morning's reminders (scan at 08:00, before the digest's time): ${total} new (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  await pool.query("ANALYZE notification; ANALYZE notification_delivery");
}

const clearDigests = () => pool.query(`DELETE FROM notification WHERE kind = 'DIGEST' AND occasion = $1`, [DAY]);

type DigestRun = { ms: number; statements: number; notifications: number; deliveries: number };

async function digestOnce(counted: ReturnType<typeof countedClient>, options: { slices?: number; yieldFactor?: number } = {}): Promise<DigestRun> {
  await clearDigests();
  const before = counted.statements();
  const t = performance.now();
  const notifications = await digest(counted.db, todayDate(at("08:30")), { email: true, slices: options.slices ?? SLICES, yieldFactor: options.yieldFactor ?? YIELD });
  const ms = performance.now() - t;
  const statements = counted.statements() - before;
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int n FROM notification_delivery d JOIN notification x ON x.id = d.notification_id WHERE x.kind = 'DIGEST' AND x.occasion = $1`,
    [DAY],
  );
  return { ms, statements, notifications, deliveries: rows[0].n };
}

type Window = Map<string, Stat & { errors: number; count: number }>;
type PageRow = { what: string; alone: Stat & { errors: number; count: number }; during: Stat & { errors: number; count: number } };

/** Windows pooled: the median over the windows of each one's p50 and of each one's p95; requests and errors added. */
function pooled(windows: Window[], what: string): Stat & { errors: number; count: number } {
  const ws = windows.map((w) => w.get(what)).filter((x) => x !== undefined);
  return {
    median: stats(ws.map((w) => w.median)).median,
    p95: stats(ws.map((w) => w.p95)).median,
    errors: ws.reduce((a, w) => a + w.errors, 0),
    count: ws.reduce((a, w) => a + w.count, 0),
  };
}

/**
 * The readers WINDOW s alone and WINDOW s while the digest runs back to back, ROUNDS times, alternating which goes
 * first, so neither always meets a machine warmed (or tired) by the other. `read(seconds)` runs the readers for one
 * window and returns each page's statistics.
 */
async function alternate(
  read: (seconds: number) => Promise<Window>,
  counted: ReturnType<typeof countedClient>,
): Promise<{ pages: PageRow[]; digestsDuring: number[]; whole?: { pages: PageRow[]; digestsDuring: number[] } }> {
  // Modes: readers alone, while digest() runs as configured, and (BENCH_DIGEST_COMPARE=1) while it runs with each
  // table read whole and no pause (slices 1, yield 0: as the one-statement digest read them). Order rotates per round.
  const modes: ("alone" | "during" | "whole")[] = COMPARE ? ["alone", "during", "whole"] : ["alone", "during"];
  const windows = { alone: [] as Window[], during: [] as Window[], whole: [] as Window[] };
  const times = { during: [] as number[], whole: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = modes.map((_, i) => modes[(i + round) % modes.length]);
    for (const mode of order) {
      if (mode === "alone") {
        windows.alone.push(await read(WINDOW));
        console.log(`  round ${round + 1}: readers alone`);
        continue;
      }
      let stop = false;
      const options = mode === "whole" ? { slices: 1, yieldFactor: 0 } : {};
      const digests = (async () => {
        while (!stop) times[mode].push((await digestOnce(counted, options)).ms);
      })();
      windows[mode].push(await read(WINDOW));
      stop = true;
      await digests;
      console.log(`  round ${round + 1}: readers while the digest ran${mode === "whole" ? " (each table read whole, no pause)" : ""} (${times[mode].length} digests so far)`);
    }
  }
  const rows = (w: Window[]) => [...windows.alone[0].keys()].map((what) => ({ what, alone: pooled(windows.alone, what), during: pooled(w, what) }));
  return { pages: rows(windows.during), digestsDuring: times.during, whole: COMPARE ? { pages: rows(windows.whole), digestsDuring: times.whole } : undefined };
}

/** scripts/bench.ts's HTTP pages: its two floors, the dashboard (quarter, year), the list, the board, a 50-round project page. */
async function httpPages(): Promise<[string, string][]> {
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM project WHERE round_count = 50 ORDER BY id LIMIT 1`);
  return [
    [FLOOR_HANDLER, "/api/health"],
    [FLOOR_PAGE, "/forbidden"],
    ["dashboard page (quarter)", `/dashboard?period=quarter&quarter=${QUARTER}`],
    ["dashboard page (year)", `/dashboard?period=year&year=${YEAR}`],
    ["project list", "/projects"],
    ["pipeline board", "/pipeline"],
    ...(rows[0] ? [["project page (50 rounds)", `/projects/${rows[0].id}`] as [string, string]] : []),
  ];
}

async function main() {
  if (!url) throw new Error("DATABASE_URL is not set (a copy of tpl_100k: this script writes to it)");
  const loadStart = os.loadavg().map((n) => n.toFixed(1)).join(", ");
  const counted = countedClient(4);
  const db = counted.db;
  console.log("Set-up:");
  await setUp(db);
  if (process.env.BENCH_SCAN_ONLY === "1") {
    // The minute scan before/after it looked only at what changed (scripts/bench-scan.ts); no digest, no pages.
    const lines = await benchScan({ db, statements: counted.statements, pool, day: DAY });
    if (process.env.BENCH_SCAN_OUT) writeFileSync(process.env.BENCH_SCAN_OUT, lines.join("\n"));
    await db.$disconnect();
    return;
  }
  const facts = (
    await pool.query(`SELECT (SELECT count(*) FROM project)::int projects, (SELECT count(*) FROM app_user WHERE disabled_at IS NULL)::int users,
                             (SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL)::int disabled,
                             (SELECT count(*) FROM notification WHERE kind <> 'DIGEST')::int reminders,
                             (SELECT count(*) FROM notification WHERE read_at IS NULL AND kind <> 'DIGEST')::int unread,
                             (SELECT string_agg(role || ' ' || n, ', ' ORDER BY role) FROM (SELECT role::text, count(*) n FROM app_user WHERE disabled_at IS NULL GROUP BY role) r) roles`)
  ).rows[0] as { projects: number; users: number; disabled: number; reminders: number; unread: number; roles: string };
  console.log(`Data: ${facts.projects} projects; ${facts.users} enabled users (${facts.roles}), ${facts.disabled} disabled; ${facts.reminders} reminders (${facts.unread} unread) before the digest.`);
  if (facts.users !== USERS) console.log(`  note: ${facts.users} enabled users, not ${USERS} (the data set had more of some unit's role)`);

  // The digest alone.
  const runs: DigestRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await digestOnce(counted);
    runs.push(r);
    console.log(`digest run ${i + 1}: ${r.ms.toFixed(0)} ms, ${r.statements} statements, ${r.notifications} digests + ${r.deliveries} deliveries written`);
  }
  const digestStat = stats(runs.map((r) => r.ms));
  // The whole 08:30 tick's scan (every rule, the digest among them), as the worker runs it once the digest is due.
  await clearDigests();
  const settings = await getNotificationSettings(db);
  const s0 = counted.statements();
  const t0 = performance.now();
  const scanned = await scan(db, { now: at(settings.digestTime), email: true });
  const scanMs = performance.now() - t0;
  const scanStatements = counted.statements() - s0;
  console.log(`scan at ${settings.digestTime} (every rule + the digest): ${scanMs.toFixed(0)} ms, ${scanStatements} statements, new: ${JSON.stringify(scanned)}`);

  // The pages, alone and while the digest runs.
  let how: string;
  let result: Awaited<ReturnType<typeof alternate>>;
  if (HTTP) {
    how = `HTTP, production server at ${HTTP}: ${HTTP_USERS} signed-in city managers, each going round the pages one request after another (scripts/bench.ts mixedLoad without writers)`;
    const sessions: string[] = [];
    for (let i = 0; i < HTTP_USERS; i++) sessions.push(await signIn(HTTP, "large-manager-city@bench.local", PASSWORD));
    const pages = await httpPages();
    for (const [, path] of pages) for (const s of sessions.slice(0, 2)) await timedGet(HTTP, path, s); // warm-up
    result = await alternate(async (seconds) => new Map((await mixedLoad(HTTP, sessions, pages, [], "", seconds)).pages.map((p) => [p.what, p.stat as Stat & { errors: number; count: number }])), counted);
  } else {
    how = "in-process (no BENCH_HTTP_URL): the data functions of the dashboard (city manager, year, computed afresh) and the project list, called back to back by 2 readers; no rendering or HTTP";
    const { rows } = await pool.query<{ id: number; role: "MANAGER"; unit_id: number }>(`SELECT id, role, unit_id FROM app_user WHERE email = 'large-manager-city@bench.local'`);
    const city: Actor = { id: rows[0].id, role: rows[0].role, unitId: rows[0].unit_id, unitIsCity: true };
    const reader = createPrismaClient(url, 20);
    const now = at("08:30");
    const year: DashboardFilters = { period: yearPeriod(YEAR) };
    const fns: [string, () => Promise<unknown>][] = [
      ["dashboard data (city manager, year)", () => getDashboard(reader, city, withOwnWork(city, year), now)],
      ["project list data (page 1)", () => listProjects(reader, city, {} as never)],
    ];
    result = await alternate(async (seconds) => {
      const until = performance.now() + seconds * 1000;
      const out = new Map<string, { ms: number; ok: boolean }[]>(fns.map(([w]) => [w, []]));
      await Promise.all(
        [0, 1].map(async (i) => {
          for (let k = i; performance.now() < until; k++) {
            const [what, fn] = fns[k % fns.length];
            const t = performance.now();
            await fn();
            out.get(what)!.push({ ms: performance.now() - t, ok: true });
          }
        }),
      );
      return new Map([...out].map(([what, xs]) => [what, loadStat(xs)]));
    }, counted);
    await reader.$disconnect();
  }
  const f0 = (n: number) => n.toFixed(0);
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "—");
  for (const p of result.pages) {
    console.log(`${p.what.padEnd(52)} alone p50 ${f0(p.alone.median)} p95 ${f0(p.alone.p95)}  during p50 ${f0(p.during.median)} p95 ${f0(p.during.p95)}  ratio ${ratio(p.during.median, p.alone.median)} / ${ratio(p.during.p95, p.alone.p95)}`);
  }
  for (const p of result.whole?.pages ?? []) {
    console.log(`${p.what.padEnd(52)} whole, no pause: p50 ${f0(p.during.median)} p95 ${f0(p.during.p95)}  ratio ${ratio(p.during.median, p.alone.median)} / ${ratio(p.during.p95, p.alone.p95)}`);
  }
  const during = stats(result.digestsDuring);
  const last = runs[runs.length - 1];
  const loadEnd = os.loadavg().map((n) => n.toFixed(1)).join(", ");
  const lines = [
    "# The morning digest at 500 users (issue 17)",
    "",
    `Written by \`npm run bench:digest\` (scripts/bench-digest.ts) on ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), PostgreSQL on ${new URL(url).host}.`,
    `Load average (1, 5, 15 min) at the start / end of the run: ${loadStart} / ${loadEnd}. The machine is shared with other engineers' builds and tests: absolute times are inflated and noisy; the ratios below compare windows measured in the same run, alternating.`,
    `Data: ${facts.projects.toLocaleString("en")} projects (seed:large); ${facts.users} enabled users (${facts.roles}) and ${facts.disabled} disabled; ${facts.reminders.toLocaleString("en")} reminders (${facts.unread.toLocaleString("en")} unread) written by the 08:00 scan before the digest. The digest's day: ${DAY}; email on (SMTP configured) and a chat robot in every unit.`,
    "",
    "## Making the digest",
    "",
    `digest() as the worker's 08:30 tick calls it (pg-boss \`notify-tick\` → tick() → scan() → digest(); the queue's job fetch is not timed), ${RUNS} runs, each after deleting that day's digests so each writes them all again:`,
    "",
    "| | median ms | p95 ms | statements | digests written | deliveries written |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| digest() for every user | ${f0(digestStat.median)} | ${f0(digestStat.p95)} | ${last.statements} | ${last.notifications} | ${last.deliveries} |`,
    `| the whole ${settings.digestTime} scan (every rule, the digest among them; one run) | ${f0(scanMs)} | | ${scanStatements} | ${scanned.DIGEST ?? 0} | |`,
    "",
    `Slices: ${SLICES ?? `digest()'s default (${DIGEST_SLICES})`} per table, pause ${YIELD ?? `digest()'s default (${DIGEST_YIELD})`} × the slice's time after each. Per-user times: none — the digest is set-based (one statement per slice of the projects' and of the notifications' id range reads every section's counts for all users, then one statement writes every digest and its deliveries), so there is no per-user loop to time.`,
    `Statements are counted on the client's pool connections (every query sent to PostgreSQL, BEGIN/COMMIT included). Runs: ${runs.map((r) => f0(r.ms)).join(", ")} ms.`,
    "",
    "## The pages while it runs",
    "",
    `${how}; ${ROUNDS} rounds of ${WINDOW} s alone and ${WINDOW} s while the digest ran back to back (${result.digestsDuring.length} digests made during the windows, median ${f0(during.median)} ms, p95 ${f0(during.p95)} ms each; each after deleting the last one's rows), alternating which went first. Each figure is the median over the rounds of that window's p50 (or p95); requests and non-200 answers are summed.`,
    "",
    "| page | requests alone | p50 alone ms | p95 alone ms | requests during | p50 during ms | p95 during ms | non-200 | during / alone p50 | during / alone p95 |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.pages.map((p) => `| ${p.what} | ${p.alone.count} | ${f0(p.alone.median)} | ${f0(p.alone.p95)} | ${p.during.count} | ${f0(p.during.median)} | ${f0(p.during.p95)} | ${p.alone.errors + p.during.errors} | ${ratio(p.during.median, p.alone.median)} | ${ratio(p.during.p95, p.alone.p95)} |`),
    "",
    ...(result.whole
      ? [
          `In the same rounds, a third window: the digest run back to back with each table read whole and no pause (slices 1, yield 0 — the reads of the one-statement digest before this change; ${result.whole.digestsDuring.length} digests, median ${f0(stats(result.whole.digestsDuring).median)} ms each). The "alone" columns are the same windows as above.`,
          "",
          "| page | requests during | p50 during ms | p95 during ms | non-200 | during / alone p50 | during / alone p95 |",
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
          ...result.whole.pages.map((p) => `| ${p.what} | ${p.during.count} | ${f0(p.during.median)} | ${f0(p.during.p95)} | ${p.during.errors} | ${ratio(p.during.median, p.alone.median)} | ${ratio(p.during.p95, p.alone.p95)} |`),
          "",
        ]
      : []),
  ];
  mkdirSync("bench", { recursive: true });
  writeFileSync(OUT, lines.join("\n"));
  writeFileSync(OUT.replace(/\.md$/, ".json"), JSON.stringify({ facts, runs, digest: digestStat, scan: { ms: scanMs, statements: scanStatements, scanned }, pages: result.pages, digestsDuring: result.digestsDuring, whole: result.whole, loadStart, loadEnd, how }, null, 1));
  console.log(`Wrote ${OUT}`);
  await db.$disconnect();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => pool.end());
