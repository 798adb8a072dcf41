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
 * Whether the server behind `url` gives every database name a database of its
 * own. PostgreSQL does; the embedded PGlite serves its one database whatever
 * name a connection asks for, so a "scratch database" there would be the
 * shared one (CREATE DATABASE succeeds, and changes nothing).
 */
export async function servesDatabasesByName(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: withDatabase(url, `crm_no_such_db_${Math.random().toString(36).slice(2, 10)}`) });
  try {
    await probe.connect();
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") return true; // database does not exist
    throw error;
  }
  await probe.end();
  return false;
}

/**
 * Refused on a server that ignores database names (see servesDatabasesByName).
 * @param name a fixed name replaces any database left under it (a run that was
 *   killed before it could drop its own); without it, a fresh unique name.
 */
export async function createScratchDb(serverUrl: string, prefix: string, name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`) {
  if (!(await servesDatabasesByName(serverUrl))) {
    throw new Error(`The server at ${new URL(serverUrl).host} ignores database names (an embedded PGlite?): no scratch database can be made there.`);
  }
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
