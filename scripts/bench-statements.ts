/**
 * `npx tsx scripts/bench-statements.ts`: SQL statements per request as served, per page and role — the part of
 * `npm run bench` that counts statements (BENCH_SQL_COUNTER_URL), for more pages and roles and without the load
 * runs. Against a production server (BENCH_HTTP_URL) reaching PostgreSQL through scripts/sql-count-proxy.ts
 * (whose counters are at BENCH_SQL_COUNTER_URL), on a copy of the seed:large set (DATABASE_URL, read directly to
 * pick the projects). Each request is sent once to warm up, then 5 times one at a time; the median of the
 * counters' difference is reported (the server's own health checks, one `SELECT 1` per worker every 10 s, are
 * why it is a median). Prints a markdown table; BENCH_OUT (optional) gets the figures as JSON.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { BENCH_USERS } from "./lib/bench-actors";
import { signIn } from "./lib/bench-http";

const HTTP = process.env.BENCH_HTTP_URL;
const COUNTER = process.env.BENCH_SQL_COUNTER_URL;
const PASSWORD = process.env.BENCH_PASSWORD ?? "bench-password-123";
if (!HTTP || !COUNTER || !process.env.DATABASE_URL) {
  console.error("Set BENCH_HTTP_URL, BENCH_SQL_COUNTER_URL and DATABASE_URL (see the header).");
  process.exit(1);
}

const counters = async () => ((await (await fetch(COUNTER!)).json()) as { statements: number; transactionControl: number }).statements;

async function get(path: string, cookie: string) {
  const res = await fetch(`${HTTP}${path}`, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
}

/** `write` (optional): made before each measured request, straight to PostgreSQL (not through the relay: not counted). */
async function statementsOf(path: string, cookie: string, write?: () => Promise<unknown>): Promise<number> {
  await get(path, cookie);
  const s: number[] = [];
  for (let i = 0; i < 5; i++) {
    await write?.();
    const before = await counters();
    await get(path, cookie);
    s.push((await counters()) - before);
  }
  return s.sort((a, b) => a - b)[2];
}

async function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const officerEmail = BENCH_USERS.officer;
  // The officer's own projects (in the county manager's scope too): the one with most rounds before a signing, and after one.
  const pick = async (signed: boolean) =>
    (
      await pool.query<{ id: number; round_count: number }>(
        `SELECT p.id, p.round_count FROM project p JOIN app_user a ON a.id = p.owner_id
          WHERE a.email = $1 AND ${signed ? "" : "NOT"} EXISTS (SELECT 1 FROM contract k WHERE k.project_id = p.id)
            AND p.stage::text = ANY($2) ORDER BY p.round_count DESC, p.id LIMIT 1`,
        [officerEmail, signed ? ["SIGNED", "CONSTRUCTION", "OPERATING"] : ["FIRST_CONTACT", "INTENT", "NEGOTIATION"]],
      )
    ).rows[0];
  const [unsigned, signed] = [await pick(false), await pick(true)];
  // A counted signing whose amount each "after" request first moves (every section counting signings computes again).
  const counted = (await pool.query<{ contract_id: number }>(`SELECT contract_id FROM counted_signing ORDER BY signed_on DESC, contract_id LIMIT 1`)).rows[0];
  const moveSigning = () => pool.query(`UPDATE contract SET contracted_investment_cny = contracted_investment_cny + 1 WHERE id = $1`, [counted.contract_id]);
  const year = new Date().getUTCFullYear() - 1;

  const users = { "city manager": BENCH_USERS.city, "county manager": BENCH_USERS.county, officer: officerEmail } as const;
  const cookies = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([who, email]) => [who, await signIn(HTTP!, email, PASSWORD)] as const)));
  const pages: [string, (who: string) => string, (() => Promise<unknown>)?][] = [
    ["smallest signed-in page (/forbidden: the shell alone)", () => "/forbidden"],
    [`dashboard (year ${year}), served from its cache`, () => `/dashboard?period=year&year=${year}`],
    [`dashboard (year ${year}), right after a counted signing changed`, () => `/dashboard?period=year&year=${year}`, moveSigning],
    [`project page, before the signing (#${unsigned.id}, ${unsigned.round_count} rounds)`, () => `/projects/${unsigned.id}`],
    [`project page, signed (#${signed.id}, ${signed.round_count} rounds)`, () => `/projects/${signed.id}`],
    ["My work (officer: own work; managers: unit view)", (who) => (who === "officer" ? "/" : "/?view=unit")],
    ["project list", () => "/projects"],
  ];
  const rows: { page: string; who: string; statements: number }[] = [];
  for (const [page, path, write] of pages) {
    for (const who of Object.keys(users)) {
      const statements = await statementsOf(path(who), cookies[who], write);
      rows.push({ page, who, statements });
      console.error(`${page} · ${who}: ${statements}`);
    }
  }
  const whos = Object.keys(users);
  console.log(["| page | " + whos.join(" | ") + " |", "| --- |" + whos.map(() => " ---: |").join(""), ...pages.map(([page]) => `| ${page} | ${whos.map((w) => rows.find((r) => r.page === page && r.who === w)!.statements).join(" | ")} |`)].join("\n"));
  await pool.end();
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ at: new Date().toISOString(), http: HTTP, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
