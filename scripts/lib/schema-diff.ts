/**
 * The SQL that brings a database built from prisma/migrations to what
 * prisma/schema.prisma describes: Prisma's own
 * `migrate diff --from-migrations … --to-schema-datamodel … --script`, run by
 * the JavaScript schema engine (prisma.config.ts, prisma/schema-engine-adapter.ts).
 * The engine replays the migrations in a scratch ("shadow") database it creates
 * on the server and drops afterwards; without a server, in an in-memory
 * embedded PostgreSQL started here. Nothing is written to any database of yours.
 *
 * Used by `npm run db:diff` (scripts/db-diff.ts) and the drift test
 * (prisma/schema-drift.int.test.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedDb } from "./embedded-db";
import { servesDatabasesByName } from "./scratch-db";

const PRISMA_BIN = path.join(process.cwd(), "node_modules", ".bin", "prisma");

export type SchemaDiff = { changed: boolean; sql: string; replayedOn: string };

/**
 * @param serverUrl a PostgreSQL server to make the scratch database on (any
 *   database URL on it; that database is only read), or undefined for a
 *   fresh embedded one (also used when the server is an embedded PGlite,
 *   which serves one database whatever name is asked)
 */
export async function diffMigrationsToSchema(
  serverUrl: string | undefined,
  { migrations = path.join("prisma", "migrations"), schema = path.join("prisma", "schema.prisma") } = {},
): Promise<SchemaDiff> {
  if (serverUrl && (await servesDatabasesByName(serverUrl))) {
    return { ...(await runDiff(serverUrl, migrations, schema)), replayedOn: new URL(serverUrl).host };
  }
  // The engine's shadow is this empty instance itself (see connectToShadowDb).
  const embedded = await startEmbeddedDb({});
  try {
    return { ...(await runDiff(embedded.url, migrations, schema)), replayedOn: "an in-memory embedded PostgreSQL" };
  } finally {
    await embedded.stop();
  }
}

/** Asynchronous on purpose: the embedded database is served by this very process. */
function runDiff(url: string, migrations: string, schema: string): Promise<{ changed: boolean; sql: string }> {
  const args = ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script", "--exit-code"];
  return new Promise((resolve, reject) => {
    const child = spawn(PRISMA_BIN, args, { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      // --exit-code: 0 no difference, 2 a difference, 1 an error.
      if (code === 0 || code === 2) return resolve({ changed: code === 2, sql: stdout.trim() });
      reject(new Error(`prisma migrate diff failed (exit ${code}):\n${stderr}${stdout}`));
    });
  });
}
