/**
 * For tests that order concurrent transactions with locks instead of timing:
 * a connection that holds a lock (`holder`), a Prisma client whose backends
 * can be found by name (`namedClient`), and waiting until one of them is
 * blocked by the holder (`blockedBy`). Needs a PostgreSQL server: on the
 * embedded PGlite (one backend) a held lock stops every other connection.
 */
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { testDb, uniq } from "@/test/factories";

/** A client on the run's database whose connections carry `application_name` = its `name`. */
export function namedClient(prefix: string, poolMax: number): { db: Db; name: string } {
  const name = `${prefix}-${uniq()}`;
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", name);
  return { db: createPrismaClient(url.toString(), poolMax), name };
}

/** A connection of its own, in a transaction, to take locks with; `release` rolls it back and closes it. */
export async function holder(): Promise<{ query: pg.Client["query"]; pid: number; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  let released = false;
  return {
    query: client.query.bind(client) as pg.Client["query"],
    pid,
    release: async () => {
      if (released) return;
      released = true;
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    },
  };
}

/**
 * Waits until a backend of the client named `name` waits on a lock `holderPid` holds, running a statement that
 * matches `statement` (an ILIKE pattern); throws after `ms`. Asked on another connection, outside any transaction
 * (a transaction sees one snapshot of pg_stat_activity).
 */
export async function blockedBy(name: string, holderPid: number, statement = "%", ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const rows = await testDb().$queryRaw<unknown[]>`
      SELECT 1 FROM pg_stat_activity
       WHERE application_name = ${name} AND ${holderPid}::int = ANY(pg_blocking_pids(pid)) AND query ILIKE ${statement}`;
    if (rows.length > 0) return;
    if (Date.now() > end) throw new Error(`no backend of ${name} came to wait on ${holderPid}'s lock (${statement})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
