/**
 * A session has an absolute lifetime (issue 12, section 4): renewing the
 * cookie (next-auth does it on every /api/auth/session call) cannot keep it
 * alive past 12 hours from the sign-in. The clock is set by the test.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JWT } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";
import { resolveSessionUser, SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/session-user";
import { makeUser, testDb } from "@/test/factories";

const HOUR = 60 * 60 * 1000;
const signInAt = new Date("2026-12-01T08:00:00Z");
afterEach(() => {
  vi.useRealTimers();
});

/** What next-auth calls on sign-in (with the user) and on every renewal (token only). */
const jwt = (params: { token: JWT; user?: { id: string; sessionVersion: number } }) =>
  authOptions().callbacks!.jwt!(params as never) as Promise<JWT>;

describe("a session's absolute lifetime", () => {
  it("is 12 hours", () => {
    expect(SESSION_ABSOLUTE_SECONDS).toBe(12 * 60 * 60);
  });

  it("a cookie renewed every hour still stops working 12 hours after the sign-in", async () => {
    const user = await makeUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(signInAt);
    let token = await jwt({ token: {}, user: { id: String(user.id), sessionVersion: user.sessionVersion } });
    expect(token.signedInAt).toBe(signInAt.getTime() / 1000);

    // Polled all day: each renewal keeps the sign-in time ...
    for (let t = 0; t < 12 * HOUR; t += HOUR) {
      vi.setSystemTime(new Date(signInAt.getTime() + t));
      token = await jwt({ token });
      expect(await resolveSessionUser(testDb(), token, new Date()), `after ${t / HOUR} h`).toMatchObject({ id: user.id });
    }
    expect(token.signedInAt).toBe(signInAt.getTime() / 1000);

    // ... and past 12 hours the renewal is refused (next-auth then deletes the cookie) and the token is no session.
    const later = new Date(signInAt.getTime() + 12 * HOUR + 1000);
    vi.setSystemTime(later);
    await expect(jwt({ token })).rejects.toThrow();
    expect(await resolveSessionUser(testDb(), token, later)).toBeNull();
  });

  it("a token without a sign-in time is no session", async () => {
    const user = await makeUser();
    expect(await resolveSessionUser(testDb(), { uid: user.id, sv: user.sessionVersion })).toBeNull();
  });
});

describe("the session cookie's Secure flag", () => {
  it("follows NEXTAUTH_URL: https:// makes it Secure, anything else does not", async () => {
    const { parseEnv } = await import("@/lib/env");
    const base = { DATABASE_URL: "postgresql://u@h/db", NEXTAUTH_SECRET: "x".repeat(32) };
    const envModule = await import("@/lib/env");
    const spy = vi.spyOn(envModule, "env");
    spy.mockReturnValue(parseEnv({ ...base, NEXTAUTH_URL: "https://crm.example.gov.cn" }));
    expect(authOptions().useSecureCookies).toBe(true);
    spy.mockReturnValue(parseEnv({ ...base, NEXTAUTH_URL: "http://localhost:3000" }));
    expect(authOptions().useSecureCookies).toBe(false);
    spy.mockRestore();
  });
});
