/**
 * An embedded PostgreSQL (PGlite, compiled to WASM) behind a real Postgres
 * wire-protocol socket, so the app, Prisma and psql talk to it exactly as to
 * a server. Used by `npm start` without DATABASE_URL, and by the tests when no
 * DATABASE_URL is given.
 */
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

/**
 * @param dataDir a folder to keep the data in, or undefined for memory only
 * @param port 0 picks a free port
 */
export async function startEmbeddedDb({ dataDir, port = 0 }: { dataDir?: string; port?: number }): Promise<EmbeddedDb> {
  const pglite = await PGlite.create(dataDir ?? "memory://", { extensions: { pg_trgm } });
  // The socket server queues queries and keeps a transaction to the
  // connection that opened it, so several pooled connections are safe.
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port, maxConnections: 32 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
