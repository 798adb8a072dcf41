/**
 * The conflict answer of every edit form that shows one (project, company,
 * contact, event, user, reference item): the record's fields now, as its form
 * sends them, and who changed which field since the version the user loaded,
 * from the audit log. One shape for all (ConflictAnswer, lib/actions/result.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConflictError } from "@/lib/errors";
import type { ConflictAnswer } from "@/lib/actions/result";
import { createProject, updateProject } from "@/lib/data/projects";
import { addContact, createCompany, removeContact, updateCompany, updateContact } from "@/lib/data/companies";
import { createEvent, updateEvent } from "@/lib/data/events";
import { setUserDisabled, updateUserAccess } from "@/lib/data/users";
import { createReferenceItem, renameReferenceItem, setReferenceItemRetired, renameUnit } from "@/lib/data/reference";
import { ZCreateProject, ZUpdateProject } from "@/lib/validation/project";
import { ZAddContact, ZCreateCompany, ZUpdateCompany, ZUpdateContact } from "@/lib/validation/company";
import { ZCreateEvent, ZUpdateEvent } from "@/lib/validation/event";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

const db = () => testDb();

async function actor(role: Role, unitId?: number): Promise<CurrentUser> {
  const unit = unitId ? await db().unit.findUniqueOrThrow({ where: { id: unitId } }) : await makeUnit();
  const u = await makeUser({ role, unitId: unit.id });
  return { id: u.id, email: u.email, name: u.name, role, unitId: unit.id, unitNameZh: "", unitNameEn: "", unitIsCity: unit.kind === "CITY" };
}

async function conflictOf(attempt: Promise<unknown>): Promise<ConflictAnswer> {
  const error = await attempt.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConflictError);
  return (error as ConflictError).answer;
}

/** The change of `field` the answer names: by whom, and a time no earlier than `since`. */
function expectChange(answer: ConflictAnswer, field: string, by: string, since: Date) {
  const change = answer.changes.find((c) => c.field === field);
  expect(change, `a change of ${field}`).toBeDefined();
  expect(change!.by).toBe(by);
  expect(new Date(change!.at).getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
}

describe("the conflict answer names the record now and who changed what since the user's version", () => {
  it("project: the planned investment a colleague changed, with their name; fields as the form sends them", async () => {
    const unit = await makeUnit();
    const a = await actor("OFFICER", unit.id);
    const b = await actor("OFFICER", unit.id);
    const company = await db().company.create({ data: { nameZh: `公司${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const anchor = await createProject(db(), a, ZCreateProject.parse({ requestId: randomUUID(), title: `链主${uniq()}`, companyId: String(company.id) }));
    const p = await createProject(db(), a, ZCreateProject.parse({ requestId: randomUUID(), title: "冲突项目", companyId: String(company.id), plannedInvestmentCny: "350000000", jobs: "100", phase: "一期" }));
    const since = new Date();
    const loaded = { title: "冲突项目", plannedInvestmentCny: "350000000", jobs: "100", phase: "一期" };
    await updateProject(db(), a, ZUpdateProject.parse({ id: String(p.id), version: String(p.version), ...loaded, plannedInvestmentCny: "420000000", anchorProjectId: String(anchor.id) }));

    const answer = await conflictOf(updateProject(db(), b, ZUpdateProject.parse({ id: String(p.id), version: String(p.version), ...loaded, jobs: "250", phase: "二期" })));
    expect(answer.version).toBe(p.version + 1);
    expect(answer.values).toMatchObject({ title: "冲突项目", plannedInvestmentCny: "420000000", jobs: "100", phase: "一期", sectorId: "", anchorProjectId: String(anchor.id) });
    expect(Object.values(answer.values).every((v) => typeof v === "string")).toBe(true);
    expect(answer.labels).toMatchObject({ anchorProjectId: expect.stringContaining("链主") });
    expectChange(answer, "plannedInvestmentCny", a.name, since);
    expectChange(answer, "anchorProjectId", a.name, since);
    expect(answer.changes.map((c) => c.field)).not.toContain("jobs");
    // Nothing of B's was written.
    expect((await db().project.findUniqueOrThrow({ where: { id: p.id } })).jobs).toBe(100);
  });

  it("company: the colleague's name change, fields as strings ('' for empty)", async () => {
    const a = await actor("OFFICER");
    const b = await actor("OFFICER");
    const input = { nameZh: `公司${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" };
    const created = await createCompany(db(), a, ZCreateCompany.parse({ ...input, requestId: randomUUID() }));
    const since = new Date();
    await updateCompany(db(), a, ZUpdateCompany.parse({ ...input, id: created.id, version: 1, nameZh: "第一位保存" }));
    const answer = await conflictOf(updateCompany(db(), b, ZUpdateCompany.parse({ ...input, id: created.id, version: 1, industry: "电池" })));
    expect(answer).toMatchObject({ version: 2, values: { nameZh: "第一位保存", nameEn: "", industry: "", parentId: "", countryCode: "CN" } });
    expectChange(answer, "nameZh", a.name, since);
    expect(answer.changes).toHaveLength(1);
  });

  it("contact: saving and removing a changed contact both answer with who changed it", async () => {
    const a = await actor("OFFICER");
    const b = await actor("OFFICER");
    const company = await createCompany(db(), a, ZCreateCompany.parse({ nameZh: `公司${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE", requestId: randomUUID() }));
    const contact = await addContact(db(), a, ZAddContact.parse({ companyId: company.id, name: "王经理", phone: "123", requestId: randomUUID() }));
    const since = new Date();
    await updateContact(db(), a, ZUpdateContact.parse({ id: contact.id, version: 1, name: "王经理", phone: "138 0000 0000" }));
    const answer = await conflictOf(updateContact(db(), b, ZUpdateContact.parse({ id: contact.id, version: 1, name: "王经理", phone: "123", email: "w@x.cn" })));
    expect(answer).toMatchObject({ version: 2, values: { name: "王经理", phone: "138 0000 0000", title: "", email: "" } });
    expectChange(answer, "phone", a.name, since);
    const removal = await conflictOf(removeContact(db(), b, { id: contact.id, version: 1 }));
    expect(removal.values.phone).toBe("138 0000 0000");
  });

  it("event: the colleague's new end date, as YYYY-MM-DD", async () => {
    const unit = await makeUnit();
    const a = await actor("MANAGER", unit.id);
    const b = await actor("MANAGER", unit.id);
    const fields = { nameZh: `推介会${uniq()}`, cityZh: "深圳", startsOn: "2024-05-20", endsOn: "2024-05-21", unitId: String(unit.id) };
    const created = await createEvent(db(), a, ZCreateEvent.parse({ ...fields, requestId: randomUUID() }));
    const since = new Date();
    await updateEvent(db(), a, ZUpdateEvent.parse({ ...fields, id: created.id, version: 1, endsOn: "2024-05-23" }));
    const answer = await conflictOf(updateEvent(db(), b, ZUpdateEvent.parse({ ...fields, id: created.id, version: 1, cityEn: "Shenzhen" })));
    expect(answer).toMatchObject({ version: 2, values: { endsOn: "2024-05-23", startsOn: "2024-05-20", cityEn: "", unitId: String(unit.id) } });
    expectChange(answer, "endsOn", a.name, since);
  });

  it("user: another admin's role change; the status as the form reads it; never the password hash", async () => {
    const a = await actor("ADMIN");
    const b = await actor("ADMIN");
    const target = await makeUser();
    const since = new Date();
    await updateUserAccess(db(), a, { id: target.id, version: target.version, role: "MANAGER", unitId: target.unitId });
    const answer = await conflictOf(setUserDisabled(db(), b, { id: target.id, version: target.version, disabled: true }));
    expect(answer).toMatchObject({ version: target.version + 1, values: { role: "MANAGER", unitId: String(target.unitId), disabled: "false" } });
    expect(JSON.stringify(answer)).not.toContain(target.passwordHash);
    expectChange(answer, "role", a.name, since);
  });

  it("reference item and unit: the other admin's rename and retirement", async () => {
    const a = await actor("ADMIN");
    const b = await actor("ADMIN");
    const item = await createReferenceItem(db(), a, { kind: "SOURCE", code: `src-${uniq()}`, nameZh: "展会", nameEn: "Fair", requestId: randomUUID() });
    const since = new Date();
    const renamed = await renameReferenceItem(db(), a, { id: item.id, version: item.version, nameZh: "推介会", nameEn: "Fair" });
    await setReferenceItemRetired(db(), a, { id: item.id, version: renamed.version, retired: true });
    const answer = await conflictOf(renameReferenceItem(db(), b, { id: item.id, version: item.version, nameZh: "展会", nameEn: "Trade fair" }));
    expect(answer).toMatchObject({ version: item.version + 2, values: { nameZh: "推介会", nameEn: "Fair", retired: "true" } });
    expectChange(answer, "nameZh", a.name, since);
    expectChange(answer, "retired", a.name, since);

    const unit = await makeUnit();
    await renameUnit(db(), a, { id: unit.id, version: unit.version, nameZh: "新县名", nameEn: unit.nameEn });
    const unitAnswer = await conflictOf(renameUnit(db(), b, { id: unit.id, version: unit.version, nameZh: unit.nameZh, nameEn: "New" }));
    expect(unitAnswer.values).toMatchObject({ nameZh: "新县名", retired: "false" });
    expectChange(unitAnswer, "nameZh", a.name, since);
  });
});
