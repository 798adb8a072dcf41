import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveSessionUser } from "@/lib/auth/session-user";
import { authenticate } from "@/lib/auth/authenticate";
import { RuleError } from "@/lib/errors";
import { changeOwnPassword, createUser, resetPassword } from "@/lib/data/users";
import { makeUnit, makeUser, TEST_PASSWORD, testDb, uniq } from "@/test/factories";

/** Passwords: the policy wherever one is set, a change of one's own, and the admin-set password changed at first sign-in. */

const STRONG = "river-lantern-copper-57";
/** A session token signed in just now (sessions end 12 hours after sign-in). */
const tokenOf = (uid: number, sv: number) => ({ uid, sv, signedInAt: Math.floor(Date.now() / 1000) });
const fieldErrorsOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof RuleError ? e.fieldErrors : e));

describe("the password policy where an admin sets a password", () => {
  it.each([
    ["aaaaaaaaaaaa", "account.validation.passwordTooCommon"],
    ["password1234", "account.validation.passwordTooCommon"],
  ])("refuses %s for a new account", async (password, key) => {
    const actor = await makeUser({ role: "ADMIN" });
    const unit = await makeUnit();
    const email = `new-${uniq()}@test.local`;
    const input = { name: "x", email, role: "OFFICER" as const, unitId: unit.id, password, requestId: randomUUID() };
    expect(await fieldErrorsOf(createUser(testDb(), actor, input))).toEqual({ password: key });
    expect(await testDb().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a password containing the account's email name, on create and on reset", async () => {
    const actor = await makeUser({ role: "ADMIN" });
    const unit = await makeUnit();
    const name = `zhaolei${uniq()}`;
    const input = { name: "x", email: `${name}@test.local`, role: "OFFICER" as const, unitId: unit.id, password: `copper-${name}-lantern`, requestId: randomUUID() };
    expect(await fieldErrorsOf(createUser(testDb(), actor, input))).toEqual({ password: "account.validation.passwordContainsEmail" });

    const target = await makeUser();
    const emailName = target.email.split("@")[0];
    const reset = { id: target.id, version: target.version, password: `Lantern!${emailName}!77` };
    expect(await fieldErrorsOf(resetPassword(testDb(), actor, reset))).toEqual({ password: "account.validation.passwordContainsEmail" });
    const after = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.passwordHash).toBe(target.passwordHash);
    expect(after.version).toBe(target.version);
  });

  it("makes the user change an admin-set password: a new account and a reset both set the flag", async () => {
    const actor = await makeUser({ role: "ADMIN" });
    const unit = await makeUnit();
    const created = await createUser(testDb(), actor, {
      name: "x",
      email: `n-${uniq()}@test.local`,
      role: "OFFICER",
      unitId: unit.id,
      password: STRONG,
      requestId: randomUUID(),
    });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);

    const target = await makeUser();
    expect(target.mustChangePassword).toBe(false);
    await resetPassword(testDb(), actor, { id: target.id, version: target.version, password: STRONG });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.mustChangePassword).toBe(true);
    const session = await resolveSessionUser(testDb(), tokenOf(row.id, row.sessionVersion));
    expect(session?.mustChangePassword).toBe(true);
  });
});

describe("changing one's own password", () => {
  it("needs the current password; a wrong one changes nothing and is audited", async () => {
    const user = await makeUser();
    const input = { currentPassword: "not my password at all", newPassword: STRONG, confirmPassword: STRONG };
    expect(await fieldErrorsOf(changeOwnPassword(testDb(), user, input))).toEqual({ currentPassword: "account.validation.currentWrong" });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toBe(user.passwordHash);
    expect(row.sessionVersion).toBe(user.sessionVersion);
    expect(await testDb().auditLog.count({ where: { action: "user.password_change_refused", entityId: String(user.id) } })).toBe(1);
  });

  it("refuses the same password again and a common one", async () => {
    const user = await makeUser();
    const same = { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD };
    expect(await fieldErrorsOf(changeOwnPassword(testDb(), user, same))).toEqual({ newPassword: "account.validation.samePassword" });
    const common = { currentPassword: TEST_PASSWORD, newPassword: "password1234", confirmPassword: "password1234" };
    expect(await fieldErrorsOf(changeOwnPassword(testDb(), user, common))).toEqual({ newPassword: "account.validation.passwordTooCommon" });
  });

  it("sets the new password, clears the must-change flag, ends the other sessions and keeps no plain text", async () => {
    const actor = await makeUser({ role: "ADMIN" });
    const target = await makeUser();
    await resetPassword(testDb(), actor, { id: target.id, version: target.version, password: STRONG });
    const before = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    const otherSession = tokenOf(before.id, before.sessionVersion);
    expect(await resolveSessionUser(testDb(), otherSession)).not.toBeNull();

    const mine = "quiet-harbour-violet-19";
    const { sessionVersion } = await changeOwnPassword(testDb(), target, { currentPassword: STRONG, newPassword: mine, confirmPassword: mine });

    expect(sessionVersion).toBe(before.sessionVersion + 1);
    expect(await resolveSessionUser(testDb(), otherSession)).toBeNull(); // every older session has ended
    const renewed = await resolveSessionUser(testDb(), tokenOf(before.id, sessionVersion));
    expect(renewed?.mustChangePassword).toBe(false);
    expect((await authenticate(testDb(), { email: target.email, password: mine }, `10.8.${uniq()}`)).ok).toBe(true);
    expect((await authenticate(testDb(), { email: target.email, password: STRONG }, `10.8.${uniq()}`)).ok).toBe(false);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "user.password_change", entityId: String(target.id) } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(mine);
  });
});
