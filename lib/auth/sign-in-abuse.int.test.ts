/**
 * Sign-in under attack (issue 12, section 2): password checks are counted
 * through a spy on Argon2's verify, so "checked" means a real password check.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as argon2 from "@node-rs/argon2";
import { authenticate } from "@/lib/auth/authenticate";
import { accountDelayMs, THROTTLE } from "@/lib/auth/throttle";
import { makeUser, TEST_PASSWORD, testDb, uniq } from "@/test/factories";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});
const passwordChecks = vi.mocked(argon2.verify);
beforeEach(() => {
  passwordChecks.mockClear();
});

/**
 * The races need a database with real concurrent connections. The embedded PGlite of `npm test` without
 * DATABASE_URL is one backend behind a multiplexer, and hundreds of simultaneous transactions fail inside that
 * multiplexer ("portal does not exist"), not in the rule; CI's run on PostgreSQL tests them.
 */
const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);
const ip = () => `10.1.${uniq()}`;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("sign-in throttling under attack", () => {
  it.skipIf(!onServer)("checks at most the allowed number of passwords when 200 wrong ones arrive at once (on a PostgreSQL server)", async () => {
    const user = await makeUser();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => authenticate(testDb(), { email: user.email, password: `guess-${i}` }, ip(), now)),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(passwordChecks.mock.calls.length).toBeLessThanOrEqual(THROTTLE.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(passwordChecks.mock.calls.length);
  });

  it.skipIf(!onServer)("checks at most the per-address limit when one address tries many accounts at once (on a PostgreSQL server)", async () => {
    const address = ip();
    const users = await Promise.all(Array.from({ length: 40 }, () => makeUser()));
    passwordChecks.mockClear();
    const now = new Date();
    await Promise.all(users.map((u) => authenticate(testDb(), { email: u.email, password: "wrong" }, address, now)));
    expect(passwordChecks.mock.calls.length).toBeLessThanOrEqual(THROTTLE.perAddress);
  });

  it("spends one Argon2 verification on an unknown email, as on a real account", async () => {
    await authenticate(testDb(), { email: `nobody-${uniq()}@test.local`, password: "whatever" }, ip());
    expect(passwordChecks).toHaveBeenCalledTimes(1);
    const user = await makeUser();
    passwordChecks.mockClear();
    await authenticate(testDb(), { email: user.email, password: "whatever" }, ip());
    expect(passwordChecks).toHaveBeenCalledTimes(1);
  });
});

describe("someone else's failures do not lock the rightful user out", () => {
  it("after five wrong passwords the account waits a moment, not 15 minutes", async () => {
    const user = await makeUser();
    const t0 = new Date("2026-12-01T08:00:00Z");
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      await authenticate(testDb(), { email: user.email, password: `attacker-${i}` }, "203.0.113.66", t0);
    }
    const right = { email: user.email, password: TEST_PASSWORD };
    // Right after, not even the right password is checked ...
    expect(await authenticate(testDb(), right, ip(), at(t0, 500))).toEqual({ ok: false, reason: "throttled" });
    // ... but a few seconds later the owner signs in from their own address (it used to be 15 minutes).
    expect((await authenticate(testDb(), right, ip(), at(t0, 5_000))).ok).toBe(true);
  });

  it("the wait doubles with each further failure, up to a cap", () => {
    const waits = Array.from({ length: 12 }, (_, i) => accountDelayMs(i));
    expect(waits.slice(0, THROTTLE.perAccount).every((w) => w === 0)).toBe(true);
    for (let n = THROTTLE.perAccount + 1; n < waits.length; n++) {
      expect(waits[n]).toBe(Math.min(2 * waits[n - 1], THROTTLE.maxDelaySeconds * 1000));
    }
    expect(Math.max(...waits)).toBe(THROTTLE.maxDelaySeconds * 1000);
  });

  it("an attacker who keeps the account waiting from one address is stopped by the per-address limit, and the owner gets in", async () => {
    const user = await makeUser();
    const attacker = "203.0.113.77";
    let now = new Date("2026-12-01T09:00:00Z");
    let checked = 0;
    // The attacker tries again the moment each wait ends, for a quarter of an hour.
    for (let i = 0; i < 200; i++) {
      const result = await authenticate(testDb(), { email: user.email, password: `attacker-${i}` }, attacker, now);
      if (!result.ok && result.reason === "invalid") checked++;
      const failures = await testDb().signInFailure.count({ where: { email: user.email, at: { gte: at(now, -THROTTLE.windowMinutes * 60_000) } } });
      now = at(now, Math.max(accountDelayMs(failures), 1000));
      if (now.getTime() - new Date("2026-12-01T09:00:00Z").getTime() > 10 * 60_000) break;
    }
    expect(checked).toBeLessThanOrEqual(THROTTLE.perAddress);
    // The attacker's address is refused now; the owner waits at most the cap.
    expect(await authenticate(testDb(), { email: user.email, password: `attacker-x` }, attacker, now)).toEqual({ ok: false, reason: "throttled" });
    const right = { email: user.email, password: TEST_PASSWORD };
    expect((await authenticate(testDb(), right, ip(), at(now, THROTTLE.maxDelaySeconds * 1000))).ok).toBe(true);
  });
});
