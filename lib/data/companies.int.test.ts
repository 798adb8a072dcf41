import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  addContact,
  createCompany,
  getCompanyPage,
  listCompanies,
  removeContact,
  updateCompany,
  updateContact,
} from "@/lib/data/companies";
import { ConflictError, RuleError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { ZAddContact, ZCreateCompany, ZUpdateCompany, ZUpdateContact } from "@/lib/validation/company";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

async function actor(opts: { role?: Role; unitId?: number; city?: boolean } = {}) {
  const unitId = opts.unitId ?? (await makeUnit(opts.city ? "CITY" : "COUNTY")).id;
  const user = await makeUser({ role: opts.role ?? "OFFICER", unitId });
  const unit = await testDb().unit.findUniqueOrThrow({ where: { id: unitId } });
  return { id: user.id, role: user.role, unitId, unitIsCity: unit.kind === "CITY" };
}

/** createCompany when no duplicate is expected: the company created. */
async function createdCompany(...args: Parameters<typeof createCompany>) {
  const result = await createCompany(...args);
  if (result.id === undefined) throw new Error(`unexpected duplicates: ${JSON.stringify(result.duplicates)}`);
  return result;
}

function companyInput(overrides: Record<string, unknown> = {}) {
  const s = uniq();
  return ZCreateCompany.parse({
    nameZh: `测试新能源科技${s}有限公司`,
    nameEn: `Test New Energy ${s} Co., Ltd.`,
    countryCode: "CN",
    ownershipType: "PRIVATE",
    industry: "动力电池",
    requestId: randomUUID(),
    ...overrides,
  });
}

async function makeProject(companyId: number, unitId: number, ownerId: number, title = `项目${uniq()}`) {
  return testDb().project.create({
    data: { companyId, unitId, ownerId, title, plannedInvestmentCny: "150000000.00", stage: "NEGOTIATION" },
  });
}

describe("companies: search", () => {
  it("finds a company by a Chinese substring and by an English substring in any case", async () => {
    const user = await actor();
    const s = uniq();
    const { id } = await createdCompany(testDb(), user, companyInput({ nameZh: `恒宁${s}时代新能源`, nameEn: `Hengning ${s} Era Energy` }));
    const other = await createdCompany(testDb(), user, companyInput());

    const byZh = await listCompanies(testDb(), user, { q: `宁${s}时代`, page: 1 });
    expect(byZh.rows.map((r) => r.id)).toEqual([id]);
    const byEn = await listCompanies(testDb(), user, { q: `${s} era`.toUpperCase(), page: 1 });
    expect(byEn.rows.map((r) => r.id)).toEqual([id]);
    expect(byEn.total).toBe(1);
    const all = await listCompanies(testDb(), user, { page: 1 });
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect((await listCompanies(testDb(), user, { q: `${s}-nothing-like-this`, page: 1 })).rows).toEqual([]);
    expect(other.id).not.toBe(id);
  });

  it("pages results and clamps a page past the end to the last page", async () => {
    const user = await actor();
    const s = uniq();
    for (let i = 0; i < 23; i++) await createdCompany(testDb(), user, companyInput({ nameZh: `分页${s}公司${String(i).padStart(2, "0")}` }));
    const first = await listCompanies(testDb(), user, { q: `分页${s}`, page: 1 });
    expect(first.total).toBe(23);
    expect(first.rows).toHaveLength(20);
    expect(first.pageCount).toBe(2);
    const second = await listCompanies(testDb(), user, { q: `分页${s}`, page: 2 });
    expect(second.rows).toHaveLength(3);
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0].id);
    const past = await listCompanies(testDb(), user, { q: `分页${s}`, page: 9 });
    expect(past.page).toBe(2);
  });

  it("counts only the projects in the user's scope", async () => {
    const unitA = await makeUnit();
    const unitB = await makeUnit();
    const officerA = await actor({ unitId: unitA.id });
    const officerB = await actor({ unitId: unitB.id });
    const admin = await actor({ role: "ADMIN" });
    const { id } = await createdCompany(testDb(), officerA, companyInput());
    await makeProject(id, unitA.id, officerA.id);
    await makeProject(id, unitB.id, officerB.id);
    await makeProject(id, unitB.id, officerB.id);
    const q = (await testDb().company.findUniqueOrThrow({ where: { id } })).nameZh;
    expect((await listCompanies(testDb(), officerA, { q, page: 1 })).rows[0].projectCount).toBe(1);
    expect((await listCompanies(testDb(), officerB, { q, page: 1 })).rows[0].projectCount).toBe(2);
    expect((await listCompanies(testDb(), admin, { q, page: 1 })).rows[0].projectCount).toBe(3);
  });
});

describe("companies: create and edit", () => {
  it("creates one company for a double submit, with one audit row", async () => {
    const user = await actor();
    const input = companyInput();
    const [a, b] = await Promise.all([createdCompany(testDb(), user, input), createdCompany(testDb(), user, input)]);
    const c = await createdCompany(testDb(), user, input);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(await testDb().company.count({ where: { nameZh: input.nameZh } })).toBe(1);
    const audits = await testDb().auditLog.findMany({ where: { action: "company.create", entityId: String(a.id) } });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(user.id);
    expect(audits[0].after).toMatchObject({ nameZh: input.nameZh, nameEn: input.nameEn, countryCode: "CN", requestId: input.requestId });
  });

  it("refuses names that are missing or too long and a country not in the list", () => {
    expect(ZCreateCompany.safeParse({ ...companyInput(), nameZh: "" }).success).toBe(false);
    expect(ZCreateCompany.safeParse({ ...companyInput(), nameZh: "长".repeat(201) }).success).toBe(false);
    expect(ZCreateCompany.safeParse({ ...companyInput(), countryCode: "XX" }).success).toBe(false);
    expect(ZCreateCompany.safeParse({ ...companyInput(), ownershipType: "PUBLIC" }).success).toBe(false);
    const noEn = ZCreateCompany.safeParse({ ...companyInput(), nameEn: undefined });
    expect(noEn.success).toBe(true);
  });

  it("saves an edit, bumps the version and audits before and after", async () => {
    const user = await actor();
    const created = await createdCompany(testDb(), user, companyInput({ nameEn: "Old English Name" }));
    const input = ZUpdateCompany.parse({
      id: String(created.id),
      version: "1",
      nameZh: "更新后的公司",
      nameEn: "New English Name",
      countryCode: "DE",
      ownershipType: "FOREIGN",
      groupName: "某集团",
    });
    const saved = await updateCompany(testDb(), user, input);
    expect(saved.version).toBe(2);
    const row = await testDb().company.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ nameZh: "更新后的公司", nameEn: "New English Name", countryCode: "DE", ownershipType: "FOREIGN", groupName: "某集团", industry: null, version: 2 });
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "company.update", entityId: String(created.id) } });
    expect(audit.actorId).toBe(user.id);
    expect(audit.before).toMatchObject({ nameEn: "Old English Name", countryCode: "CN", version: 1 });
    expect(audit.after).toMatchObject({ nameEn: "New English Name", countryCode: "DE", version: 2 });
  });

  it("refuses a save against an older version, changes nothing and returns the current values", async () => {
    const officer1 = await actor();
    const officer2 = await actor();
    const created = await createdCompany(testDb(), officer1, companyInput());
    const base = { id: created.id, version: 1, countryCode: "CN" as const, ownershipType: "PRIVATE" as const };
    await updateCompany(testDb(), officer1, ZUpdateCompany.parse({ ...base, nameZh: "第一位保存" }));
    const error = await updateCompany(testDb(), officer2, ZUpdateCompany.parse({ ...base, nameZh: "第二位保存" })).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).answer).toMatchObject({ values: { nameZh: "第一位保存" }, version: 2 });
    const row = await testDb().company.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.nameZh).toBe("第一位保存");
    expect(row.version).toBe(2);
    expect(await testDb().auditLog.count({ where: { action: "company.update", entityId: String(created.id) } })).toBe(1);
  });

  it("refuses a parent that is the company itself or one of its subsidiaries", async () => {
    const user = await actor();
    const parent = await createdCompany(testDb(), user, companyInput());
    const child = await createdCompany(testDb(), user, companyInput({ parentId: parent.id }));
    const base = { countryCode: "CN" as const, ownershipType: "PRIVATE" as const, nameZh: "母公司" };
    await expect(updateCompany(testDb(), user, ZUpdateCompany.parse({ ...base, id: parent.id, version: 1, parentId: parent.id }))).rejects.toBeInstanceOf(RuleError);
    await expect(updateCompany(testDb(), user, ZUpdateCompany.parse({ ...base, id: parent.id, version: 1, parentId: child.id }))).rejects.toBeInstanceOf(RuleError);
    await expect(createCompany(testDb(), user, companyInput({ parentId: 2_000_000_000 }))).rejects.toBeInstanceOf(RuleError);
    expect((await testDb().company.findUniqueOrThrow({ where: { id: parent.id } })).version).toBe(1);
  });
});

describe("companies: contacts", () => {
  it("refuses a bad email or phone and a missing name", () => {
    const base = { companyId: 1, requestId: randomUUID(), name: "张三" };
    const badEmail = ZAddContact.safeParse({ ...base, email: "zhang.san@" });
    expect(badEmail.success).toBe(false);
    expect(badEmail.error?.issues[0].path).toEqual(["email"]);
    expect(ZAddContact.safeParse({ ...base, phone: "call me maybe" }).success).toBe(false);
    expect(ZAddContact.safeParse({ ...base, name: "" }).success).toBe(false);
    expect(ZAddContact.safeParse({ ...base, email: "zhang.san@example.com", phone: "+81 6 6201 3400" }).success).toBe(true);
    expect(ZAddContact.safeParse({ ...base, phone: "0591-8776 1001 转 8" }).success).toBe(true);
  });

  it("adds a contact once per submit, edits it with its version and removes it, all audited", async () => {
    const user = await actor();
    const { id: companyId } = await createdCompany(testDb(), user, companyInput());
    const input = ZAddContact.parse({ companyId, requestId: randomUUID(), name: "林晓峰", title: "副总裁", phone: "139 5912 3301", email: "lin@example.com" });
    const [a, b] = await Promise.all([addContact(testDb(), user, input), addContact(testDb(), user, input)]);
    expect(b.id).toBe(a.id);
    expect(await testDb().contact.count({ where: { companyId } })).toBe(1);

    const edit = ZUpdateContact.parse({ id: a.id, version: 1, name: "林晓峰", title: "总裁", email: "lin.xf@example.com" });
    await updateContact(testDb(), user, edit);
    await expect(updateContact(testDb(), user, { ...edit, title: "过时的修改" })).rejects.toBeInstanceOf(ConflictError);
    const row = await testDb().contact.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ title: "总裁", phone: null, email: "lin.xf@example.com", version: 2 });

    await expect(removeContact(testDb(), user, { id: a.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await removeContact(testDb(), user, { id: a.id, version: 2 });
    expect(await testDb().contact.count({ where: { companyId } })).toBe(0);
    const actions = (await testDb().auditLog.findMany({ where: { entity: "contact", entityId: String(a.id) }, orderBy: { id: "asc" } })).map((r) => r.action);
    expect(actions).toEqual(["contact.create", "contact.update", "contact.delete"]);
  });
});

describe("companies: the company page", () => {
  it("shows an officer only the company's projects of their own unit", async () => {
    const unitA = await makeUnit();
    const unitB = await makeUnit();
    const officerA = await actor({ unitId: unitA.id });
    const officerB = await actor({ unitId: unitB.id });
    const cityManager = await actor({ role: "MANAGER", city: true });
    const { id } = await createdCompany(testDb(), officerA, companyInput());
    const pa = await makeProject(id, unitA.id, officerA.id, "A县项目");
    const pb = await makeProject(id, unitB.id, officerB.id, "B县秘密项目");

    const pageA = await getCompanyPage(testDb(), officerA, { id });
    expect(pageA.projects.map((p) => p.id)).toEqual([pa.id]);
    expect(JSON.stringify(pageA)).not.toContain("B县秘密项目");
    const pageB = await getCompanyPage(testDb(), officerB, { id });
    expect(pageB.projects.map((p) => p.id)).toEqual([pb.id]);
    const pageCity = await getCompanyPage(testDb(), cityManager, { id });
    expect(pageCity.projects.map((p) => p.id).sort()).toEqual([pa.id, pb.id].sort());
    expect(pageA.projects[0]).toMatchObject({ stage: "NEGOTIATION", title: "A县项目" });
    expect(pageA.projects[0].plannedInvestmentCny?.toString()).toBe("150000000");
  });
});
