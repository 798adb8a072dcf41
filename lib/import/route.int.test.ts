import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { createApiToken } from "@/lib/data/api-tokens";
import { POST } from "@/app/api/import/projects/route";
import { GET as templateCsvGET } from "@/app/api/import/template.csv/route";

let adminToken: string;
let officerToken: string;
let officerTokenUserId: number;
let unitCode: string;
let ownerEmail: string;

const inDays = (days: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days));

/** A token made by an admin of the unit (the token acts as its creator). */
async function adminWithToken(unitId: number) {
  const user = await makeUser({ role: "ADMIN", unitId });
  const created = await createApiToken(testDb(), user, { name: `import ${uniq()}`, expiresOn: inDays(30), requestId: randomUUID() });
  return { token: created.token!, userId: user.id };
}

function upload(body: string, headers: Record<string, string> = {}, requestId?: string) {
  const form = new FormData();
  if (requestId) form.set("requestId", requestId);
  form.set("file", new File([body], "projects.csv", { type: "text/csv" }));
  return new Request("http://localhost/api/import/projects", { method: "POST", body: form, headers });
}

const csvFor = (ext: string) =>
  "\uFEFFexternal_id,project_title,investor_name,unit,stage,first_contact_date,owner_email,planned_investment_cny\n" +
  `${ext},接口导入项目,接口投资方${ext},${unitCode},intent,2024-01-05,${ownerEmail},"300,000,000"\n`;

beforeAll(async () => {
  const unit = await makeUnit();
  unitCode = unit.code;
  ownerEmail = (await makeUser({ role: "OFFICER", unitId: unit.id })).email;
  adminToken = (await adminWithToken(unit.id)).token;
  ({ token: officerToken, userId: officerTokenUserId } = await adminWithToken(unit.id));
});

describe("POST /api/import/projects", () => {
  it("imports with an admin's API token: 200 with the counts", async () => {
    const ext = `api-${uniq()}`;
    const response = await POST(upload(csvFor(ext), { authorization: `Bearer ${adminToken}` }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 1, updated: 0, matched: [] });
    const again = await POST(upload(csvFor(ext), { authorization: `Bearer ${adminToken}` }));
    expect(await again.json()).toEqual({ created: 0, updated: 1, matched: [] });
    expect(await testDb().project.count({ where: { externalId: ext } })).toBe(1);
  });

  it("is 400 with translated row errors for a bad file, writing nothing", async () => {
    const ext = `api-${uniq()}`;
    const bad = csvFor(ext).replace("2024-01-05", "5 Jan 2024");
    const response = await POST(upload(bad, { authorization: `Bearer ${adminToken}`, "accept-language": "en" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ row: 2, column: "first_contact_date", message: "Not a date in the form YYYY-MM-DD." }] });
    const zh = await POST(upload(bad, { authorization: `Bearer ${adminToken}`, cookie: "NEXT_LOCALE=zh-CN" }));
    expect((await zh.json()).errors[0].message).toBe("日期格式应为 YYYY-MM-DD。");
    expect(await testDb().project.count({ where: { externalId: ext } })).toBe(0);
  });

  it("is 400 when the form has no file", async () => {
    const response = await POST(new Request("http://localhost/api/import/projects", { method: "POST", body: new FormData(), headers: { authorization: `Bearer ${adminToken}` } }));
    expect(response.status).toBe(400);
  });

  it("is 401 without credentials or with an unknown token", async () => {
    expect((await POST(upload(csvFor("x")))).status).toBe(401);
    expect((await POST(upload(csvFor("x"), { authorization: `Bearer crm_${"A".repeat(43)}` }))).status).toBe(401);
    expect((await templateCsvGET(new Request("http://localhost/api/import/template.csv"))).status).toBe(401);
  });

  it("is 403 when the token's user is not an admin", async () => {
    // The token's creator was an admin and has since become an officer.
    await testDb().user.update({ where: { id: officerTokenUserId }, data: { role: "OFFICER" } });
    const response = await POST(upload(csvFor("x"), { authorization: `Bearer ${officerToken}` }));
    expect(response.status).toBe(403);
  });

  it("serves the CSV template with a BOM to an admin's token", async () => {
    const response = await templateCsvGET(new Request("http://localhost/api/import/template.csv", { headers: { authorization: `Bearer ${adminToken}` } }));
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("external_id,project_title,investor_name");
  });

  it("a retried upload (the same form's request id, sent twice at once) is one import: one outcome, one notice", async () => {
    const { token, userId } = await adminWithToken((await testDb().unit.findFirstOrThrow({ where: { code: unitCode } })).id);
    const runs = (requestId: string) => testDb().notification.findMany({ where: { userId, occasion: requestId.replaceAll("-", "") }, select: { kind: true } });

    // A good file: both answers are the first import's (created 1), not a second one's (updated 1).
    const ext = `api-${uniq()}`;
    const requestId = randomUUID();
    const [a, b] = await Promise.all([1, 2].map(() => POST(upload(csvFor(ext), { authorization: `Bearer ${token}` }, requestId))));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([await a.json(), await b.json()]).toEqual([{ created: 1, updated: 0, matched: [] }, { created: 1, updated: 0, matched: [] }]);
    expect(await testDb().project.count({ where: { externalId: ext } })).toBe(1);
    expect(await testDb().auditLog.count({ where: { action: "project.import_create", entityId: String((await testDb().project.findFirstOrThrow({ where: { externalId: ext } })).id) } })).toBe(1);
    expect(await runs(requestId)).toEqual([{ kind: "IMPORT_FINISHED" }]);
    // Later, the same request again (a browser retry after a lost answer): still the first outcome, nothing new.
    const late = await POST(upload(csvFor(ext), { authorization: `Bearer ${token}` }, requestId));
    expect(await late.json()).toEqual({ created: 1, updated: 0, matched: [] });
    expect(await runs(requestId)).toHaveLength(1);

    // A bad file: both get the same errors, the starter one "failed".
    const badId = randomUUID();
    const bad = csvFor(`api-${uniq()}`).replace("2024-01-05", "5 Jan 2024");
    const [c, d] = await Promise.all([1, 2].map(() => POST(upload(bad, { authorization: `Bearer ${token}`, "accept-language": "en" }, badId))));
    expect([c.status, d.status]).toEqual([400, 400]);
    const expected = { errors: [{ row: 2, column: "first_contact_date", message: "Not a date in the form YYYY-MM-DD." }] };
    expect([await c.json(), await d.json()]).toEqual([expected, expected]);
    expect(await runs(badId)).toEqual([{ kind: "IMPORT_FAILED" }]);

    // The same id from another admin is another request of theirs, and a malformed id is refused.
    expect((await POST(upload(csvFor(`api-${uniq()}`), { authorization: `Bearer ${adminToken}` }, requestId))).status).toBe(200);
    const malformed = await POST(upload(csvFor(`api-${uniq()}`), { authorization: `Bearer ${token}`, "accept-language": "en" }, "not-a-uuid"));
    expect(malformed.status).toBe(400);
  });
});
