/**
 * The one Prisma client of the process (Prisma's guide: one client per
 * process; the global survives hot reload in development).
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(url: string, poolMax = 10) {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

export type Db = ReturnType<typeof createPrismaClient>;

/** The pg pool under a client, for tests and monitoring: how many connections are open, idle, waited for. */
export function poolStats(client: Db) {
  const pool = pools.get(client);
  if (!pool) throw new Error("not a client made by createPrismaClient");
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

const globalForPrisma = globalThis as unknown as { prisma?: Db };

export function db(): Db {
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL, env().DATABASE_POOL_MAX);
  return globalForPrisma.prisma;
}
