import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { resolveSessionUser } from "@/lib/auth/session-user";
import { THROTTLE } from "@/lib/auth/throttle";
import { makeUser, TEST_PASSWORD, testDb, uniq } from "@/test/factories";

const ip = () => `10.0.${uniq()}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("sign-in", () => {
  it("accepts the right password and audits the sign-in", async () => {
    const user = await makeUser();
    const result = await authenticate(testDb(), { email: user.email.toUpperCase(), password: TEST_PASSWORD }, ip());
    expect(result).toEqual({ ok: true, user: { id: user.id, sessionVersion: 1 } });
    const audit = await testDb().auditLog.findFirst({ where: { actorId: user.id, action: "auth.sign_in" } });
    expect(audit).not.toBeNull();
  });

  it("refuses a wrong password, records the failure and gives no session", async () => {
    const user = await makeUser();
    const result = await authenticate(testDb(), { email: user.email, password: "wrong password" }, ip());
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(await testDb().signInFailure.count({ where: { email: user.email } })).toBe(1);
    expect(await testDb().auditLog.count({ where: { actorId: user.id, action: "auth.sign_in_failed" } })).toBe(1);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const result = await authenticate(testDb(), { email: `nobody-${uniq()}@test.local`, password: TEST_PASSWORD }, ip());
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await makeUser({ disabled: true });
    const result = await authenticate(testDb(), { email: user.email, password: TEST_PASSWORD }, ip());
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even for the right password", async () => {
    const user = await makeUser();
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await authenticate(testDb(), { email: user.email, password: `bad-${i}` }, ip())).ok).toBe(false);
    }
    const result = await authenticate(testDb(), { email: user.email, password: TEST_PASSWORD }, ip());
    expect(result).toEqual({ ok: false, reason: "throttled" });
  });

  it("throttles a client address that tries many accounts", async () => {
    const address = ip();
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      await testDb().signInFailure.create({ data: { email: `x-${uniq()}@test.local`, ip: address } });
    }
    const user = await makeUser();
    expect(await authenticate(testDb(), { email: user.email, password: TEST_PASSWORD }, address)).toEqual({ ok: false, reason: "throttled" });
    expect((await authenticate(testDb(), { email: user.email, password: TEST_PASSWORD }, ip())).ok).toBe(true);
  });
});

describe("session", () => {
  it("resolves a current token to its user", async () => {
    const user = await makeUser({ role: "MANAGER" });
    const current = await resolveSessionUser(testDb(), { uid: user.id, sv: user.sessionVersion, signedInAt: nowSeconds() });
    expect(current).toMatchObject({ id: user.id, role: "MANAGER", unitId: user.unitId, unitIsCity: false });
  });

  it("ends when the role changes (the session version moves on)", async () => {
    const user = await makeUser();
    const token = { uid: user.id, sv: user.sessionVersion, signedInAt: nowSeconds() };
    await testDb().user.update({ where: { id: user.id }, data: { role: "MANAGER", sessionVersion: { increment: 1 } } });
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
  });

  it("ends when the account is disabled", async () => {
    const user = await makeUser();
    const token = { uid: user.id, sv: user.sessionVersion, signedInAt: nowSeconds() };
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
  });

  it("is nothing without a token", async () => {
    expect(await resolveSessionUser(testDb(), null)).toBeNull();
    expect(await resolveSessionUser(testDb(), { uid: 1 })).toBeNull();
  });
});
