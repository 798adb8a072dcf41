/**
 * `npm run bench` (tsx --conditions=react-server scripts/bench.ts): against the
 * data set of `npm run seed:large` in DATABASE_URL, times every dashboard
 * query and the project-list and project-page queries as the app runs them
 * (lib/data functions through Prisma) next to ONE hand-written SQL statement
 * computing the same answer (sent straight through `pg`), in the same run:
 * median and p95 over RUNS runs after WARMUP, their ratio, and whether the
 * answers agree. Writes bench/results.md.
 *
 * The user is the city manager of the large data set (scope: everything, the
 * heaviest case); the period is the year BENCH_YEAR (default 2025) and the
 * quarter BENCH_QUARTER (default 2026-Q3). Also times the whole dashboard
 * (all sections in parallel, as the page loads them) for the city manager, a
 * county manager and an officer.
 *
 * With BENCH_HTTP_URL (a production server on the same database), also: the
 * pages at 10 concurrent users, the dashboard right after a write, 10 readers
 * while 2 officers log rounds through the round form's server action
 * (BENCH_MIXED_SECONDS), rounds per second with 10 officers writing
 * (BENCH_WRITE_SECONDS) and, with BENCH_SQL_COUNTER_URL (the server reaching
 * PostgreSQL through scripts/sql-count-proxy.ts), the SQL statements each page
 * sends as served. BENCH_OUT names the results file (default
 * bench/results.md); the figures go beside it as JSON, and
 * scripts/bench-growth.ts sets two runs (two data sizes) side by side.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import os from "node:os";
import pg from "pg";
import { createPrismaClient } from "../lib/db";
import { benchActors } from "./lib/bench-actors";
import { logRoundHttp, officersWithProjects, roundActionId, signIn, type Writer } from "./lib/bench-http";
import { funnelDurations, funnelStages } from "../lib/data/dashboard/funnel";
import { signedByCountry, signedBySector, signedByUnit, signedSeries, signedTotals, sizeBands } from "../lib/data/dashboard/signed";
import { getDelivery } from "../lib/data/dashboard/delivery";
import { getDeliveryRates, trendQuarters } from "../lib/data/dashboard/delivery-rates";
import { deliveryCutoff } from "../lib/domain/delivery-rates";
import { roundsInPeriod, stalledAndOverdue } from "../lib/data/dashboard/work";
import { getChains, getEvents } from "../lib/data/dashboard/chains";
import { measureActuals } from "../lib/data/targets";
import { getActivitySections, getDashboard } from "../lib/data/dashboard";
import { withOwnWork } from "../lib/domain/scope";
import { getProjectPage } from "../lib/data/project-page";
import { listProjects } from "../lib/data/project-list";
import { getReconciliation } from "../lib/data/signings";
import { type DashboardFilters } from "../lib/validation/dashboard";
import { quarterPeriod, yearPeriod, priorYear } from "../lib/domain/period";
import { todayDate } from "../lib/validation/fields";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
export const YEAR = Number(process.env.BENCH_YEAR ?? 2025);
export const QUARTER = process.env.BENCH_QUARTER ?? "2026-Q3";
const NOW = new Date(process.env.BENCH_NOW ?? "2026-11-29T04:00:00Z");
/** BENCH_ONLY: a regular expression; only the rows, whole-dashboard lines and HTTP pages (besides the floors) whose names match are run. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;

const url = process.env.DATABASE_URL ?? "";
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
const db = createPrismaClient(url, 10);
const pool = new pg.Pool({ connectionString: url, max: 10 });

export type Stat = { median: number; p95: number };
export function stats(times: number[]): Stat {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}
async function time<T>(fn: () => Promise<T>): Promise<{ stat: Stat; result: T }> {
  let result!: T;
  for (let i = 0; i < WARMUP; i++) result = await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { stat: stats(times), result };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const SH = (d: Date) => new Date(d.getTime() - 8 * 3_600_000).toISOString();
/** A canonical string of an answer, for "same answer" (numbers as decimals, dates as days). */
function canon(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return v.slice(0, 10);
    if (typeof v === "number") return Number(v.toFixed(4));
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v).toFixed(2);
    return v;
  });
}
const num = (v: unknown) => (v === null || v === undefined ? "0" : String(v));

type Row = { name: string; app: Stat; sql: Stat; same: boolean };
const rows: Row[] = [];

async function compare<A, B>(name: string, app: () => Promise<A>, sqlText: string, params: unknown[], toApp: (a: A) => unknown, toSql: (r: Record<string, unknown>[]) => unknown) {
  if (ONLY && !ONLY.test(name)) return;
  const a = await time(app);
  const b = await time(() => pool.query(sqlText, params).then((r) => r.rows));
  const same = canon(toApp(a.result)) === canon(toSql(b.result));
  if (!same) {
    console.log(`  answers differ for ${name}:\n    app ${canon(toApp(a.result)).slice(0, 400)}\n    sql ${canon(toSql(b.result)).slice(0, 400)}`);
  }
  rows.push({ name, app: a.stat, sql: b.stat, same });
  console.log(`${name.padEnd(46)} app ${a.stat.median.toFixed(1).padStart(7)} / ${a.stat.p95.toFixed(1).padStart(7)} ms   sql ${b.stat.median.toFixed(1).padStart(7)} / ${b.stat.p95.toFixed(1).padStart(7)} ms   ${same ? "same" : "DIFFERENT"}`);
}

// ---------------------------------------------------------------------------
// Hand-written statements (city manager: no scope condition)
// ---------------------------------------------------------------------------

const RANK = `CASE %s WHEN 'FIRST_CONTACT' THEN 1 WHEN 'INTENT' THEN 2 WHEN 'NEGOTIATION' THEN 3 WHEN 'SIGNED' THEN 4 WHEN 'CONSTRUCTION' THEN 5 WHEN 'OPERATING' THEN 6 ELSE 0 END`;
const rank = (col: string) => RANK.replace("%s", col);

/**
 * Signings counted once (lib/domain/signings.ts) as a window over all contracts (a different plan than the app's NOT
 * EXISTS): the first contract that is not a capital increase, and every capital increase, of a recognised project,
 * not below the threshold. One row per counted contract (the app sums a project's within a period; the large data
 * set has no capital increases, so the answers agree).
 */
const SETTINGS = `(SELECT (SELECT min_recognised_cny FROM installation_setting WHERE id = 1) m,
                          COALESCE((SELECT not_recognised_sector_ids FROM installation_setting WHERE id = 1), '{}') secs) st`;
const FIRST = `(SELECT x.project_id, x.signed_on, x.cny, x.usd FROM (SELECT k.project_id, k.signed_on, k.kind, k.contracted_investment_cny cny, k.contracted_foreign_usd usd,
                  row_number() OVER (PARTITION BY k.project_id, k.kind = 'CAPITAL_INCREASE' ORDER BY k.signed_on, k.id) rn FROM contract k) x
                  JOIN project xp ON xp.id = x.project_id CROSS JOIN ${SETTINGS}
                 WHERE (x.rn = 1 OR x.kind = 'CAPITAL_INCREASE') AND xp.not_recognised_reason_id IS NULL
                   AND NOT COALESCE(xp.sector_id = ANY(st.secs), FALSE) AND NOT COALESCE(x.cny < st.m, FALSE))`;

const SQL = {
  reconciliation: `
    WITH k AS (SELECT k.project_id, k.signed_on, k.kind, k.contracted_investment_cny cny, k.contracted_foreign_usd usd,
                      row_number() OVER w rn, first_value(k.kind) OVER w base_kind,
                      count(*) FILTER (WHERE k.kind = 'UPGRADE') OVER (PARTITION BY k.project_id ORDER BY k.signed_on, k.id) upgrades
                 FROM contract k WHERE k.project_id IN (SELECT project_id FROM contract WHERE signed_on >= $1 AND signed_on < $2)
               WINDOW w AS (PARTITION BY k.project_id, k.kind = 'CAPITAL_INCREASE' ORDER BY k.signed_on, k.id)),
    c AS (SELECT k.*, p.not_recognised_reason_id rid, p.sector_id,
                 CASE WHEN k.kind = 'CAPITAL_INCREASE' THEN 'INCREASE' WHEN k.rn = 1 THEN 'BASE'
                      WHEN k.kind = 'UPGRADE' AND k.base_kind = 'FRAMEWORK' AND k.upgrades = 1 THEN 'UPGRADE' ELSE 'REPEAT' END role
            FROM k JOIN project p ON p.id = k.project_id WHERE k.signed_on >= $1 AND k.signed_on < $2)
    SELECT z.line, count(*)::int n, count(DISTINCT z.project_id)::int pr, sum(z.cny) cny
      FROM (SELECT c.*, CASE WHEN c.rid IS NOT NULL OR c.sector_id = ANY(st.secs) OR (c.role IN ('BASE', 'INCREASE') AND c.cny < st.m) THEN 'NOT_RECOGNISED'
                             WHEN c.role = 'REPEAT' THEN 'REPEAT' WHEN c.role = 'UPGRADE' THEN 'UPGRADE' ELSE 'COUNTED' END line
              FROM c CROSS JOIN ${SETTINGS}) z
     GROUP BY ROLLUP (z.line)`,
  funnelStages: `
    WITH ch AS (SELECT id, project_id, to_stage::text st, changed_at, ${rank("to_stage::text")} r FROM stage_change WHERE changed_at >= $1 AND changed_at < $2),
    fe AS (SELECT * FROM (SELECT ch.*, row_number() OVER (PARTITION BY project_id, st ORDER BY changed_at, id) n FROM ch) z WHERE n = 1),
    mx AS (SELECT project_id, max(r) r FROM ch GROUP BY project_id)
    SELECT s.st,
      (SELECT count(*) FROM mx WHERE mx.r >= s.o AND s.o <= 6)::int reached,
      (SELECT count(*) FROM fe WHERE fe.st = s.st)::int entered,
      (SELECT count(*) FROM fe WHERE fe.st = s.st AND fe.r > 0 AND EXISTS (SELECT 1 FROM stage_change n WHERE n.project_id = fe.project_id
          AND ${rank("n.to_stage::text")} > fe.r AND (n.changed_at, n.id) > (fe.changed_at, fe.id)))::int converted
    FROM unnest(ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION','SIGNED','CONSTRUCTION','OPERATING','ON_HOLD','LOST']) WITH ORDINALITY s(st, o) ORDER BY s.o`,
  funnelDurations: `
    WITH s AS (SELECT f.*, p.first_contact_on FROM ${FIRST} f JOIN project p ON p.id = f.project_id WHERE f.signed_on >= $1 AND f.signed_on < $2),
    st AS (SELECT cs.started_on - f.signed_on d FROM (SELECT DISTINCT ON (project_id) * FROM construction_start ORDER BY project_id, started_on, id) cs
             JOIN ${FIRST} f ON f.project_id = cs.project_id WHERE cs.started_on >= $1 AND cs.started_on < $2),
    rr AS (SELECT s.signed_on - s.first_contact_on d, count(r.id) n FROM s LEFT JOIN negotiation_round r ON r.project_id = s.project_id AND r.held_on <= s.signed_on
            GROUP BY s.project_id, s.signed_on, s.first_contact_on)
    SELECT (SELECT count(*) FROM rr)::int signed, (SELECT count(*) FROM st)::int started,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM rr) days_to_sign,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM rr) rounds_to_sign,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM st) days_to_start`,
  signedTotals: `
    SELECT count(*) FILTER (WHERE signed_on >= $1 AND signed_on < $2)::int c, sum(cny) FILTER (WHERE signed_on >= $1 AND signed_on < $2) cny,
           sum(usd) FILTER (WHERE signed_on >= $1 AND signed_on < $2) usd,
           count(*) FILTER (WHERE signed_on >= $3 AND signed_on < $4)::int pc, sum(cny) FILTER (WHERE signed_on >= $3 AND signed_on < $4) pcny,
           sum(usd) FILTER (WHERE signed_on >= $3 AND signed_on < $4) pusd
      FROM ${FIRST} f WHERE (signed_on >= $1 AND signed_on < $2) OR (signed_on >= $3 AND signed_on < $4)`,
  signedSeries: `
    SELECT date_trunc('month', CASE WHEN signed_on >= $1 THEN signed_on ELSE signed_on + interval '1 year' END)::date b,
           count(*) FILTER (WHERE signed_on >= $1)::int c, sum(cny) FILTER (WHERE signed_on >= $1) cny,
           count(*) FILTER (WHERE signed_on < $1)::int pc, sum(cny) FILTER (WHERE signed_on < $1) pcny
      FROM ${FIRST} f WHERE (signed_on >= $1 AND signed_on < $2) OR (signed_on >= $3 AND signed_on < $4) GROUP BY 1 ORDER BY 1`,
  bySector: `SELECT p.sector_id id, count(*)::int c, sum(f.cny) cny, sum(f.usd) usd FROM ${FIRST} f JOIN project p ON p.id = f.project_id
             WHERE f.signed_on >= $1 AND f.signed_on < $2 GROUP BY p.sector_id ORDER BY sum(f.cny) DESC NULLS LAST, count(*) DESC, p.sector_id`,
  byUnit: `SELECT p.unit_id id, count(*)::int c, sum(f.cny) cny, sum(f.usd) usd FROM ${FIRST} f JOIN project p ON p.id = f.project_id
           WHERE f.signed_on >= $1 AND f.signed_on < $2 GROUP BY p.unit_id ORDER BY sum(f.cny) DESC NULLS LAST, count(*) DESC, p.unit_id`,
  byCountry: `SELECT c.country_code id, count(*)::int c, sum(f.cny) cny, sum(f.usd) usd FROM ${FIRST} f JOIN project p ON p.id = f.project_id
              JOIN company c ON c.id = p.company_id WHERE f.signed_on >= $1 AND f.signed_on < $2
              GROUP BY c.country_code ORDER BY sum(f.cny) DESC NULLS LAST, count(*) DESC, c.country_code`,
  bands: `SELECT count(*) FILTER (WHERE cny >= 1e8)::int c1, sum(cny) FILTER (WHERE cny >= 1e8) s1,
                 count(*) FILTER (WHERE cny >= 5e9)::int c2, sum(cny) FILTER (WHERE cny >= 5e9) s2,
                 count(*) FILTER (WHERE cny >= 1e10)::int c3, sum(cny) FILTER (WHERE cny >= 1e10) s3
            FROM ${FIRST} f WHERE signed_on >= $1 AND signed_on < $2`,
  delivery: `
    WITH s AS (SELECT * FROM ${FIRST} f WHERE signed_on >= $1 AND signed_on < $2),
    fu AS (SELECT project_id, sum(amount) FILTER (WHERE currency = 'CNY') cny, sum(amount) FILTER (WHERE currency = 'USD') usd FROM funds_in_place GROUP BY project_id)
    SELECT count(*)::int signed, sum(s.cny) signed_cny, sum(s.usd) signed_usd,
           count(*) FILTER (WHERE s.project_id IN (SELECT project_id FROM construction_start))::int started,
           count(fu.project_id)::int funded, sum(fu.cny) funds_cny, sum(fu.usd) funds_usd,
           (SELECT count(DISTINCT project_id) FROM construction_start cs WHERE started_on >= $1 AND started_on < $2
              AND NOT EXISTS (SELECT 1 FROM construction_start c0 WHERE c0.project_id = cs.project_id AND c0.started_on < $1))::int starts,
           (SELECT sum(amount) FROM funds_in_place WHERE currency = 'CNY' AND received_on >= $1 AND received_on < $2) pcny,
           (SELECT sum(amount) FROM funds_in_place WHERE currency = 'USD' AND received_on >= $1 AND received_on < $2) pusd,
           (SELECT count(DISTINCT project_id) FROM funds_in_place WHERE received_on >= $1 AND received_on < $2)::int pproj
      FROM s LEFT JOIN fu ON fu.project_id = s.project_id`,
  // Delivery rates per period i ($1..$4: i, from, to, cutoff), per unit and overall: milestones reached from
  // aggregated actuals joined (not a subquery per milestone), first contracts by a window; the cohort's start and
  // production by index lookups (joined to the aggregated actuals, misjudged as 6 rows, they were scanned once per
  // signed project: 2 s at 10k, a ratio of 0.07 that said nothing).
  deliveryRates: `
    WITH per AS (SELECT * FROM unnest($1::int[], $2::date[], $3::date[], $4::date[]) per(i, pfrom, pto, cut)),
    reach AS (SELECT project_id, kind::text kind, min(reported_on) r FROM commitment_actual GROUP BY 1, 2
              UNION ALL SELECT project_id, 'CONSTRUCTION_START', min(started_on) FROM construction_start GROUP BY 1),
    ms AS (SELECT m.project_id, p.unit_id, m.kind::text kind, m.due_on, rc.r FROM commitment m JOIN project p ON p.id = m.project_id
             LEFT JOIN reach rc ON rc.project_id = m.project_id AND rc.kind = m.kind::text
            WHERE m.replaced_at IS NULL AND m.kind::text IN ('LAND_HANDOVER','CONSTRUCTION_START','PRODUCTION','FULL_PRODUCTION','STATISTICS') AND m.due_on < (SELECT max(cut) FROM per)),
    d AS (SELECT per.i, ms.project_id, ms.unit_id, bool_and(COALESCE(ms.r <= ms.due_on, false)) met,
                 bool_or(ms.due_on < per.cut - 1 AND (ms.r IS NULL OR ms.r >= per.cut)) past,
                 bool_or(ms.kind = 'CONSTRUCTION_START') sd, bool_or(ms.kind = 'CONSTRUCTION_START' AND COALESCE(ms.r <= ms.due_on, false)) sm,
                 bool_or(ms.kind = 'PRODUCTION') pd, bool_or(ms.kind = 'PRODUCTION' AND COALESCE(ms.r <= ms.due_on, false)) pm
            FROM ms JOIN per ON ms.due_on < per.cut GROUP BY 1, 2, 3),
    c AS (SELECT per.i, f.project_id, p.unit_id, f.cny, f.usd,
                 (SELECT min(x.started_on) FROM construction_start x WHERE x.project_id = f.project_id) < per.cut started,
                 (SELECT min(x.reported_on) FROM commitment_actual x WHERE x.project_id = f.project_id AND x.kind = 'PRODUCTION') < per.cut producing,
                 (SELECT sum(amount) FROM funds_in_place x WHERE x.project_id = f.project_id AND x.currency = 'CNY' AND x.received_on < per.cut) fc,
                 (SELECT sum(amount) FROM funds_in_place x WHERE x.project_id = f.project_id AND x.currency = 'USD' AND x.received_on < per.cut) fu
            FROM ${FIRST} f JOIN per ON f.signed_on >= per.pfrom AND f.signed_on < per.pto JOIN project p ON p.id = f.project_id
),
    ca AS (SELECT i, unit_id, GROUPING(unit_id) g, count(*)::int signed, count(*) FILTER (WHERE started)::int started, count(*) FILTER (WHERE producing)::int producing,
                  count(fc)::int fcn, count(fu)::int fun, sum(cny) cny, sum(usd) usd, sum(fc) fc, sum(fu) fu FROM c GROUP BY GROUPING SETS ((i), (i, unit_id))),
    da AS (SELECT i, unit_id, GROUPING(unit_id) g, count(*)::int due, count(*) FILTER (WHERE met)::int met, count(*) FILTER (WHERE past)::int past,
                  count(*) FILTER (WHERE sd)::int sd, count(*) FILTER (WHERE sm)::int sm, count(*) FILTER (WHERE pd)::int pd, count(*) FILTER (WHERE pm)::int pm
             FROM d GROUP BY GROUPING SETS ((i), (i, unit_id)))
    SELECT COALESCE(ca.i, da.i) i, COALESCE(ca.unit_id, da.unit_id) unit_id, ca.signed, ca.started, ca.producing, ca.fcn, ca.fun, ca.cny, ca.usd, ca.fc, ca.fu,
           da.due, da.met, da.past, da.sd, da.sm, da.pd, da.pm
      FROM ca FULL JOIN da ON ca.i = da.i AND ca.g = da.g AND COALESCE(ca.unit_id, 0) = COALESCE(da.unit_id, 0)
     ORDER BY 1, 2`,
  // From the rounds themselves (not round_day_summary): the "same answer" column checks the summary.
  rounds: `WITH r AS (SELECT CASE WHEN GROUPING(w) = 0 THEN 'w' WHEN GROUPING(owner_id) = 0 THEN 'o' ELSE 'u' END d, w, COALESCE(owner_id, unit_id) id, count(*)::int n
              FROM (SELECT date_trunc('week', r.held_on)::date w, p.owner_id, p.unit_id FROM negotiation_round r JOIN project p ON p.id = r.project_id
                     WHERE r.held_on >= $1 AND r.held_on < $2) x
             GROUP BY GROUPING SETS ((w), (owner_id), (unit_id))),
           pr AS (SELECT CASE WHEN GROUPING(owner_id) = 0 THEN 'o' ELSE 'u' END d, COALESCE(owner_id, unit_id) id, count(*)::int pr
              FROM project GROUP BY GROUPING SETS ((owner_id), (unit_id)))
           SELECT COALESCE(r.d, pr.d) d, r.w, COALESCE(r.id, pr.id) id, COALESCE(r.n, 0) n, COALESCE(pr.pr, 0) pr
             FROM r FULL JOIN pr ON pr.d = r.d AND pr.id = r.id
            ORDER BY 1 DESC, r.w, 4 DESC, 3`,
  stalled: `SELECT count(*) FILTER (WHERE s AND q <= $1::date - 30)::int s30, count(*) FILTER (WHERE s AND q <= $1::date - 60)::int s60,
                   count(*) FILTER (WHERE s AND q <= $1::date - 90)::int s90,
                   count(*) FILTER (WHERE next_follow_up_on < $1::date AND stage NOT IN ('OPERATING','LOST'))::int overdue
              FROM (SELECT stage, next_follow_up_on, stage IN ('FIRST_CONTACT','INTENT','NEGOTIATION','SIGNED') s, COALESCE(last_round_on, first_contact_on) q FROM project) p`,
  chains: `SELECT d.anchor_project_id id, count(*)::int n, sum(d.planned_investment_cny) planned, count(f.project_id)::int signed, sum(f.cny) cny
             FROM project d LEFT JOIN ${FIRST} f ON f.project_id = d.id AND f.signed_on < $1
            WHERE d.anchor_project_id IS NOT NULL AND d.first_contact_on < $1
            GROUP BY d.anchor_project_id ORDER BY count(*) DESC, sum(f.cny) DESC NULLS LAST, d.anchor_project_id LIMIT 20`,
  // The targets' six measures per unit (lib/data/targets.ts measureActuals: two statements, each facts + ROLLUP); here three group-bys joined.
  targets: `
    WITH s AS (SELECT f.cny, p.unit_id FROM ${FIRST} f JOIN project p ON p.id = f.project_id WHERE f.signed_on >= $1 AND f.signed_on < $2),
    st AS (SELECT p.unit_id FROM (SELECT DISTINCT ON (project_id) * FROM construction_start ORDER BY project_id, started_on, id) cs
             JOIN project p ON p.id = cs.project_id WHERE cs.started_on >= $1 AND cs.started_on < $2),
    a AS (SELECT unit_id, count(*) n, count(*) FILTER (WHERE cny >= 100000000) big, sum(cny) cny FROM s GROUP BY unit_id),
    b AS (SELECT unit_id, count(*) n FROM st GROUP BY unit_id),
    c AS (SELECT p.unit_id, sum(f.amount) FILTER (WHERE f.currency = 'CNY') cny, sum(f.amount) FILTER (WHERE f.currency = 'USD') usd
            FROM funds_in_place f JOIN project p ON p.id = f.project_id WHERE f.received_on >= $1 AND f.received_on < $2 GROUP BY p.unit_id)
    SELECT unit_id, coalesce(a.n, 0) signed, coalesce(a.big, 0) big, a.cny, coalesce(b.n, 0) starts, c.cny fcny, c.usd fusd
      FROM a FULL JOIN b USING (unit_id) FULL JOIN c USING (unit_id) ORDER BY unit_id`,
  events: `SELECT e.id, count(d.id)::int leads, count(f.project_id)::int signed, sum(f.cny) cny
             FROM promotion_event e LEFT JOIN project d ON d.event_id = e.id LEFT JOIN ${FIRST} f ON f.project_id = d.id
            WHERE e.starts_on >= $1 AND e.starts_on < $2 GROUP BY e.id, e.starts_on ORDER BY e.starts_on, e.id`,
  list: `SELECT p.id, p.title, p.stage, p.planned_investment_cny, p.next_follow_up_on, p.last_round_on, p.round_count, p.updated_at,
                c.name_zh, o.name, u.name_zh unit, s.name_zh sector,
                (SELECT LEAST(count(*), 10000) FROM (SELECT 1 FROM project LIMIT 10001) m) total
           FROM project p JOIN company c ON c.id = p.company_id JOIN app_user o ON o.id = p.owner_id JOIN unit u ON u.id = p.unit_id
           LEFT JOIN reference_item s ON s.id = p.sector_id
          ORDER BY p.updated_at DESC, p.id DESC LIMIT 25`,
  // The list filtered by colour (red: a milestone promise in force, not reached, due before today, on a signed project),
  // page 1 by last update with the bounded total: the red projects found from the commitments, not per project.
  listColourRed: `
    WITH red AS (SELECT DISTINCT m.project_id FROM commitment m
                  WHERE m.replaced_at IS NULL AND m.kind IN ('LAND_HANDOVER','CONSTRUCTION_START','PRODUCTION','FULL_PRODUCTION','STATISTICS') AND m.due_on < $1::date
                    AND NOT EXISTS (SELECT 1 FROM commitment_actual ca WHERE ca.project_id = m.project_id AND ca.kind = m.kind)
                    AND NOT (m.kind = 'CONSTRUCTION_START' AND EXISTS (SELECT 1 FROM construction_start cs WHERE cs.project_id = m.project_id))),
    hits AS (SELECT p.id, p.updated_at FROM project p JOIN red ON red.project_id = p.id WHERE p.stage IN ('SIGNED','CONSTRUCTION','OPERATING'))
    SELECT p.id, p.title, p.stage, p.planned_investment_cny, c.name_zh, o.name, u.name_zh unit, s.name_zh sector, 'RED' colour,
           (SELECT LEAST(count(*), 10000) FROM (SELECT 1 FROM hits LIMIT 10001) m) total
      FROM (SELECT id FROM hits ORDER BY updated_at DESC, id DESC LIMIT 25) pg JOIN project p ON p.id = pg.id
      JOIN company c ON c.id = p.company_id JOIN app_user o ON o.id = p.owner_id JOIN unit u ON u.id = p.unit_id
      LEFT JOIN reference_item s ON s.id = p.sector_id
     ORDER BY p.updated_at DESC, p.id DESC`,
  listFiltered: `SELECT p.id, p.title, p.stage, p.planned_investment_cny, c.name_zh, o.name, count(*) OVER () total
           FROM project p JOIN company c ON c.id = p.company_id JOIN app_user o ON o.id = p.owner_id
          WHERE p.unit_id = $1 AND p.stage = 'NEGOTIATION'
          ORDER BY p.planned_investment_cny DESC NULLS LAST, p.id DESC LIMIT 25`,
  page: `SELECT p.id, p.title, p.stage, p.planned_investment_cny, p.version, c.name_zh, c.name_en, o.name owner, u.name_zh unit, sec.name_zh sector,
                (SELECT json_agg(json_build_object('id', d.id, 'title', d.title, 'stage', d.stage)) FROM project d WHERE d.anchor_project_id = p.id) drawn,
                (SELECT json_agg(t ORDER BY t.on_date DESC, t.at DESC) FROM (
                   SELECT 'round' kind, r.held_on on_date, r.created_at at, ru.name actor,
                          jsonb_build_object('number', r.number, 'format', r.format, 'place', r.place, 'ours', r.our_participants, 'theirs', r.investor_participants,
                                             'topics', to_jsonb(r.topics), 'summary', r.summary, 'nextSteps', r.next_steps, 'nextMeetingOn', r.next_meeting_on) data
                     FROM negotiation_round r JOIN app_user ru ON ru.id = r.created_by_id WHERE r.project_id = p.id
                   UNION ALL
                   SELECT 'stage', (sc.changed_at AT TIME ZONE 'Asia/Shanghai')::date, sc.changed_at, su.name, jsonb_build_object('from', sc.from_stage, 'to', sc.to_stage, 'reason', sc.reason)
                     FROM stage_change sc JOIN app_user su ON su.id = sc.changed_by_id WHERE sc.project_id = p.id
                   UNION ALL
                   SELECT 'contract', k.signed_on, k.created_at, NULL, jsonb_build_object('amountCny', k.contracted_investment_cny::text) FROM contract k WHERE k.project_id = p.id
                   UNION ALL
                   SELECT 'start', cs.started_on, cs.created_at, NULL, '{}'::jsonb FROM construction_start cs WHERE cs.project_id = p.id
                   UNION ALL
                   SELECT 'funds', f.received_on, f.created_at, NULL, jsonb_build_object('amount', f.amount::text, 'currency', f.currency) FROM funds_in_place f WHERE f.project_id = p.id) t) timeline
           FROM project p JOIN company c ON c.id = p.company_id JOIN app_user o ON o.id = p.owner_id JOIN unit u ON u.id = p.unit_id
           LEFT JOIN reference_item sec ON sec.id = p.sector_id
          WHERE p.id = $1`,
};

// ---------------------------------------------------------------------------
// HTTP (optional): BENCH_HTTP_URL = a production server (next build && next start) on the same database.
// ---------------------------------------------------------------------------

const HTTP = process.env.BENCH_HTTP_URL;
/**
 * Optional: another build of the app on the same database (say, the last
 * release). Each page is then loaded on both, in alternating rounds, so a
 * change is judged by the ratio of two figures taken under the same load:
 * these machines are shared and their speed drifts between runs.
 */
const BASELINE = process.env.BENCH_HTTP_BASELINE_URL;
const HTTP_ROUNDS = BASELINE ? 3 : 1;
export const HTTP_USERS = 10;
export const FLOOR_HANDLER = "floor: route handler (/api/health, one SELECT 1)";
export const FLOOR_PAGE = "floor: smallest signed-in page (/forbidden)";
const HTTP_REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 10);

/** One GET as a signed-in user: how long it took, and whether it answered 200. */
export async function timedGet(base: string, path: string, cookie: string): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  return { ms: performance.now() - t, ok: res.status === 200 };
}

export const loadStat = (results: { ms: number; ok: boolean }[]): Stat & { errors: number; count: number } => ({
  ...stats(results.map((r) => r.ms)),
  errors: results.filter((r) => !r.ok).length,
  count: results.length,
});

/** Where the results go (BENCH_OUT, default bench/results.md), and the figures beside it as JSON. */
const OUT = process.env.BENCH_OUT ?? "bench/results.md";
export type BenchFigures = {
  projects: number;
  rounds: number;
  rows: { name: string; app: Stat; sql: Stat; same: boolean }[];
  whole: { who: string; stat: Stat; afterRound: Stat }[];
  http: { what: string; stat: Stat & { errors: number }; baseline?: Stat & { errors: number } }[];
  mixed?: { seconds: number; pages: { what: string; stat: Stat & { errors: number; count?: number } }[]; rounds: Stat & { errors: number; perSecond: number; count: number } };
  writersOnly?: Stat & { errors: number; perSecond: number; count: number };
  statements: { what: string; statements: number; transactionControl: number }[];
};

/** HTTP_USERS signed-in users each requesting `path` HTTP_REQUESTS times, all at once. */
async function httpLoad(base: string, sessions: string[], path: string): Promise<{ ms: number; ok: boolean }[]> {
  const results: { ms: number; ok: boolean }[] = [];
  await Promise.all(
    sessions.map(async (cookie) => {
      for (let i = 0; i < HTTP_REQUESTS; i++) results.push(await timedGet(base, path, cookie));
    }),
  );
  return results;
}

/**
 * A committed write as the triggers make it, without writing: 1 = records (data_version_move(false) moves row 1 and
 * stamps "*", which every dashboard section reads: the whole dashboard is computed again), 2 = activity
 * (data_version_move(true) moves one of the activity rows: the sections reading rounds and follow-ups). A bare
 * UPDATE of data_version row 1 stamps no source (migration 20261201230000): every section would be served as it was.
 */
const moveDataVersion = (version: 1 | 2) => pool.query("SELECT data_version_move($1)", [version === 2]);

/**
 * Real writes, committed through their triggers, as an officer's save makes them: a counted contract's amount changed
 * (its project's first signing in the city, so counted_signing moves) and a stage change recorded. They change the
 * bench database: run it on a copy.
 */
async function realWrites(): Promise<{ contract: () => Promise<unknown>; stageChange: () => Promise<unknown> }> {
  const { rows: k } = await pool.query<{ id: number }>(
    `SELECT contract_id AS id FROM counted_signing WHERE signed_on >= $1::date AND signed_on < $2::date ORDER BY contract_id DESC LIMIT 1`,
    [`${YEAR}-01-01`, `${YEAR + 1}-01-01`],
  );
  const { rows: p } = await pool.query<{ id: number; owner_id: number }>(`SELECT id, owner_id FROM project WHERE stage = 'INTENT' ORDER BY id LIMIT 1`);
  return {
    contract: () => pool.query(`UPDATE contract SET contracted_investment_cny = contracted_investment_cny + 1 WHERE id = $1`, [k[0].id]),
    stageChange: () =>
      pool.query(
        `WITH p AS (SELECT id, stage FROM project WHERE id = $1) INSERT INTO stage_change (project_id, from_stage, to_stage, changed_by_id, changed_at) SELECT id, stage, stage, $2, now() FROM p`,
        [p[0].id, p[0].owner_id],
      ),
  };
}

/**
 * The same, but each of the HTTP_REQUESTS rounds starts right after a write
 * (`write`: by default data_version moved, as by any committed change), all
 * users at once: what the write changed is computed afresh, once, and shared
 * by the users waiting for it.
 */
async function httpLoadAfterWrites(base: string, sessions: string[], path: string, write: () => Promise<unknown> = () => moveDataVersion(1)): Promise<Stat & { errors: number }> {
  const results: { ms: number; ok: boolean }[] = [];
  for (let i = 0; i < HTTP_REQUESTS; i++) {
    await write();
    results.push(...(await Promise.all(sessions.map((cookie) => timedGet(base, path, cookie)))));
  }
  return loadStat(results);
}

// ---------------------------------------------------------------------------
// Work while people work: officers logging rounds through the real server action, readers beside them, and the
// SQL statements each page costs as served (through scripts/sql-count-proxy.ts).
// ---------------------------------------------------------------------------

/** How long the mixed load (readers + 2 officers) and the writers-only load run, in seconds. */
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 30);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
/** scripts/sql-count-proxy.ts's control address; the server under test must reach PostgreSQL through it. */
const SQL_COUNTER = process.env.BENCH_SQL_COUNTER_URL;

/** What ends the summaries of the rounds this bench logs. */
const BY = "scripts/bench.ts";

/** Each writer logging rounds back to back until `until`. */
async function writeUntil(base: string, actionId: string, writers: Writer[], until: number) {
  const results: { ms: number; ok: boolean }[] = [];
  await Promise.all(
    writers.map(async (w) => {
      while (performance.now() < until) results.push(await logRoundHttp(base, actionId, w, BY));
    }),
  );
  return results;
}

export type MixedResult = { seconds: number; pages: { what: string; stat: HttpStat }[]; rounds: HttpStat & { perSecond: number; count: number } };
export type HttpStat = Stat & { errors: number; count?: number };

/**
 * `readers` signed-in managers each going round the pages, one request after another, while `writers` officers log
 * rounds back to back, for `seconds`. Every round moves data_version's activity number, so the dashboard is
 * recomputed (its activity half) as often as rounds arrive: what a manager lives with during a working day.
 */
export async function mixedLoad(base: string, readers: string[], pages: [string, string][], writers: Writer[], actionId: string, seconds: number): Promise<MixedResult> {
  const until = performance.now() + seconds * 1000;
  const byPage = new Map<string, { ms: number; ok: boolean }[]>(pages.map(([what]) => [what, []]));
  const started = performance.now();
  const [rounds] = await Promise.all([
    writeUntil(base, actionId, writers, until),
    ...readers.map(async (cookie, i) => {
      for (let k = i; performance.now() < until; k++) {
        const [what, path] = pages[k % pages.length];
        byPage.get(what)!.push(await timedGet(base, path, cookie));
      }
    }),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  const ok = rounds.filter((r) => r.ok).length;
  return {
    seconds: elapsed,
    pages: pages.map(([what]) => ({ what, stat: loadStat(byPage.get(what)!) })),
    rounds: { ...loadStat(rounds), perSecond: ok / elapsed, count: ok },
  };
}

type Statements = { what: string; statements: number; transactionControl: number };

async function counters(): Promise<{ statements: number; transactionControl: number }> {
  return (await fetch(SQL_COUNTER!)).json() as Promise<{ statements: number; transactionControl: number }>;
}

/** The median count of SQL statements one request sends to PostgreSQL, over 5 requests sent one at a time. */
async function statementsOf(what: string, request: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<Statements> {
  const s: number[] = [];
  const tc: number[] = [];
  await request(); // warm (connections open, caches of the process filled)
  for (let i = 0; i < 5; i++) {
    if (before) await before();
    await new Promise((r) => setTimeout(r, 50));
    const a = await counters();
    await request();
    await new Promise((r) => setTimeout(r, 50)); // a streamed page's last statements
    const b = await counters();
    s.push(b.statements - a.statements);
    tc.push(b.transactionControl - a.transactionControl);
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { what, statements: med(s), transactionControl: med(tc) };
}

/** Each page's p50 / p95 over the signed-in floor's, measured in the same run. */
function floorNote(http: { what: string; stat: Stat }[]): string[] {
  const floor = http.find((h) => h.what === FLOOR_PAGE)?.stat;
  if (!floor) return [];
  const pages = http.filter((h) => !h.what.startsWith("floor:") && !h.what.includes("after a "));
  return [
    `Over that floor (p50 / p95): ${pages.map((h) => `${h.what} ${(h.stat.median / floor.median).toFixed(1)}× / ${(h.stat.p95 / floor.p95).toFixed(1)}×`).join("; ")}.`,
  ];
}

const loadStart = os.loadavg().map((n) => n.toFixed(1)).join(", ");
const busyAtStart = os.loadavg()[0] > 1;

async function main() {
  const { city, county, officer } = await benchActors(pool);
  const counts = (await pool.query(`SELECT (SELECT count(*) FROM project)::int p, (SELECT count(*) FROM negotiation_round)::int r, (SELECT count(*) FROM company)::int c`)).rows[0];
  console.log(`Data: ${counts.p} projects, ${counts.c} companies, ${counts.r} rounds. ${RUNS} runs after ${WARMUP} warm-up; times in ms (median / p95).`);

  const year: DashboardFilters = { period: yearPeriod(YEAR) };
  const [qy, qn] = QUARTER.split("-Q").map(Number);
  const quarter: DashboardFilters = { period: quarterPeriod(qy, qn) };
  const F = iso(year.period.from), T = iso(year.period.to);
  const prior = priorYear(year.period);
  const PF = iso(prior.from), PT = iso(prior.to);
  const today = iso(todayDate(NOW));

  await compare("funnel: stages (year)", () => funnelStages(db, city, year), SQL.funnelStages, [SH(year.period.from), SH(year.period.to)],
    (a) => [...a.stages.map((s) => [s.stage, s.reached, s.entered, s.converted]), ["ON_HOLD", a.onHold], ["LOST", a.lost]],
    (r) => r.map((x) => (x.st === "ON_HOLD" || x.st === "LOST" ? [x.st, x.entered] : [x.st, x.reached, x.entered, x.converted])));
  await compare("funnel: stages (quarter)", () => funnelStages(db, city, quarter), SQL.funnelStages, [SH(quarter.period.from), SH(quarter.period.to)],
    (a) => a.stages.map((s) => [s.stage, s.reached, s.entered, s.converted]),
    (r) => r.filter((x) => x.st !== "ON_HOLD" && x.st !== "LOST").map((x) => [x.st, x.reached, x.entered, x.converted]));
  await compare("funnel: medians (year)", () => funnelDurations(db, city, year), SQL.funnelDurations, [F, T],
    (a) => [a.signed, a.started, a.medianDaysToSign, a.medianRoundsToSign, a.medianDaysToStart],
    (r) => [r[0].signed, r[0].started, r[0].days_to_sign, r[0].rounds_to_sign, r[0].days_to_start]);
  await compare("signed: totals + last year", () => signedTotals(db, city, year), SQL.signedTotals, [F, T, PF, PT],
    (a) => [a.current.count, a.current.cny, a.current.usd, a.prior.count, a.prior.cny, a.prior.usd],
    (r) => [r[0].c, num(r[0].cny), num(r[0].usd), r[0].pc, num(r[0].pcny), num(r[0].pusd)]);
  await compare("signed: by month + last year", () => signedSeries(db, city, year), SQL.signedSeries, [F, T, PF, PT],
    (a) => a.points.map((p) => [iso(p.start), p.current.count, p.current.cny, p.prior.count, p.prior.cny]),
    (r) => r.map((x) => [iso(x.b as Date), x.c, num(x.cny), x.pc, num(x.pcny)]));
  await compare("signed: by sector", () => signedBySector(db, city, year), SQL.bySector, [F, T],
    (a) => a.map((x) => [x.id, x.count, x.cny, x.usd]), (r) => r.map((x) => [x.id, x.c, num(x.cny), num(x.usd)]));
  await compare("signed: by unit", () => signedByUnit(db, city, year), SQL.byUnit, [F, T],
    (a) => a.map((x) => [x.id, x.count, x.cny, x.usd]), (r) => r.map((x) => [x.id, x.c, num(x.cny), num(x.usd)]));
  await compare("signed: by investor country", () => signedByCountry(db, city, year), SQL.byCountry, [F, T],
    (a) => a.map((x) => [x.countryCode, x.count, x.cny, x.usd]), (r) => r.map((x) => [x.id, x.c, num(x.cny), num(x.usd)]));
  // Count once: the report's reconciliation (every contract of the year on its line).
  await compare("reconciliation (year)", () => getReconciliation(db, city, year), SQL.reconciliation, [F, T],
    (a) => [[a.recorded.signings, a.recorded.projects, a.recorded.cny], ...(
      [["NOT_RECOGNISED", a.notRecognised], ["REPEAT", a.repeats], ["UPGRADE", a.upgrades], ["COUNTED", a.counted]] as const
    ).filter(([, x]) => x.signings > 0).map(([k, x]) => [k, x.signings, x.projects, x.cny])],
    (r) => {
      const all = r.find((x) => x.line === null)!;
      return [[all.n, all.pr, num(all.cny)], ...["NOT_RECOGNISED", "REPEAT", "UPGRADE", "COUNTED"].flatMap((k) => r.filter((x) => x.line === k).map((x) => [k, x.n, x.pr, num(x.cny)]))];
    });
  await compare("size bands", () => sizeBands(db, city, year), SQL.bands, [F, T],
    (a) => a.map((b) => [b.count, b.cny]), (r) => [[r[0].c1, num(r[0].s1)], [r[0].c2, num(r[0].s2)], [r[0].c3, num(r[0].s3)]]);
  await compare("delivery after signing", () => getDelivery(db, city, year), SQL.delivery, [F, T],
    (a) => [a.signed, a.signedCny, a.signedUsd, a.started, a.funded, a.cohortFundsCny, a.cohortFundsUsd, a.startsInPeriod, a.fundsInPeriodCny, a.fundsInPeriodUsd, a.fundedProjectsInPeriod],
    (r) => [r[0].signed, num(r[0].signed_cny), num(r[0].signed_usd), r[0].started, r[0].funded, num(r[0].funds_cny), num(r[0].funds_usd), r[0].starts, num(r[0].pcny), num(r[0].pusd), r[0].pproj]);
  {
    // The delivery rates: the year and the trend's quarters, each at its own cutoff.
    const periods = [year.period, ...trendQuarters(year.period, todayDate(NOW))];
    const cuts = periods.map((p) => iso(deliveryCutoff(p, todayDate(NOW))));
    type RC = Awaited<ReturnType<typeof getDeliveryRates>>["overall"];
    const appLine = (c: RC) => [c.signed, c.started, c.producing, c.fundedCny, c.fundedUsd, c.contractedCny, c.contractedUsd, c.fundsCny, c.fundsUsd, c.due, c.met, c.pastDue, c.startDue, c.startMet, c.productionDue, c.productionMet];
    const sqlLine = (x: Record<string, unknown> | undefined) =>
      x ? [x.signed ?? 0, x.started ?? 0, x.producing ?? 0, x.fcn ?? 0, x.fun ?? 0, num(x.cny), num(x.usd), num(x.fc), num(x.fu), x.due ?? 0, x.met ?? 0, x.past ?? 0, x.sd ?? 0, x.sm ?? 0, x.pd ?? 0, x.pm ?? 0] : [];
    await compare("delivery rates (year, units, 4 quarters)", () => getDeliveryRates(db, city, year, NOW), SQL.deliveryRates,
      [periods.map((_, i) => i), periods.map((p) => iso(p.from)), periods.map((p) => iso(p.to)), cuts],
      (a) => [appLine(a.overall), [...a.byUnit].sort((x, y) => x.id - y.id).map((u) => [u.id, ...appLine(u)]), a.trend.map(appLine)],
      (r) => [
        sqlLine(r.find((x) => x.i === 0 && x.unit_id === null)),
        r.filter((x) => x.i === 0 && x.unit_id !== null).map((x) => [x.unit_id, ...sqlLine(x)]),
        periods.slice(1).map((_, k) => sqlLine(r.find((x) => x.i === k + 1 && x.unit_id === null))),
      ]);
  }
  await compare("work: rounds per week, officer, unit", () => roundsInPeriod(db, city, year), SQL.rounds, [F, T],
    (a) => [a.byWeek.map((x) => [iso(x.week), x.rounds]), a.byOwner.map((x) => [x.id, x.rounds, x.projects]), a.byUnit.map((x) => [x.id, x.rounds, x.projects])],
    (r) => [
      r.filter((x) => x.d === "w").map((x) => [iso(x.w as Date), x.n]),
      r.filter((x) => x.d === "o").map((x) => [x.id, x.n, x.pr]),
      r.filter((x) => x.d === "u").map((x) => [x.id, x.n, x.pr]),
    ]);
  await compare("work: stalled 30/60/90 + overdue", () => stalledAndOverdue(db, city, year, NOW), SQL.stalled, [today],
    (a) => [...a.stalled.map((s) => s.count), a.overdue], (r) => [r[0].s30, r[0].s60, r[0].s90, r[0].overdue]);
  await compare("chains: per anchor project", () => getChains(db, city, year), SQL.chains, [T],
    (a) => a.map((x) => [x.anchorId, x.drawn, x.plannedCny, x.signed, x.contractedCny]), (r) => r.map((x) => [x.id, x.n, num(x.planned), x.signed, num(x.cny)]));
  await compare("events: leads and signed", () => getEvents(db, city, year), SQL.events, [F, T],
    (a) => a.map((x) => [x.id, x.leads, x.signed, x.signedCny]), (r) => r.map((x) => [x.id, x.leads, x.signed, num(x.cny)]));

  await compare("targets: six measures per unit (year)", () => measureActuals(db, city, year.period), SQL.targets, [F, T],
    (a) => [...a.byUnit.entries()].sort((x, y) => x[0] - y[0]).map(([id, m]) => [id, m.SIGNED, m.SIGNED_100M, m.CONTRACTED_CNY, m.STARTS, m.FUNDS_CNY, m.FDI_USD]),
    (r) => r.map((x) => [x.unit_id, num(x.signed), num(x.big), num(x.cny), num(x.starts), num(x.fcny), num(x.fusd)]));

  await compare("project list (page 1, by last update)", () => listProjects(db, city, {} as never), SQL.list, [],
    (a) => [a.total, a.rows.map((x) => x.id)], (r) => [Number(r[0]?.total ?? 0), r.map((x) => x.id)]);
  const countyUnit = county.unitId;
  await compare("project list (unit + stage, by amount)", () => listProjects(db, city, { unitId: countyUnit, stage: "NEGOTIATION", sort: "amount" } as never), SQL.listFiltered, [countyUnit],
    (a) => [a.total, a.rows.map((x) => x.id)], (r) => [Number(r[0]?.total ?? 0), r.map((x) => x.id)]);
  await compare("project list (colour = red)", () => listProjects(db, city, { colour: "RED" } as never, NOW), SQL.listColourRed, [today],
    (a) => [a.total, a.rows.map((x) => [x.id, x.colour])], (r) => [Number(r[0]?.total ?? 0), r.map((x) => [x.id, x.colour])]);
  const { rows: fifty } = await pool.query<{ id: number }>(`SELECT id FROM project WHERE round_count = 50 ORDER BY id LIMIT 1`);
  if (fifty[0]) {
    const id = fifty[0].id;
    await compare(`project page (#${id}, 50 rounds)`, () => getProjectPage(db, city, id), SQL.page, [id],
      (a) => [a.id, a.timeline.filter((x) => x.kind !== "edit").length, a.drawn.count], (r) => [r[0].id, (r[0].timeline as unknown[]).length, ((r[0].drawn as unknown[] | null) ?? []).length]);
  }

  // The whole dashboard as the page loads it (all sections in parallel).
  // After a logged round only the sections that read rounds are computed again (lib/data/dashboard/cache.ts): that
  // half is what a manager waits for right after an officer's write.
  const whole: { who: string; stat: Stat; afterRound: Stat }[] = [];
  for (const [who, user, f] of [
    ["city manager, year", city, year],
    ["city manager, quarter", city, quarter],
    ["county manager, year", county, year],
    ["officer, year", officer, year],
  ] as const) {
    if (ONLY && !ONLY.test(`whole dashboard (${who})`)) continue;
    // As the page asks: an officer's dashboard is their own work (the owner filter), a manager's the whole scope.
    const { stat } = await time(() => getDashboard(db, user, withOwnWork(user, f), NOW));
    const { stat: afterRound } = await time(() => getActivitySections(db, user, withOwnWork(user, f), NOW));
    whole.push({ who, stat, afterRound });
    console.log(`whole dashboard (${who})`.padEnd(46), `app ${stat.median.toFixed(1)} / ${stat.p95.toFixed(1)} ms; after a round ${afterRound.median.toFixed(1)} / ${afterRound.p95.toFixed(1)} ms`);
  }

  const http: { what: string; stat: HttpStat; baseline?: HttpStat }[] = [];
  let mixed: MixedResult | undefined;
  let writersOnly: (HttpStat & { perSecond: number; count: number }) | undefined;
  const statements: Statements[] = [];
  if (HTTP) {
    const password = process.env.BENCH_PASSWORD ?? "bench-password-123";
    const signInAll = async (base: string) => {
      const sessions: string[] = [];
      for (let i = 0; i < HTTP_USERS; i++) sessions.push(await signIn(base, "large-manager-city@bench.local", password));
      return sessions;
    };
    const sessions = await signInAll(HTTP);
    const baselineSessions = BASELINE ? await signInAll(BASELINE) : [];
    const pageId = fifty[0]?.id;
    for (const [what, path] of [
      // What any request costs on this machine at this load before a page reads or shows anything of its own.
      [FLOOR_HANDLER, "/api/health"],
      [FLOOR_PAGE, "/forbidden"],
      ["dashboard page (quarter)", `/dashboard?period=quarter&quarter=${QUARTER}`],
      ["dashboard page (year)", `/dashboard?period=year&year=${YEAR}`],
      ["project list", "/projects"],
      ["project list (colour = red)", "/projects?colour=RED"],
      ["pipeline board", "/pipeline"],
      ...(pageId ? [[`project page (50 rounds)`, `/projects/${pageId}`]] : []),
    ] as [string, string][]) {
      if (ONLY && !what.startsWith("floor:") && !ONLY.test(what)) continue;
      await httpLoad(HTTP, sessions.slice(0, 2), path); // warm-up
      if (BASELINE) await httpLoad(BASELINE, baselineSessions.slice(0, 2), path);
      const mine: { ms: number; ok: boolean }[] = [];
      const theirs: { ms: number; ok: boolean }[] = [];
      for (let round = 0; round < HTTP_ROUNDS; round++) {
        // Alternate who goes first, so neither always meets a machine warmed (or tired) by the other.
        const order = round % 2 === 0 ? [true, false] : [false, true];
        for (const ours of order) {
          if (ours) mine.push(...(await httpLoad(HTTP, sessions, path)));
          else if (BASELINE) theirs.push(...(await httpLoad(BASELINE, baselineSessions, path)));
        }
      }
      const stat = loadStat(mine);
      const baseline = BASELINE ? loadStat(theirs) : undefined;
      http.push({ what, stat, baseline });
      console.log(
        `HTTP ${what}`.padEnd(46),
        `p50 ${stat.median.toFixed(0)} ms  p95 ${stat.p95.toFixed(0)} ms  errors ${stat.errors}`,
        baseline ? ` baseline p50 ${baseline.median.toFixed(0)} ms  p95 ${baseline.p95.toFixed(0)} ms` : "",
      );
    }
    const writes = await realWrites();
    for (const [what, path, write] of [
      ["dashboard page (quarter), after a write", `/dashboard?period=quarter&quarter=${QUARTER}`],
      ["dashboard page (year), after a write", `/dashboard?period=year&year=${YEAR}`],
      ["dashboard page (year), after a logged round", `/dashboard?period=year&year=${YEAR}`, () => moveDataVersion(2)],
      ["dashboard page (year), after a contract", `/dashboard?period=year&year=${YEAR}`, writes.contract],
      ["dashboard page (year), after a stage change", `/dashboard?period=year&year=${YEAR}`, writes.stageChange],
    ] as [string, string, (() => Promise<unknown>)?][]) {
      if (ONLY && !ONLY.test(what)) continue;
      const stat = await httpLoadAfterWrites(HTTP, sessions, path, write);
      http.push({ what, stat });
      console.log(`HTTP ${what}`.padEnd(46), `p50 ${stat.median.toFixed(0)} ms  p95 ${stat.p95.toFixed(0)} ms  errors ${stat.errors}`);
    }

    // While people work: HTTP_USERS managers reading, 2 officers logging rounds through the server action.
    const writers = await officersWithProjects(pool, HTTP, 10, password);
    const actionId = await roundActionId(HTTP, sessions[0], writers[0].projectId);
    const mixedPages: [string, string][] = [
      [FLOOR_PAGE, "/forbidden"],
      ["dashboard page (year)", `/dashboard?period=year&year=${YEAR}`],
      ["project list", "/projects"],
      ...(pageId ? [["project page (50 rounds)", `/projects/${pageId}`] as [string, string]] : []),
      ["My work (unit view)", "/?view=unit"],
    ];
    mixed = await mixedLoad(HTTP, sessions, mixedPages, writers.slice(0, 2), actionId, MIXED_SECONDS);
    for (const p of mixed.pages) console.log(`HTTP with 2 writers: ${p.what}`.padEnd(46), `p50 ${p.stat.median.toFixed(0)} ms  p95 ${p.stat.p95.toFixed(0)} ms  errors ${p.stat.errors}`);
    console.log(`HTTP with 2 writers: rounds logged`.padEnd(46), `${mixed.rounds.perSecond.toFixed(1)}/s  p50 ${mixed.rounds.median.toFixed(0)} ms  p95 ${mixed.rounds.p95.toFixed(0)} ms  failed ${mixed.rounds.errors}`);

    // Rounds per second with 10 officers writing and nobody reading.
    const t0 = performance.now();
    const written = await writeUntil(HTTP, actionId, writers, performance.now() + WRITE_SECONDS * 1000);
    const wrote = written.filter((r) => r.ok).length;
    writersOnly = { ...loadStat(written), perSecond: wrote / ((performance.now() - t0) / 1000), count: wrote };
    console.log(`HTTP 10 writers: rounds logged`.padEnd(46), `${writersOnly.perSecond.toFixed(1)}/s  p50 ${writersOnly.median.toFixed(0)} ms  p95 ${writersOnly.p95.toFixed(0)} ms  failed ${writersOnly.errors}`);

    if (SQL_COUNTER) {
      const get = (path: string, cookie = sessions[0]) => () => timedGet(HTTP, path, cookie);
      const bump = (id: 1 | 2) => () => moveDataVersion(id);
      const officer0 = writers[0];
      const dash = `/dashboard?period=year&year=${YEAR}`;
      for (const [what, request, before] of [
        ["dashboard page (year), served from its cache", get(dash), undefined],
        ["dashboard page (year), right after a logged round", get(dash), bump(2)],
        ["dashboard page (year), right after any other change", get(dash), bump(1)],
        ["project list", get("/projects"), undefined],
        ...(pageId ? [["project page (50 rounds)", get(`/projects/${pageId}`), undefined]] : []),
        ["My work (officer, own work)", get("/", officer0.cookie), undefined],
        ["My work (city manager, unit view)", get("/?view=unit"), undefined],
        ["logging a round (server action and its reply)", () => logRoundHttp(HTTP, actionId, officer0, BY), undefined],
      ] as [string, () => Promise<unknown>, (() => Promise<unknown>) | undefined][]) {
        const st = await statementsOf(what, request, before);
        statements.push(st);
        console.log(`SQL statements: ${what}`.padEnd(46), `${st.statements} (+ ${st.transactionControl} BEGIN/COMMIT)`);
      }
    }
  }

  const f1 = (n: number) => n.toFixed(1);
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), PostgreSQL on ${new URL(url).host}.`,
    `Load average at the start / end of the run: ${loadStart} / ${os.loadavg().map((n) => n.toFixed(1)).join(", ")}${busyAtStart ? " (other work shared the machine: absolute times are inflated; the app/SQL ratios, measured side by side, are the comparable figure)" : " (the machine was otherwise idle at the start; the bench's own HTTP clients share its 2 cores with the server and PostgreSQL)"}.`,
    `Data (\`npm run seed:large\`): ${counts.p.toLocaleString("en")} projects, ${counts.c.toLocaleString("en")} companies, ${counts.r.toLocaleString("en")} negotiation rounds.`,
    `User: the city manager (sees every unit). Period: the year ${YEAR} unless marked (quarter ${QUARTER}). ${RUNS} runs after ${WARMUP} warm-up.`,
    "\"App\" is the lib/data function through Prisma (`$queryRaw` / findMany); \"SQL\" is one hand-written statement sent through `pg`, computing the same answer; \"same\" says whether the answers agreed.",
    "",
    "| query | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio (median) | same answer |",
    "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...rows.map((r) => `| ${r.name} | ${f1(r.app.median)} | ${f1(r.app.p95)} | ${f1(r.sql.median)} | ${f1(r.sql.p95)} | ${(r.app.median / r.sql.median).toFixed(2)} | ${r.same ? "yes" : "NO"} |`),
    "",
    "Whole dashboard data (every section, in parallel, as the page loads it):",
    "",
    "| user and period | median ms | p95 ms | right after a logged round: median ms | p95 ms | after a round / whole (median) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...whole.map((w) => `| ${w.who} | ${f1(w.stat.median)} | ${f1(w.stat.p95)} | ${f1(w.afterRound.median)} | ${f1(w.afterRound.p95)} | ${(w.afterRound.median / w.stat.median).toFixed(2)} |`),
    "",
    "Right after a logged round, the cache (lib/data/dashboard/cache.ts) computes again only what a round changes (getActivitySections: rounds per week/owner/unit from round_day_summary, stalled and overdue, the pipeline's closest projects); everything else is served as it was (its data version, records, did not move).",
    "",
    "The project page reads a project in three SQL statements (lib/data/project-page.ts getProjectPage: the project, the projects it drew, one UNION ALL timeline); as served (getProjectPageView) the first also reads what the journey panel, signings, settings, talks and owners need, and the page adds one for the signed-in user and the bell, one for every picker's list, one for supervision orders and, once signed, one for commitments.",
    "",
    ...(http.length
      ? [
          `HTTP, production server at ${HTTP} (\`npm start\`: one server process per core), ${HTTP_USERS} concurrent signed-in users (the city manager) × ${HTTP_REQUESTS} requests each.`,
          "The dashboard page is served from lib/data/dashboard/cache.ts while data_version has not moved; the rows \"after a write\" move it before each",
          `of ${HTTP_REQUESTS} rounds in which all ${HTTP_USERS} users ask at once, so every round computes the dashboard afresh (once, shared by the users waiting).`,
          `The two "floor" rows are what any request costs here at the same load before it reads or shows anything of its own: a route handler that asks the database \`SELECT 1\`, and the smallest page with the signed-in shell (the session check, navigation and user menu that every page has).`,
          ...floorNote(http),
          "",
          ...(BASELINE
            ? [
                `Each page above the "after a write" rows was also loaded on a baseline build at ${BASELINE}, in ${HTTP_ROUNDS} alternating rounds with this one (the figures pool the rounds); "ratio" is this build's p50 / p95 over the baseline's.`,
                "",
                "| page | p50 ms | p95 ms | non-200 | baseline p50 ms | baseline p95 ms | ratio p50 / p95 |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
              ]
            : ["| page | p50 ms | p95 ms | non-200 |", "| --- | ---: | ---: | ---: |"]),
          ...http.map(
            (h) =>
              `| ${h.what} | ${h.stat.median.toFixed(0)} | ${h.stat.p95.toFixed(0)} | ${h.stat.errors} |` +
              (BASELINE
                ? h.baseline
                  ? ` ${h.baseline.median.toFixed(0)} | ${h.baseline.p95.toFixed(0)} | ${(h.stat.median / h.baseline.median).toFixed(2)} / ${(h.stat.p95 / h.baseline.p95).toFixed(2)} |`
                  : " | | |"
                : ""),
          ),
        ]
      : ["HTTP latency of the production server at 10 concurrent signed-in users: not measured in this run (set BENCH_HTTP_URL to a `next start` server on the same database)."]),
    "",
    ...(mixed
      ? [
          `While people work: ${HTTP_USERS} managers each going round the pages below, one request after another, while 2 officers log rounds back to back through the round form's server action (\`logRoundAction\`), for ${mixed.seconds.toFixed(0)} s. Every round moves data_version's activity number, so the dashboard's activity half is computed again as often as rounds arrive.`,
          "",
          "| page (10 readers, 2 writers) | requests | p50 ms | p95 ms | non-200 | p95 / floor p95 |",
          "| --- | ---: | ---: | ---: | ---: | ---: |",
          ...mixed.pages.map((p) => {
            const floor = mixed!.pages.find((x) => x.what === FLOOR_PAGE)!.stat;
            return `| ${p.what} | ${p.stat.count} | ${p.stat.median.toFixed(0)} | ${p.stat.p95.toFixed(0)} | ${p.stat.errors} | ${(p.stat.p95 / floor.p95).toFixed(2)} |`;
          }),
          `| rounds logged by the 2 officers | ${mixed.rounds.count} (${mixed.rounds.perSecond.toFixed(1)}/s) | ${mixed.rounds.median.toFixed(0)} | ${mixed.rounds.p95.toFixed(0)} | ${mixed.rounds.errors} | |`,
          "",
        ]
      : []),
    ...(writersOnly
      ? [
          `Rounds per second with 10 officers logging rounds back to back (each on a project of their own) through the server action, nobody reading, for ${WRITE_SECONDS} s: **${writersOnly.perSecond.toFixed(1)} rounds/s** (${writersOnly.count} rounds; p50 ${writersOnly.median.toFixed(0)} ms, p95 ${writersOnly.p95.toFixed(0)} ms per round; ${writersOnly.errors} failed). The rounds stay in the database (summary "Bench: …").`,
          "",
        ]
      : []),
    ...(statements.length
      ? [
          "SQL statements per request as served: counted on the wire by scripts/sql-count-proxy.ts between the production server and PostgreSQL (each Execute and simple Query; BEGIN/COMMIT apart), one request at a time, median of 5.",
          "",
          "| request | statements | + BEGIN/COMMIT |",
          "| --- | ---: | ---: |",
          ...statements.map((x) => `| ${x.what} | ${x.statements} | ${x.transactionControl} |`),
          "",
        ]
      : []),
  ];
  mkdirSync("bench", { recursive: true });
  writeFileSync(OUT, lines.join("\n"));
  const figures: BenchFigures = { projects: counts.p, rounds: counts.r, rows, whole, http, mixed, writersOnly, statements };
  writeFileSync(OUT.replace(/\.md$/, ".json"), JSON.stringify(figures, null, 1));
  console.log(`Wrote ${OUT} and its figures (.json; scripts/bench-growth.ts sets two side by side)`);
}

// Only when run as the script (npm run bench): scripts/bench-digest.ts imports its readers and sessions.
if (/(^|[\\/])bench\.ts$/.test(process.argv[1] ?? "")) main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await pool.end();
    await db.$disconnect();
  });
