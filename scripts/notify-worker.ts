/**
 * The reminder worker process, started by `npm start` beside the web
 * processes (scripts/start.ts): lib/notify/worker.ts on DATABASE_URL, email
 * from SMTP_URL/SMTP_FROM when set, the units' chat robots as configured.
 */
import { createPrismaClient } from "../lib/db";
import { startNotifyWorker } from "../lib/notify/worker";
import { transportsFromEnv } from "../lib/notify/channels";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required");
  const db = createPrismaClient(url, 3);
  const worker = await startNotifyWorker({ databaseUrl: url, db, transports: transportsFromEnv(), log: (m) => console.log(m) });
  console.log(`Reminder worker started${process.env.SMTP_URL ? "" : " (email off: SMTP_URL not set)"}.`);
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
