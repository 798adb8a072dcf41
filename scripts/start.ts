/**
 * `npm start`: serves the production app.
 * - Without DATABASE_URL: starts the embedded PostgreSQL (data in .data/pglite),
 *   applies migrations, seeds the demo data on the first run, builds if needed
 *   and serves on PORT (default 3000).
 * - With DATABASE_URL: uses that PostgreSQL, applies migrations, never seeds
 *   (that is `npm run db:seed`).
 * - `--e2e` (Playwright's web server): a fresh database of its own (a scratch
 *   database on DATABASE_URL's server, else an in-memory embedded one) with the
 *   demo data, dropped on exit.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDb } from "./lib/embedded-db";
import { migrateDeploy } from "./lib/migrate";
import { createScratchDb } from "./lib/scratch-db";
import { buildIfNeeded } from "./lib/build-if-needed";
import { parseEnv, EnvError } from "../lib/env";
import { createPrismaClient } from "../lib/db";
import { seedDemo } from "../prisma/seed/demo";

const DATA_DIR = ".data";
const e2e = process.argv.includes("--e2e");
const cleanups: (() => Promise<void>)[] = [];

/** A secret made once per checkout for the embedded demo, kept in .data/. */
function localSecret() {
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function chooseDatabase(env: NodeJS.ProcessEnv, port: string) {
  if (e2e) {
    if (env.DATABASE_URL) {
      // One name per port: Playwright may kill this process before it drops
      // its database, and the next run on the port replaces what was left.
      const scratch = await createScratchDb(env.DATABASE_URL, "crm_e2e", `crm_e2e_${port}`);
      cleanups.push(scratch.drop);
      return { url: scratch.url, label: `a scratch database on ${new URL(env.DATABASE_URL).host}`, seed: true, demo: true };
    }
    const embedded = await startEmbeddedDb({});
    cleanups.push(embedded.stop);
    return { url: embedded.url, label: "an in-memory embedded PostgreSQL (PGlite)", seed: true, demo: true };
  }
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    return { url: env.DATABASE_URL, label: `PostgreSQL at ${u.host}${u.pathname}`, seed: false, demo: false };
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const embedded = await startEmbeddedDb({ dataDir: path.join(DATA_DIR, "pglite"), port: Number(env.PGLITE_PORT ?? 0) });
  cleanups.push(embedded.stop);
  return { url: embedded.url, label: `the embedded PostgreSQL (PGlite) in ${path.join(DATA_DIR, "pglite")}`, seed: true, demo: true };
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  const port = env.PORT ?? (e2e ? "3100" : "3000");
  const database = await chooseDatabase(env, port);
  env.DATABASE_URL = database.url;
  if (database.demo) {
    env.CRM_DEMO_MODE = "1";
    env.DATABASE_POOL_MAX ??= "8";
    env.NEXTAUTH_SECRET ??= e2e ? "e2e-secret-not-for-production-0123456789abcdef" : localSecret();
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  // The browser tests' clock for the reminder worker (scripts/notify-worker.ts): only ever set here, only with --e2e.
  delete env.CRM_E2E_CLOCK_FILE;
  if (e2e) {
    mkdirSync(DATA_DIR, { recursive: true });
    env.CRM_E2E_CLOCK_FILE = path.resolve(DATA_DIR, `e2e-clock-${port}`);
    writeFileSync(env.CRM_E2E_CLOCK_FILE, "");
  }

  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  console.log(`Database: ${database.label}`);
  await migrateDeploy(database.url, { quiet: true });

  let demoSignIns: { email: string; role: string; unit: string }[] = [];
  if (database.seed) {
    const prisma = createPrismaClient(database.url, 2);
    const seeded = await seedDemo(prisma);
    if (seeded.projects > 0) console.log(`Seeded the demo data: ${seeded.projects} projects, ${seeded.rounds} negotiation rounds.`);
    const users = await prisma.user.findMany({
      where: { email: { endsWith: "@demo.local" }, disabledAt: null },
      select: { email: true, role: true, unit: { select: { nameEn: true } } },
      orderBy: [{ role: "desc" }, { email: "asc" }],
    });
    demoSignIns = users.map((u) => ({ email: u.email, role: u.role, unit: u.unit.nameEn }));
    await prisma.$disconnect();
  }

  buildIfNeeded(env);

  if (demoSignIns.length > 0) {
    console.log("\nDemo sign-ins (password: demo-password):");
    for (const { email, role, unit } of demoSignIns) console.log(`  ${email.padEnd(26)} ${role.padEnd(8)} ${unit}`);
  }
  console.log(`\nServing on http://localhost:${port}\n`);

  // One Next.js server process per core on the port (scripts/serve.ts).
  const server = spawn(path.join("node_modules", ".bin", "tsx"), [path.join("scripts", "serve.ts")], { stdio: "inherit", env: { ...env, PORT: port } });
  // The reminder worker beside the web processes (NOTIFY_WORKER=0 leaves it to another machine).
  const worker = env.NOTIFY_WORKER === "0" ? null : startWorker(env);
  const stop = () => {
    worker?.kill("SIGTERM");
    server.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    worker?.kill("SIGTERM");
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(code ?? 0);
  });
}

/** scripts/notify-worker.ts, restarted if it exits (after 5 s, so a broken configuration does not spin). */
function startWorker(env: NodeJS.ProcessEnv) {
  let stopped = false;
  let child = spawnWorker(env);
  const restart = () => {
    if (stopped) return;
    setTimeout(() => {
      if (stopped) return;
      child = spawnWorker(env);
      child.on("exit", restart);
    }, 5_000);
  };
  child.on("exit", restart);
  return { kill: (signal: NodeJS.Signals) => ((stopped = true), child.kill(signal)) };
}

function spawnWorker(env: NodeJS.ProcessEnv) {
  return spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", path.join("scripts", "notify-worker.ts")], { stdio: "inherit", env });
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(1);
});
