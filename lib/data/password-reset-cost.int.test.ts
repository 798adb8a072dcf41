/**
 * An admin's password reset checks the password policy before hashing: a refused password costs no Argon2 hash
 * (each costs tens of milliseconds of a core), and an accepted one costs exactly one.
 */
import { describe, expect, it, vi } from "vitest";
import { RuleError } from "@/lib/errors";
import { resetPassword } from "@/lib/data/users";
import { makeUser, testDb } from "@/test/factories";

const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      hashes.count++;
      return real.hashPassword(password);
    },
  };
});

describe("an admin's password reset", () => {
  it("hashes nothing for a password the policy refuses, and once for one it accepts", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const target = await makeUser();
    hashes.count = 0;
    await expect(resetPassword(testDb(), admin, { id: target.id, version: target.version, password: "password1234" })).rejects.toBeInstanceOf(RuleError);
    expect(hashes.count).toBe(0);
    await resetPassword(testDb(), admin, { id: target.id, version: target.version, password: "a brand new passphrase" });
    expect(hashes.count).toBe(1);
  });
});
