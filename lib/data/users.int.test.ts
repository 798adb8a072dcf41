import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { resolveSessionUser } from "@/lib/auth/session-user";
import { authenticate } from "@/lib/auth/authenticate";
import { verifyPassword } from "@/lib/auth/password";
import { ConflictError, ForbiddenError, RuleError } from "@/lib/errors";
import { createUser, listUsers, resetPassword, setUserDisabled, updateUserAccess } from "@/lib/data/users";
import { makeUnit, makeUser, TEST_PASSWORD, testDb, uniq } from "@/test/factories";
import { ZCreateUser, ZUpdateUserAccess } from "@/lib/validation/user";
import { ownDatabase } from "@/test/own-database";

const NEW_PASSWORD = "a brand new passphrase";
const sessionOf = (u: { id: number; sessionVersion: number }) => ({ uid: u.id, sv: u.sessionVersion, signedInAt: Math.floor(Date.now() / 1000) });

async function admin() {
  return makeUser({ role: "ADMIN" });
}

describe("creating users", () => {
  it("creates a user with a hashed password, once per request id, and audits it without the hash", async () => {
    const actor = await admin();
    const unit = await makeUnit();
    const email = `new-${uniq()}@test.local`;
    const input = { name: "新用户", email, role: "OFFICER" as const, unitId: unit.id, password: NEW_PASSWORD, requestId: randomUUID() };
    const first = await createUser(testDb(), actor, input);
    const again = await createUser(testDb(), actor, input);
    expect(again.id).toBe(first.id);
    expect(await testDb().user.count({ where: { email } })).toBe(1);

    const row = await testDb().user.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.passwordHash).not.toContain(NEW_PASSWORD);
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect((await authenticate(testDb(), { email, password: NEW_PASSWORD }, `10.9.${uniq()}`)).ok).toBe(true);

    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: String(first.id) } });
    expect(audit.actorId).toBe(actor.id);
    expect(JSON.stringify(audit.after)).not.toContain(row.passwordHash);
    expect(JSON.stringify(audit.after)).not.toContain(NEW_PASSWORD);
    expect(audit.after).toMatchObject({ email, role: "OFFICER", unitId: unit.id, disabled: false });
  });

  it("refuses an email already in use with a field error (in any case)", async () => {
    const actor = await admin();
    const existing = await makeUser();
    const input = { name: "重复", email: existing.email, role: "OFFICER" as const, unitId: existing.unitId, password: NEW_PASSWORD, requestId: randomUUID() };
    const error = await createUser(testDb(), actor, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fieldErrors).toEqual({ email: "admin.validation.emailTaken" });
  });

  it("refuses a retired unit", async () => {
    const actor = await admin();
    const unit = await makeUnit();
    await testDb().unit.update({ where: { id: unit.id }, data: { retiredAt: new Date() } });
    const input = { name: "x", email: `r-${uniq()}@test.local`, role: "OFFICER" as const, unitId: unit.id, password: NEW_PASSWORD, requestId: randomUUID() };
    await expect(createUser(testDb(), actor, input)).rejects.toMatchObject({ fieldErrors: { unitId: "choose" } });
  });
});

describe("the mobile number the chat robots mention", () => {
  it("is optional, validated, normalised, kept on create and on the access form without ending sessions, and audited", async () => {
    const actor = await admin();
    const unit = await makeUnit();
    const form = (mobile: string) => ({ name: "手机", email: `m-${uniq()}@test.local`, role: "OFFICER", unitId: String(unit.id), password: NEW_PASSWORD, requestId: randomUUID(), mobile });
    for (const bad of ["12345", "23812345678", "138123456789", "1381234567x"]) {
      const parsed = ZCreateUser.safeParse(form(bad));
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["mobile", "admin.validation.mobile"]]);
    }
    expect(ZCreateUser.parse(form("")).mobile).toBeNull();
    const input = ZCreateUser.parse(form("+86 138-1234-5678"));
    expect(input.mobile).toBe("13812345678");
    const created = await createUser(testDb(), actor, input);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: created.id } })).mobile).toBe("13812345678");

    const target = await testDb().user.findUniqueOrThrow({ where: { id: created.id } });
    const token = sessionOf(target);
    const change = ZUpdateUserAccess.parse({ id: String(target.id), version: String(target.version), role: "OFFICER", unitId: String(unit.id), mobile: "13900001111" });
    await updateUserAccess(testDb(), actor, change);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: target.id } })).mobile).toBe("13900001111");
    expect(await resolveSessionUser(testDb(), token)).not.toBeNull(); // a number is not access: the session goes on
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "user.update_access", entityId: String(target.id) } });
    expect(audit.before).toMatchObject({ mobile: "13812345678" });
    expect(audit.after).toMatchObject({ mobile: "13900001111" });
  });
});

describe("changes that end the user's sessions", () => {
  it("a role change ends the session and is audited before → after", async () => {
    const actor = await admin();
    const target = await makeUser();
    const token = sessionOf(target);
    expect(await resolveSessionUser(testDb(), token)).not.toBeNull();
    const result = await updateUserAccess(testDb(), actor, { id: target.id, version: target.version, role: "MANAGER", unitId: target.unitId });
    expect(result.version).toBe(target.version + 1);
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "user.update_access", entityId: String(target.id) } });
    expect(audit.before).toMatchObject({ role: "OFFICER" });
    expect(audit.after).toMatchObject({ role: "MANAGER" });
  });

  it("a unit change ends the session", async () => {
    const actor = await admin();
    const target = await makeUser();
    const other = await makeUnit();
    const token = sessionOf(target);
    await updateUserAccess(testDb(), actor, { id: target.id, version: target.version, role: target.role, unitId: other.id });
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
  });

  it("disabling ends the session and refuses sign-in; enabling lets the user sign in again", async () => {
    const actor = await admin();
    const target = await makeUser();
    const token = sessionOf(target);
    const disabled = await setUserDisabled(testDb(), actor, { id: target.id, version: target.version, disabled: true });
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
    expect(await authenticate(testDb(), { email: target.email, password: TEST_PASSWORD }, `10.8.${uniq()}`)).toEqual({ ok: false, reason: "invalid" });
    await setUserDisabled(testDb(), actor, { id: target.id, version: disabled.version, disabled: false });
    expect((await authenticate(testDb(), { email: target.email, password: TEST_PASSWORD }, `10.8.${uniq()}`)).ok).toBe(true);
    expect(await testDb().auditLog.count({ where: { entityId: String(target.id), action: { in: ["user.disable", "user.enable"] } } })).toBe(2);
  });

  it("a password reset ends the session, takes the new password and keeps the hash out of the audit row", async () => {
    const actor = await admin();
    const target = await makeUser();
    const token = sessionOf(target);
    await resetPassword(testDb(), actor, { id: target.id, version: target.version, password: NEW_PASSWORD });
    expect(await resolveSessionUser(testDb(), token)).toBeNull();
    const row = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(false);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "user.password_reset", entityId: String(target.id) } });
    const written = JSON.stringify([audit.before, audit.after]);
    expect(written).not.toContain(row.passwordHash);
    expect(written).not.toContain(target.passwordHash);
    expect(written).not.toContain(NEW_PASSWORD);
  });

  it("refuses an edit made against an old version with the user as it is now", async () => {
    const actor = await admin();
    const target = await makeUser();
    await updateUserAccess(testDb(), actor, { id: target.id, version: target.version, role: "MANAGER", unitId: target.unitId });
    const error = await updateUserAccess(testDb(), actor, { id: target.id, version: target.version, role: "ADMIN", unitId: target.unitId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).answer).toMatchObject({ values: { role: "MANAGER" }, version: target.version + 1 });
    expect(JSON.stringify((error as ConflictError).answer)).not.toContain("passwordHash");
    await expect(setUserDisabled(testDb(), actor, { id: target.id, version: target.version, disabled: true })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("only admins", () => {
  it("refuses every user function to a manager and an officer", async () => {
    const target = await makeUser();
    for (const role of ["MANAGER", "OFFICER"] as const) {
      const caller = await makeUser({ role });
      await expect(listUsers(testDb(), caller)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        createUser(testDb(), caller, { name: "x", email: `f-${uniq()}@test.local`, role: "ADMIN", unitId: caller.unitId, password: NEW_PASSWORD, requestId: randomUUID() }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateUserAccess(testDb(), caller, { id: caller.id, version: caller.version, role: "ADMIN", unitId: caller.unitId })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setUserDisabled(testDb(), caller, { id: target.id, version: target.version, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(resetPassword(testDb(), caller, { id: target.id, version: target.version, password: NEW_PASSWORD })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const row = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ disabledAt: null, version: target.version, sessionVersion: target.sessionVersion });
  });
});

// The rule counts every active admin, so it runs on a database of its own
// where this test decides how many admins there are (test/own-database.ts: on
// the embedded PGlite a second instance, since a "scratch database" there is
// the shared one, full of other files' admins).
describe("the last active admin", () => {
  let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
  let db: Db;

  beforeAll(async () => {
    own = await ownDatabase("crm_test_admins");
    db = createPrismaClient(own.url, 2);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await own?.dispose();
  });

  it("can be neither disabled nor demoted, by themselves or anyone; with a second admin, both work", async () => {
    const unit = await db.unit.create({ data: { code: "city", nameZh: "市", nameEn: "City", kind: "CITY" } });
    const make = (role: "ADMIN" | "OFFICER", email: string) => db.user.create({ data: { email, name: email, passwordHash: "x", role, unitId: unit.id } });
    const only = await make("ADMIN", "only@test.local");

    const demote = updateUserAccess(db, only, { id: only.id, version: only.version, role: "MANAGER", unitId: unit.id });
    await expect(demote).rejects.toMatchObject({ messageKey: "admin.rules.lastAdmin", fieldErrors: { role: "admin.validation.lastAdmin" } });
    await expect(setUserDisabled(db, only, { id: only.id, version: only.version, disabled: true })).rejects.toMatchObject({ messageKey: "admin.rules.lastAdmin" });
    expect(await db.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: "ADMIN", disabledAt: null, version: only.version });

    // Changing the last admin's unit is fine: they stay an admin.
    const city2 = await db.unit.create({ data: { code: "c2", nameZh: "区", nameEn: "District", kind: "DISTRICT", parentId: unit.id } });
    const moved = await updateUserAccess(db, only, { id: only.id, version: only.version, role: "ADMIN", unitId: city2.id });

    // A disabled admin does not count.
    const dormant = await make("ADMIN", "dormant@test.local");
    await db.user.update({ where: { id: dormant.id }, data: { disabledAt: new Date() } });
    await expect(setUserDisabled(db, only, { id: only.id, version: moved.version, disabled: true })).rejects.toBeInstanceOf(RuleError);

    // With a second active admin, one may step down.
    const second = await make("ADMIN", "second@test.local");
    await updateUserAccess(db, second, { id: only.id, version: moved.version, role: "OFFICER", unitId: city2.id });
    await expect(setUserDisabled(db, second, { id: second.id, version: second.version, disabled: true })).rejects.toMatchObject({ messageKey: "admin.rules.lastAdmin" });
  });

  it("holds when two admins disable each other at the same moment", async () => {
    const unit = await db.unit.create({ data: { code: `u-${uniq()}`, nameZh: "县", nameEn: "County", kind: "COUNTY" } });
    // Leave exactly two active admins.
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { disabledAt: new Date() } });
    const a = await db.user.create({ data: { email: `a-${uniq()}@t.local`, name: "A", passwordHash: "x", role: "ADMIN", unitId: unit.id } });
    const b = await db.user.create({ data: { email: `b-${uniq()}@t.local`, name: "B", passwordHash: "x", role: "ADMIN", unitId: unit.id } });
    const results = await Promise.allSettled([
      setUserDisabled(db, a, { id: b.id, version: b.version, disabled: true }),
      setUserDisabled(db, b, { id: a.id, version: a.version, disabled: true }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
  });
});
