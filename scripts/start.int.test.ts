import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  return spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start with bad configuration", () => {
  it("stops before serving and names the missing variable", () => {
    const result = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/whatever" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_SECRET: is required");
  });

  it("names a bad variable", () => {
    const result = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/whatever", NEXTAUTH_SECRET: "x".repeat(40), DATABASE_POOL_MAX: "0" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_POOL_MAX");
  });
});
