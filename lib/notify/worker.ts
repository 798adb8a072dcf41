/**
 * The reminder worker: a pg-boss queue on the app's own PostgreSQL (schema
 * "pgboss"; no other server). A cron schedule puts a `notify-tick` job every
 * minute; the queue's "singleton" policy runs one tick at a time across every
 * worker of every instance, and pg-boss retries a tick that threw. A tick
 * scans what is due (lib/notify/scan.ts) and sends the deliveries that are due
 * (lib/notify/deliver.ts). Neither relies on the queue for exactly-once: the
 * notification and delivery rows' unique keys and the delivery claims do, so a
 * second worker, a restart mid-tick or a duplicate job sends nothing twice.
 * A second schedule runs the daily clean-up (`import-runs-prune`: old import
 * outcomes, lib/import/import-runs.ts) once a day across every instance.
 */
import PgBoss from "pg-boss";
import pg from "pg";
import type { Db } from "@/lib/db";
import { scan, type ScanResult } from "@/lib/notify/scan";
import { sendDue, type SendResult } from "@/lib/notify/deliver";
import type { Transports } from "@/lib/notify/channels";
import { pruneImportRuns } from "@/lib/import/import-runs";

export const TICK_QUEUE = "notify-tick";
/**
 * The daily clean-up: at 04:00 Beijing time, off hours. pg-boss puts one job per cron slot whatever the number of
 * instances (and the delete is idempotent), so it runs at most once a day.
 */
export const PRUNE_QUEUE = "import-runs-prune";
export const PRUNE_SCHEDULE = { cron: "0 4 * * *", tz: "Asia/Shanghai" } as const;

/** One round of the worker as of `now`. */
export async function tick(db: Db, { now, transports }: { now: Date; transports: Transports }): Promise<{ scanned: ScanResult; sent: SendResult }> {
  const scanned = await scan(db, { now, email: transports.email !== null });
  const sent = await sendDue(db, { now, transports });
  return { scanned, sent };
}

export type NotifyWorker = { boss: PgBoss; stop: () => Promise<void> };

/** Starts the queue, the minute schedule and the tick handler; a first tick runs at once. */
export async function startNotifyWorker(opts: { databaseUrl: string; db: Db; transports: Transports; clock?: () => Date; log?: (m: string) => void }): Promise<NotifyWorker> {
  const clock = opts.clock ?? (() => new Date());
  const boss = new PgBoss({ connectionString: opts.databaseUrl, schema: "pgboss", max: 2 });
  boss.on("error", (error) => opts.log?.(`notify worker: ${error.message}`));
  await oneAtATime(opts.databaseUrl, async () => {
    await boss.start();
    await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 });
    await boss.schedule(TICK_QUEUE, "* * * * *");
    await boss.createQueue(PRUNE_QUEUE, { name: PRUNE_QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 600 });
    await boss.schedule(PRUNE_QUEUE, PRUNE_SCHEDULE.cron, {}, { tz: PRUNE_SCHEDULE.tz });
  });
  await boss.work(TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const { scanned, sent } = await tick(opts.db, { now: clock(), transports: opts.transports });
    const made = Object.values(scanned).reduce((a, b) => a + (b ?? 0), 0);
    if (made + sent.sent + sent.retrying + sent.failed > 0) opts.log?.(`notify worker: ${made} new notifications, ${sent.sent} sent, ${sent.retrying} to retry, ${sent.failed} failed`);
  });
  await boss.work(PRUNE_QUEUE, async () => {
    const pruned = await pruneImportRuns(opts.db, clock());
    if (pruned > 0) opts.log?.(`notify worker: ${pruned} import outcomes past their retention deleted`);
  });
  await boss.send(TICK_QUEUE, {});
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

/** The advisory lock the workers' set-up holds (any 64-bit number no other code of this app uses). */
const SETUP_LOCK = 7_326_114_002;

/**
 * Runs the queue's set-up (schema, queue, schedule) under a database-wide advisory lock: workers of several
 * instances starting together on a fresh database otherwise deadlock in pg-boss's CREATE TABLE / ATTACH PARTITION
 * (seen in the two-worker test). The lock is a session lock on a connection of its own, released at the end.
 */
async function oneAtATime(databaseUrl: string, setUp: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK]);
    try {
      await setUp();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK]);
    }
  } finally {
    await client.end();
  }
}
