import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
});

describe("GET /api/health", () => {
  it("is 200 with db ok when the database answers", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("is 503 when the database does not answer", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { GET } = await import("@/app/api/health/route");
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ db: "unreachable" });
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
