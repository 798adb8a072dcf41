/**
 * The one Prisma client of the process (Prisma's guide: one client per
 * process; the global survives hot reload in development), over a pg pool that
 * survives the database dropping its connections (a restart, a failover, a
 * pooler restart): see `createPool`.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/** The pool's time limits (README, "Running past one machine"). */
export const POOL_LIMITS = {
  /** Waiting this long for a connection (all in use, or the server not answering) fails the request with "try again" instead of queueing it for ever. */
  connectionTimeoutMillis: 5_000,
  /** A connection unused this long is closed. */
  idleTimeoutMillis: 30_000,
  /** A statement unanswered this long means the connection is dead (a silent network loss): the request fails and the connection is destroyed. Longer than any statement the app runs (the importer's batches included). */
  queryTimeoutMillis: 120_000,
  /** The server ends a session left idle inside a transaction this long, releasing its locks. */
  idleInTransactionMillis: 60_000,
  /**
   * Prisma's limit for a transaction to start (its `maxWait`: a connection from the pool, then BEGIN), set past the
   * pool's own wait for a connection so that the pool's is the one that decides. Prisma's default, 2 s, refused
   * transactions queued behind colleagues' — creates of one unit and year wait on its project-number counter row, and
   * hold their connections meanwhile — sooner than the pool would have, and only after waiting for the connection
   * anyway (its timer does not stop the wait: it throws once the connection comes). A user who saves while colleagues
   * do gets a short wait, up to the pool's 5 s (connectionTimeoutMillis; then 2 s for BEGIN), not "try again" at 2 s.
   */
  transactionStartMillis: 7_000,
} as const;

const TRANSACTION_END = /^\s*(COMMIT|ROLLBACK)\b/i;

type Client = pg.PoolClient & { _queryable?: boolean; _ending?: boolean };

/** How the current checkout of a client ends early: destroyed, not returned to the pool. */
const destroyers = new WeakMap<pg.PoolClient, (error: Error) => void>();
const wrapped = new WeakSet<pg.PoolClient>();

/**
 * Makes sure a checked-out client always goes back to the pool. Prisma 6.19
 * runs COMMIT/ROLLBACK as a query and only then calls the adapter's release:
 * when that query fails — the connection was terminated — the client is never
 * released, and once every slot has leaked, every query waits for ever. So a
 * client whose COMMIT/ROLLBACK fails, whose connection broke, or which reports
 * a connection error is released with the error (pg destroys it and opens a new
 * one when needed); a second release (the adapter's) does nothing.
 */
function guard(client: Client): Client {
  const release = client.release;
  let released = false;
  const onError = (error: Error) => end(error);
  const end = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    destroyers.delete(client);
    client.removeListener("error", onError);
    release(error);
  };
  client.release = end;
  destroyers.set(client, end);
  client.on("error", onError);

  if (!wrapped.has(client)) {
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        const first = args[0] as string | { text?: string } | undefined;
        const sql = typeof first === "string" ? first : (first?.text ?? "");
        const broken = client._queryable === false || client._ending === true || /Query read timeout/.test(String((error as Error)?.message));
        if (broken || TRANSACTION_END.test(sql)) destroyers.get(client)?.(error instanceof Error ? error : new Error(String(error)));
        throw error;
      });
    }) as typeof client.query;
  }
  return client;
}

/** Prisma's adapter takes transaction clients with `connect()`; `pool.query` (the callback form) already releases its client on any error. */
class GuardedPool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect(callback);
    return super.connect().then((client) => guard(client));
  }
}

/**
 * A pg client that is never without an 'error' listener. The server may end a connection (57P01: a restart, a
 * failover, pg_terminate_backend) at a moment no one listens on its client — between the pool's own listeners,
 * or while it is being taken out of the pool — and an 'error' event nobody hears ends the whole process. The
 * request that used the connection gets its error from its query; the pool drops the client; nothing is lost here.
 */
class ListenedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", () => {});
  }
}

export function createPool(url: string, max: number): pg.Pool {
  const pool = new GuardedPool({
    Client: ListenedClient,
    connectionString: url,
    max,
    connectionTimeoutMillis: POOL_LIMITS.connectionTimeoutMillis,
    idleTimeoutMillis: POOL_LIMITS.idleTimeoutMillis,
    query_timeout: POOL_LIMITS.queryTimeoutMillis,
    idle_in_transaction_session_timeout: POOL_LIMITS.idleInTransactionMillis,
    keepAlive: true,
  });
  // An idle connection the server closed: pg drops it from the pool; without a listener the process would crash.
  pool.on("error", (error) => console.warn(`database: an idle connection was closed (${error.message})`));
  return pool;
}

/**
 * Where a client keeps its pool. A registered symbol, not a module-level map: Next bundles this module once per
 * layer (route handlers, server components, actions), and the one client on `globalThis` is made by whichever copy
 * runs first — every copy must find its pool.
 */
const POOL = Symbol.for("investment-crm.db.pool");

export function createPrismaClient(url: string, poolMax = 10) {
  const pool = createPool(url, poolMax);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // The one setting for every transaction the app opens (db.$transaction, createOnce); a call may still pass its own.
    transactionOptions: { maxWait: POOL_LIMITS.transactionStartMillis },
  });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

export type Db = ReturnType<typeof createPrismaClient>;

/** The pg pool under a client made by createPrismaClient. */
export function poolOf(client: Db): pg.Pool {
  const pool = (client as unknown as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("not a client made by createPrismaClient");
  return pool;
}

/**
 * For tests and benchmarks: counts the statements a client made by createPrismaClient sends to PostgreSQL from now
 * on (every query on the connections its pool opens after this call); returns the count so far.
 */
export function countStatements(client: Db): () => number {
  let n = 0;
  poolOf(client).on("connect", (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    connection.query = ((...args: unknown[]) => {
      n++;
      return query(...args);
    }) as typeof connection.query;
  });
  return () => n;
}

/** For tests and monitoring: connections open, idle, and requests waiting for one. */
export function poolStats(client: Db) {
  const pool = poolOf(client);
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

const globalForPrisma = globalThis as unknown as { prisma?: Db };

export function db(): Db {
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL, env().DATABASE_POOL_MAX);
  return globalForPrisma.prisma;
}
