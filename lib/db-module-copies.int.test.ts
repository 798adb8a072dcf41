/**
 * Next bundles lib/db once per layer (route handlers, pages, actions); the process's one client is made by whichever
 * copy runs first. CI found /api/health answering 500 ("not a client made by createPrismaClient") when a page had
 * made the client: the health route's copy must still find the pool.
 */
import { afterAll, expect, it, vi } from "vitest";

const made: { $disconnect(): Promise<void> }[] = [];
afterAll(async () => {
  for (const client of made) await client.$disconnect();
});

it("a client made by one copy of lib/db is served by another copy's health check", async () => {
  const first = await import("@/lib/db");
  const client = first.createPrismaClient(process.env.DATABASE_URL!, 2);
  made.push(client);
  vi.resetModules();
  const second = await import("@/lib/db");
  const { databaseAnswers } = await import("@/lib/health");
  expect(second).not.toBe(first);
  expect(second.poolStats(client).total).toBeGreaterThanOrEqual(0);
  expect(await databaseAnswers(client)).toBe(true);
});
