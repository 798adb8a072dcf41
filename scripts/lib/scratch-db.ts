/**
 * A database of its own on the server in DATABASE_URL, for tests: created
 * empty, dropped afterwards. A user's database is never touched.
 */
import pg from "pg";

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * @param name a fixed name replaces any database left under it (a run that was
 *   killed before it could drop its own); without it, a fresh unique name.
 */
export async function createScratchDb(serverUrl: string, prefix: string, name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`) {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
