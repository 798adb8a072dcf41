/**
 * Gives the test run a real, empty, migrated PostgreSQL of its own:
 * a scratch database on the server in DATABASE_URL (created here, dropped at
 * the end; the database named in DATABASE_URL is never touched), or, without
 * DATABASE_URL, an in-memory embedded PostgreSQL (PGlite).
 */
import type { TestProject } from "vitest/node";
import { startEmbeddedDb } from "../scripts/lib/embedded-db";
import { createScratchDb } from "../scripts/lib/scratch-db";
import { migrateDeploy } from "../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const database = serverUrl ? await createScratchDb(serverUrl, "crm_test") : await startEmbeddedDb({});
  const url = "url" in database ? database.url : "";
  console.log(`Tests use ${serverUrl ? `a scratch database on ${new URL(serverUrl).host}` : "an in-memory embedded PostgreSQL"}.`);
  await migrateDeploy(url, { quiet: true });
  project.provide("databaseUrl", url);
  return async () => {
    if ("drop" in database) await database.drop();
    else await database.stop();
  };
}
