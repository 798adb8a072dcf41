/**
 * The database drops the app's connections in the middle of a burst of writes
 * (what a PostgreSQL restart, a failover or a PgBouncer restart does), several
 * times: every request still settles (it succeeds or gets the "try again"
 * error), the pool leaks no client and refills, and nothing is half-written.
 *
 * Runs on the PostgreSQL server in DATABASE_URL only, in a database of its own
 * (the terminations would hit other test files' connections otherwise).
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, poolStats, type Db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";
import { logRound } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { createScratchDb, servesDatabasesByName } from "@/scripts/lib/scratch-db";
import { migrateDeploy } from "@/scripts/lib/migrate";

const ROUNDS = 6;
const BURST = 10;
/** A request that has not settled after this long is counted as hung. */
const SETTLE_BOUND_MS = 10_000;
/** How many of a burst's requests finish before the connections are terminated, round by round. */
const KILL_AFTER = [0, 3, 6, 1, 8, 4];
const TERMINATE = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;

/** A scratch database on a real server, or null on the embedded PGlite (one backend, nothing to terminate). */
async function serverDatabase() {
  if (!(await servesDatabasesByName(process.env.DATABASE_URL!))) return null;
  const scratch = await createScratchDb(process.env.DATABASE_URL!, "crm_fault_test");
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
  await client.end();
  if (rows[0].name !== new URL(scratch.url).pathname.slice(1)) {
    await scratch.drop();
    return null;
  }
  await migrateDeploy(scratch.url, { quiet: true });
  process.env.DATABASE_URL = scratch.url; // the factories' client (test data) goes there too
  return scratch;
}

const database = await serverDatabase();
let app: Db | undefined;

afterAll(async () => {
  // A client leaked to the pool would keep $disconnect waiting for ever: bound it.
  await Promise.race([app?.$disconnect(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  await database?.drop();
});

type Outcome = { requestId: string; projectId: number; result: "ok" | "try-again" | "other-error" | "hung"; error?: unknown };

function settle(promise: Promise<unknown>): Promise<Pick<Outcome, "result" | "error">> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<Pick<Outcome, "result">>((resolve) => {
    timer = setTimeout(() => resolve({ result: "hung" }), SETTLE_BOUND_MS);
  });
  const outcome = promise.then(
    () => ({ result: "ok" as const }),
    (error: unknown) => ({ result: isDatabaseUnavailable(error) ? ("try-again" as const) : ("other-error" as const), error }),
  );
  return Promise.race([outcome, bound]).finally(() => clearTimeout(timer));
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!database)("connections terminated by the database mid-burst (needs a PostgreSQL server in DATABASE_URL: the embedded PGlite has no backends to terminate)", () => {
  it("every request settles, the pool leaks nothing and refills, and nothing is half-written", { timeout: 240_000 }, async () => {
    const { makeActor, makeProject } = await import("@/lib/data/stage.test-helpers");
    const officer = await makeActor("OFFICER");
    const projects = [await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] }), await makeProject(officer, { path: ["INTENT"] })];
    app = createPrismaClient(database!.url, 10); // the app's client and pool settings (DATABASE_POOL_MAX's default)
    const input = (projectId: number) =>
      ZLogRound.parse({ projectId: String(projectId), requestId: crypto.randomUUID(), format: "VISIT_HERE", summary: "双方就用地和电价进行了交流。" });

    const killer = new pg.Client({ connectionString: database!.url });
    await killer.connect();
    const outcomes: Outcome[] = [];
    let terminated = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        let settled = 0;
        const requests = Array.from({ length: BURST }, (_, i) => {
          const data = input(projects[i % 2].id);
          return settle(logRound(app!, officer, data)).then((o) => {
            settled++;
            return { requestId: data.requestId, projectId: data.projectId, ...o };
          });
        });
        // Mid-burst: once some of the burst's transactions are at the database,
        // and (from the second round on) after a few requests have finished.
        const after = KILL_AFTER[round % KILL_AFTER.length];
        for (let polls = 0; polls < 2_000 && settled < BURST; polls++) {
          const [{ busy }] = (
            await killer.query<{ busy: number }>(
              `SELECT count(*)::int AS busy FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
            )
          ).rows;
          if (busy >= 1 && settled >= after) break;
        }
        terminated += (await killer.query(TERMINATE)).rowCount ?? 0;
        outcomes.push(...(await Promise.all(requests)));
      }
    } finally {
      await killer.end();
    }

    const hung = outcomes.filter((o) => o.result === "hung");
    const other = outcomes.filter((o) => o.result === "other-error");
    const failed = outcomes.filter((o) => o.result === "try-again");
    console.log(
      `${ROUNDS} rounds of ${BURST}: ${terminated} connections terminated; ${outcomes.length - failed.length - hung.length - other.length} ok, ` +
        `${failed.length} "try again", ${hung.length} hung, ${other.length} other errors; pool ${JSON.stringify(poolStats(app))}`,
    );
    expect(other.map((o) => String(o.error))).toEqual([]);
    expect(hung.length).toBe(0);
    expect(terminated).toBeGreaterThan(0);

    // The pool refills: a burst after the faults all succeeds.
    const after = await Promise.all(Array.from({ length: BURST }, (_, i) => settle(logRound(app!, officer, input(projects[i % 2].id)))));
    expect(after.map((o) => o.result)).toEqual(Array(BURST).fill("ok"));
    // Nothing leaked: no client is checked out or waited for once every request settled.
    const stats = poolStats(app);
    expect(stats.waiting).toBe(0);
    expect(stats.total - stats.idle).toBe(0);
    expect(stats.total).toBeLessThanOrEqual(10);

    // No partial writes. Every reported success is there; a "try again" left nothing
    // (unless its COMMIT reached the database and only the answer was lost: then the
    // retry the message asks for returns that very round, never a second one).
    const ids = outcomes.map((o) => o.requestId);
    const present = new Set(
      (await query<{ request_id: string }>("SELECT request_id::text FROM negotiation_round WHERE request_id::text = ANY($1)", [ids])).map((r) => r.request_id),
    );
    for (const o of outcomes.filter((o) => o.result === "ok")) expect(present.has(o.requestId)).toBe(true);
    const committedButFailed = failed.filter((o) => present.has(o.requestId));
    console.log(`${committedButFailed.length} "try again" answers whose round had committed (answer lost with the connection)`);
    for (const o of failed) {
      const retry = await logRound(app, officer, { ...input(o.projectId), requestId: o.requestId });
      expect(retry.projectId).toBe(o.projectId);
    }
    for (const p of projects) {
      const [project] = await query<{ round_count: number; version: number }>("SELECT round_count, version FROM project WHERE id = $1", [p.id]);
      const rounds = await query<{ id: number; number: number; request_id: string }>(
        "SELECT id, number, request_id::text FROM negotiation_round WHERE project_id = $1 ORDER BY number",
        [p.id],
      );
      const audits = await query<{ entity_id: string }>("SELECT entity_id FROM audit_log WHERE action = 'round.create' AND (after->>'projectId')::int = $1", [p.id]);
      expect(project.round_count).toBe(rounds.length);
      expect(rounds.map((r) => r.number)).toEqual(rounds.map((_, i) => i + 1));
      expect(new Set(rounds.map((r) => r.request_id)).size).toBe(rounds.length); // one round per request
      expect(audits.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual(rounds.map((r) => r.id).sort((a, b) => a - b));
      expect(project.version).toBe(p.version + rounds.length);
    }
  });
});
