import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ForbiddenError, RuleError } from "@/lib/errors";
import { authenticateApiToken, createApiToken, hashApiToken, listApiTokens, revokeApiToken } from "@/lib/data/api-tokens";
import { todayDate } from "@/lib/validation/fields";
import { makeUser, testDb } from "@/test/factories";

const admin = () => makeUser({ role: "ADMIN" });
const inDays = (days: number) => {
  const d = todayDate();
  d.setUTCDate(d.getUTCDate() + days);
  return d;
};

async function newToken(days = 30) {
  const actor = await admin();
  const created = await createApiToken(testDb(), actor, { name: `报表导出 ${randomUUID().slice(0, 6)}`, expiresOn: inDays(days), requestId: randomUUID() });
  return { actor, created, token: created.token! };
}

describe("creating a token", () => {
  it("shows the token once (crm_ + 32 random bytes) and stores only its SHA-256", async () => {
    const actor = await admin();
    const requestId = randomUUID();
    const input = { name: "政府报表", expiresOn: inDays(90), requestId };
    const created = await createApiToken(testDb(), actor, input);
    expect(created.token).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token!.slice(4), "base64url")).toHaveLength(32);

    // A second submit of the same form does not make a second token, nor show the first again.
    const again = await createApiToken(testDb(), actor, input);
    expect(again).toMatchObject({ id: created.id, token: null });
    expect(await testDb().apiToken.count({ where: { createdById: actor.id } })).toBe(1);

    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token!));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    // The token is nowhere in the database: not in any api_token column, not in the audit log.
    const [{ hits }] = await testDb().$queryRaw<{ hits: bigint }[]>`
      SELECT (SELECT count(*) FROM api_token t WHERE t::text LIKE ${`%${created.token!.slice(4)}%`})
           + (SELECT count(*) FROM audit_log a WHERE a::text LIKE ${`%${created.token!.slice(4)}%`}) AS hits`;
    expect(Number(hits)).toBe(0);

    const listed = (await listApiTokens(testDb(), actor)).find((t) => t.id === created.id)!;
    expect(listed).toMatchObject({ name: "政府报表", createdBy: { id: actor.id }, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it("expires at the end of the chosen day and at most a year ahead", async () => {
    const actor = await admin();
    const tooFar = inDays(0);
    tooFar.setUTCFullYear(tooFar.getUTCFullYear() + 1);
    tooFar.setUTCDate(tooFar.getUTCDate() + 1);
    const far = await createApiToken(testDb(), actor, { name: "x", expiresOn: tooFar, requestId: randomUUID() }).catch((e: unknown) => e);
    expect(far).toBeInstanceOf(RuleError);
    expect((far as RuleError).fieldErrors).toEqual({ expiresOn: "admin.validation.expiryTooFar" });
    await expect(createApiToken(testDb(), actor, { name: "x", expiresOn: inDays(-1), requestId: randomUUID() })).rejects.toMatchObject({
      fieldErrors: { expiresOn: "admin.validation.expiryPast" },
    });
    const oneYear = inDays(0);
    oneYear.setUTCFullYear(oneYear.getUTCFullYear() + 1);
    const ok = await createApiToken(testDb(), actor, { name: "x", expiresOn: oneYear, requestId: randomUUID() });
    expect(ok.expiresAt.getTime()).toBeGreaterThan(oneYear.getTime());
  });
});

describe("authenticateApiToken", () => {
  it("accepts a current token (with or without 'Bearer'), stamps last use and audits every use", async () => {
    const { actor, created, token } = await newToken();
    expect(await authenticateApiToken(testDb(), `Bearer ${token}`)).toEqual({ tokenId: created.id, userId: actor.id });
    expect(await authenticateApiToken(testDb(), token, { ip: "10.1.2.3" })).toEqual({ tokenId: created.id, userId: actor.id });
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
    const uses = await testDb().auditLog.findMany({ where: { action: "api_token.use", entityId: String(created.id) }, orderBy: { id: "asc" } });
    expect(uses).toHaveLength(2);
    expect(uses[0].actorId).toBe(actor.id);
    expect(uses[1].ip).toBe("10.1.2.3");
  });

  it("refuses nothing, garbage and unknown tokens", async () => {
    expect(await authenticateApiToken(testDb(), null)).toBeNull();
    expect(await authenticateApiToken(testDb(), "")).toBeNull();
    expect(await authenticateApiToken(testDb(), "Bearer not-a-token")).toBeNull();
    expect(await authenticateApiToken(testDb(), `Bearer crm_${"A".repeat(43)}`)).toBeNull();
  });

  it("refuses an expired token and audits the refusal", async () => {
    const { created, token } = await newToken();
    await testDb().apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiToken(testDb(), `Bearer ${token}`)).toBeNull();
    // …and also by the clock: a token valid now is refused a day after its expiry.
    const fresh = await newToken(1);
    expect(await authenticateApiToken(testDb(), fresh.token, { now: new Date(fresh.created.expiresAt.getTime() + 1) })).toBeNull();
    expect(await testDb().auditLog.count({ where: { action: "api_token.refused", entityId: String(created.id), after: { path: ["reason"], equals: "expired" } } })).toBe(1);
    expect(await testDb().auditLog.count({ where: { action: "api_token.use", entityId: String(created.id) } })).toBe(0);
  });

  it("refuses a revoked token; revoking is audited and shown in the list", async () => {
    const { actor, created, token } = await newToken();
    expect(await authenticateApiToken(testDb(), `Bearer ${token}`)).not.toBeNull();
    await revokeApiToken(testDb(), actor, { id: created.id });
    expect(await authenticateApiToken(testDb(), `Bearer ${token}`)).toBeNull();
    expect(await testDb().auditLog.count({ where: { action: "api_token.revoke", entityId: String(created.id) } })).toBe(1);
    expect((await listApiTokens(testDb(), actor)).find((t) => t.id === created.id)?.revokedAt).not.toBeNull();
  });

  it("refuses the token of a creator who has been disabled", async () => {
    const { actor, token } = await newToken();
    await testDb().user.update({ where: { id: actor.id }, data: { disabledAt: new Date() } });
    expect(await authenticateApiToken(testDb(), `Bearer ${token}`)).toBeNull();
  });
});

describe("only admins", () => {
  it("refuses listing, creating and revoking to a manager and an officer", async () => {
    const { created, token } = await newToken();
    for (const role of ["MANAGER", "OFFICER"] as const) {
      const caller = await makeUser({ role });
      await expect(listApiTokens(testDb(), caller)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createApiToken(testDb(), caller, { name: "x", expiresOn: inDays(10), requestId: randomUUID() })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(revokeApiToken(testDb(), caller, { id: created.id })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await authenticateApiToken(testDb(), token)).not.toBeNull();
  });
});
