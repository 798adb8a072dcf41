import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const good = { DATABASE_URL: "postgresql://u@localhost:5432/crm", NEXTAUTH_SECRET: "x".repeat(32) };

describe("parseEnv", () => {
  it("accepts a complete configuration and fills defaults", () => {
    const env = parseEnv(good);
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
  });

  it("names a missing variable", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: good.NEXTAUTH_SECRET })).toThrow(/DATABASE_URL: is required/);
  });

  it("names a bad variable and says what is wrong", () => {
    expect(() => parseEnv({ ...good, NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ ...good, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => parseEnv({ ...good, DATABASE_POOL_MAX: "lots" })).toThrow(EnvError);
    expect(parseEnv({ ...good, TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(() => parseEnv({ ...good, TRUSTED_PROXY_HOPS: "yes" })).toThrow(/TRUSTED_PROXY_HOPS: must be a whole number/);
    expect(() => parseEnv({ ...good, TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS: must be 0 or more/);
  });
});
