/**
 * The health check answers within its limit whatever the database does, and
 * recovers with it: 200 while it answers, 503 within about 2 s while it is
 * stopped or unreachable, 200 again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, poolStats, type Db } from "@/lib/db";
import { HEALTH_TIMEOUT_MS, healthResponse } from "@/lib/health";
import { startFaultProxy } from "@/test/fault-proxy";
import { GET } from "@/app/api/health/route";

let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let app: Db;

beforeAll(async () => {
  proxy = await startFaultProxy(process.env.DATABASE_URL!);
  app = createPrismaClient(proxy.url, 4);
});

afterAll(async () => {
  await proxy.close();
  await app.$disconnect();
});

async function timedHealth() {
  const started = performance.now();
  const response = await healthResponse(app);
  return { status: response.status, ms: performance.now() - started, body: await response.json() };
}

/** Checks until the answer is 200, as a load balancer does; returns how many checks it took. */
async function checksUntilHealthy(limit: number) {
  for (let i = 1; i <= limit; i++) if ((await timedHealth()).status === 200) return i;
  return Infinity;
}

it("GET /api/health answers 200 on the app's database", async () => {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

describe("GET /api/health while the database goes away and comes back", () => {
  it("answers 503 at once while the database refuses connections, and 200 once it is back", async () => {
    expect((await timedHealth()).status).toBe(200);
    proxy.set("refuse");
    for (let i = 0; i < 3; i++) {
      const down = await timedHealth();
      expect(down).toMatchObject({ status: 503, body: { status: "error", db: "unreachable" } });
      expect(down.ms).toBeLessThan(HEALTH_TIMEOUT_MS + 500);
    }
    proxy.set("up");
    expect(await checksUntilHealthy(3)).toBe(1);
  });

  it("answers 503 within its limit while the database does not answer at all, and 200 again after", async () => {
    expect((await timedHealth()).status).toBe(200);
    proxy.set("blackhole");
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const down = await timedHealth();
      expect(down.status).toBe(503);
      times.push(Math.round(down.ms));
    }
    console.log(`health while the database does not answer: ${times.join(", ")} ms`);
    expect(Math.max(...times)).toBeLessThan(HEALTH_TIMEOUT_MS + 500);
    proxy.set("up");
    // Back within a few checks (connections that were stuck are given up at the pool's limits).
    const checks = await checksUntilHealthy(5);
    console.log(`healthy again at check ${checks} after the database came back`);
    expect(checks).toBeLessThanOrEqual(5);
    expect(poolStats(app).waiting).toBe(0);
  });
});
