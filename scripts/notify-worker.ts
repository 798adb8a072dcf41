/**
 * The reminder worker process, started by `npm start` beside the web
 * processes (scripts/start.ts): lib/notify/worker.ts on DATABASE_URL, email
 * from SMTP_URL/SMTP_FROM when set, the units' chat robots as configured.
 *
 * Browser tests only: `npm run start:e2e` (scripts/start.ts --e2e) passes
 * CRM_E2E_CLOCK_FILE, a file the test writes "now" into, and the worker then
 * ticks every 2 s with that clock. The setting is obeyed only together with the
 * demo mode (CRM_DEMO_MODE=1, a database start.ts made itself) and start.ts
 * removes it from the environment of every other start, so a production
 * `npm start` (DATABASE_URL, no demo mode) never reads it.
 */
import { existsSync, readFileSync } from "node:fs";
import { createPrismaClient } from "../lib/db";
import { TICK_QUEUE, startNotifyWorker } from "../lib/notify/worker";
import { transportsFromEnv } from "../lib/notify/channels";

function e2eClock(): (() => Date) | null {
  const file = process.env.CRM_E2E_CLOCK_FILE;
  if (!file) return null;
  if (process.env.CRM_DEMO_MODE !== "1") {
    console.error("Reminder worker: CRM_E2E_CLOCK_FILE is ignored outside the browser tests' demo database.");
    return null;
  }
  return () => {
    const text = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
    const set = text ? new Date(text) : null;
    return set && !Number.isNaN(set.getTime()) ? set : new Date();
  };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required");
  const db = createPrismaClient(url, 3);
  const clock = e2eClock();
  const worker = await startNotifyWorker({ databaseUrl: url, db, transports: transportsFromEnv(), clock: clock ?? undefined, log: (m) => console.log(m) });
  console.log(`Reminder worker started${process.env.SMTP_URL ? "" : " (email off: SMTP_URL not set)"}.`);
  if (clock) setInterval(() => void worker.boss.send(TICK_QUEUE, {}).catch(() => undefined), 2_000);
  const stop = async () => {
    await worker.stop().catch(() => undefined);
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(`Reminder worker: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
