/**
 * Submit-once by request_id for the records that got the column in
 * 20261129070000_request_ids (companies, contacts, events, users, units,
 * reference items, API tokens): two submits of one form AT ONCE (the race the
 * unique index settles) and a third one later give one row carrying the
 * request id, and one audit row. These races happen as the timing falls; the
 * company's worst order (the first commits between the second's request-id
 * lookup and its duplicate check) is made every run in
 * company-double-submit.int.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addContact, createCompany } from "@/lib/data/companies";
import { createEvent } from "@/lib/data/events";
import { createReferenceItem, createUnit } from "@/lib/data/reference";
import { createUser } from "@/lib/data/users";
import { createApiToken } from "@/lib/data/api-tokens";
import { todayDate } from "@/lib/validation/fields";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

type Created = { id: number };

/** Three submits of one form, the first two racing; returns the one id. */
async function submitThrice<T extends Created>(create: () => Promise<T>): Promise<number> {
  const [a, b] = await Promise.all([create(), create()]);
  const c = await create();
  expect(b.id).toBe(a.id);
  expect(c.id).toBe(a.id);
  return a.id;
}

async function expectOneAudit(action: string, id: number) {
  expect(await testDb().auditLog.count({ where: { action, entityId: String(id) } })).toBe(1);
}

async function manager() {
  const unit = await makeUnit("COUNTY");
  const user = await makeUser({ role: "MANAGER", unitId: unit.id });
  return { id: user.id, role: user.role, unitId: unit.id, unitIsCity: false };
}

describe("one record per request id, also when two submits race", () => {
  it("a company and a contact", async () => {
    const user = await manager();
    const requestId = randomUUID();
    const nameZh = `一次公司${uniq()}`;
    const id = await submitThrice(() => createCompany(testDb(), user, { nameZh, countryCode: "CN", ownershipType: "PRIVATE", requestId }) as Promise<{ id: number; version: number }>);
    expect(await testDb().company.findMany({ where: { nameZh }, select: { id: true, requestId: true } })).toEqual([{ id, requestId }]);
    await expectOneAudit("company.create", id);

    const contactRequest = randomUUID();
    const contactId = await submitThrice(() => addContact(testDb(), user, { companyId: id, name: "林晓峰", requestId: contactRequest }));
    expect(await testDb().contact.findMany({ where: { companyId: id }, select: { id: true, requestId: true } })).toEqual([{ id: contactId, requestId: contactRequest }]);
    await expectOneAudit("contact.create", contactId);
  });

  it("a promotion event", async () => {
    const user = await manager();
    const requestId = randomUUID();
    const nameZh = `一次推介会${uniq()}`;
    const input = { nameZh, cityZh: "深圳", startsOn: new Date("2024-05-20T00:00:00Z"), endsOn: new Date("2024-05-21T00:00:00Z"), unitId: user.unitId, requestId };
    const id = await submitThrice(() => createEvent(testDb(), user, input));
    expect(await testDb().promotionEvent.findMany({ where: { nameZh }, select: { id: true, requestId: true } })).toEqual([{ id, requestId }]);
    await expectOneAudit("event.create", id);
  });

  it("a user, a unit and a reference item (admin)", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await makeUnit("CITY");

    const email = `once-${uniq()}@test.local`;
    const userRequest = randomUUID();
    const unit = await makeUnit();
    const userId = await submitThrice(() =>
      createUser(testDb(), admin, { name: "一次用户", email, role: "OFFICER", unitId: unit.id, password: "a long enough password 1", requestId: userRequest }),
    );
    expect(await testDb().user.findMany({ where: { email }, select: { id: true, requestId: true } })).toEqual([{ id: userId, requestId: userRequest }]);
    await expectOneAudit("user.create", userId);

    const code = `once-${uniq()}`;
    const unitRequest = randomUUID();
    const unitId = await submitThrice(() => createUnit(testDb(), admin, { code, nameZh: "一次县", nameEn: "Once County", kind: "COUNTY", requestId: unitRequest }));
    expect(await testDb().unit.findMany({ where: { code }, select: { id: true, requestId: true } })).toEqual([{ id: unitId, requestId: unitRequest }]);
    await expectOneAudit("unit.create", unitId);

    const itemRequest = randomUUID();
    const itemId = await submitThrice(() => createReferenceItem(testDb(), admin, { kind: "SECTOR", code, nameZh: "一次产业", nameEn: "Once sector", requestId: itemRequest }));
    expect(await testDb().referenceItem.findMany({ where: { code }, select: { id: true, requestId: true } })).toEqual([{ id: itemId, requestId: itemRequest }]);
    await expectOneAudit("reference_item.create", itemId);
  });

  it("an API token: the token is shown once, the repeats return its id without it", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const expiresOn = new Date(todayDate().getTime() + 30 * 86_400_000);
    const requestId = randomUUID();
    const [a, b] = await Promise.all([createApiToken(testDb(), admin, { name: "一次令牌", expiresOn, requestId }), createApiToken(testDb(), admin, { name: "一次令牌", expiresOn, requestId })]);
    expect(b.id).toBe(a.id);
    expect([a.token, b.token].filter((t) => t !== null)).toHaveLength(1);
    expect((await createApiToken(testDb(), admin, { name: "一次令牌", expiresOn, requestId })).token).toBeNull();
    expect(await testDb().apiToken.findMany({ where: { createdById: admin.id }, select: { id: true, requestId: true } })).toEqual([{ id: a.id, requestId }]);
    await expectOneAudit("api_token.create", a.id);
  });
});
