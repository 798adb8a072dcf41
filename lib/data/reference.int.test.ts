import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, RuleError } from "@/lib/errors";
import {
  createReferenceItem,
  createUnit,
  listReferenceItems,
  listUnitOptions,
  listUnits,
  renameReferenceItem,
  renameUnit,
  setReferenceItemRetired,
  setUnitRetired,
} from "@/lib/data/reference";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

const admin = () => makeUser({ role: "ADMIN" });

describe("units", () => {
  it("adds a county under the city once per request id, renames it, and refuses a used code", async () => {
    const actor = await admin();
    await makeUnit("CITY");
    const code = `qx-${uniq()}`;
    const input = { code, nameZh: "青溪县", nameEn: "Qingxi County", kind: "COUNTY" as const, requestId: randomUUID() };
    const created = await createUnit(testDb(), actor, input);
    expect((await createUnit(testDb(), actor, input)).id).toBe(created.id);
    const row = await testDb().unit.findUniqueOrThrow({ where: { id: created.id }, include: { parent: true } });
    expect(row.parent?.kind).toBe("CITY");

    const dup = await createUnit(testDb(), actor, { ...input, requestId: randomUUID() }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RuleError);
    expect((dup as RuleError).fieldErrors).toEqual({ code: "admin.validation.codeTaken" });

    const renamed = await renameUnit(testDb(), actor, { id: created.id, version: created.version, nameZh: "青溪区", nameEn: "Qingxi District" });
    expect(renamed.version).toBe(created.version + 1);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "unit.rename", entityId: String(created.id) } });
    expect(audit.before).toMatchObject({ nameZh: "青溪县" });
    expect(audit.after).toMatchObject({ nameZh: "青溪区" });
    await expect(renameUnit(testDb(), actor, { id: created.id, version: created.version, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("retires a unit: its users keep it, it leaves the pickers, and it can be restored; the city cannot be retired", async () => {
    const actor = await admin();
    const unit = await makeUnit();
    const member = await makeUser({ unitId: unit.id });
    const retired = await setUnitRetired(testDb(), actor, { id: unit.id, version: unit.version, retired: true });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: member.id } })).unitId).toBe(unit.id);
    expect((await listUnitOptions(testDb(), actor)).map((u) => u.id)).not.toContain(unit.id);
    expect((await listUnits(testDb(), actor)).find((u) => u.id === unit.id)).toMatchObject({ userCount: 1 });
    await setUnitRetired(testDb(), actor, { id: unit.id, version: retired.version, retired: false });
    expect((await listUnitOptions(testDb(), actor)).map((u) => u.id)).toContain(unit.id);

    const city = await makeUnit("CITY");
    await expect(setUnitRetired(testDb(), actor, { id: city.id, version: city.version, retired: true })).rejects.toMatchObject({ messageKey: "admin.rules.cityStays" });
  });
});

describe("reference items", () => {
  it("adds an item of each kind, refuses a code used in the same list, and allows it in another list", async () => {
    const actor = await admin();
    const code = `c-${uniq()}`;
    for (const kind of ["SECTOR", "INDUSTRY_CHAIN", "SOURCE", "AGREEMENT_KIND"] as const) {
      const created = await createReferenceItem(testDb(), actor, { kind, code, nameZh: `名称${kind}`, nameEn: `Name ${kind}`, requestId: randomUUID() });
      expect(created.kind).toBe(kind);
    }
    const dup = await createReferenceItem(testDb(), actor, { kind: "SECTOR", code, nameZh: "重复", nameEn: "Dup", requestId: randomUUID() }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RuleError);
    expect((dup as RuleError).fieldErrors).toEqual({ code: "admin.validation.codeTaken" });
    expect(await testDb().referenceItem.count({ where: { code } })).toBe(4);
    expect(await testDb().auditLog.count({ where: { action: "reference_item.create", after: { path: ["code"], equals: code } } })).toBe(4);
  });

  it("retiring only sets retired_at: a project using the sector keeps it; restore brings it back", async () => {
    const actor = await admin();
    const sector = await createReferenceItem(testDb(), actor, { kind: "SECTOR", code: `s-${uniq()}`, nameZh: "新能源", nameEn: "New energy", requestId: randomUUID() });
    const owner = await makeUser();
    const company = await testDb().company.create({ data: { nameZh: `公司${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const project = await testDb().project.create({
      data: { companyId: company.id, title: "电池项目", unitId: owner.unitId, ownerId: owner.id, sectorId: sector.id },
    });

    const retired = await setReferenceItemRetired(testDb(), actor, { id: sector.id, version: sector.version, retired: true });
    const after = await testDb().project.findUniqueOrThrow({ where: { id: project.id }, select: { sector: { select: { id: true, nameZh: true, retiredAt: true } } } });
    expect(after.sector).toMatchObject({ id: sector.id, nameZh: "新能源" });
    expect(after.sector?.retiredAt).not.toBeNull();
    const listed = (await listReferenceItems(testDb(), actor, { kind: "SECTOR" })).find((r) => r.id === sector.id);
    expect(listed).toMatchObject({ usageCount: 1 });
    expect(listed?.retiredAt).not.toBeNull();

    await setReferenceItemRetired(testDb(), actor, { id: sector.id, version: retired.version, retired: false });
    expect((await testDb().referenceItem.findUniqueOrThrow({ where: { id: sector.id } })).retiredAt).toBeNull();
    expect(await testDb().auditLog.count({ where: { entityId: String(sector.id), entity: "reference_item", action: { in: ["reference_item.retire", "reference_item.restore"] } } })).toBe(2);
  });

  it("renames with versions: a stale edit is a conflict with the item as it is now", async () => {
    const actor = await admin();
    const item = await createReferenceItem(testDb(), actor, { kind: "SOURCE", code: `src-${uniq()}`, nameZh: "展会", nameEn: "Fair", requestId: randomUUID() });
    await renameReferenceItem(testDb(), actor, { id: item.id, version: item.version, nameZh: "推介会", nameEn: "Conference" });
    const error = await renameReferenceItem(testDb(), actor, { id: item.id, version: item.version, nameZh: "x", nameEn: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).answer).toMatchObject({ values: { nameZh: "推介会" }, version: item.version + 1 });
  });
});

describe("only admins", () => {
  it("refuses every function to a manager and an officer", async () => {
    const unit = await makeUnit();
    const item = await testDb().referenceItem.create({ data: { kind: "SECTOR", code: `f-${uniq()}`, nameZh: "x", nameEn: "x" } });
    for (const role of ["MANAGER", "OFFICER"] as const) {
      const caller = await makeUser({ role });
      await expect(listUnits(testDb(), caller)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listReferenceItems(testDb(), caller, { kind: "SECTOR" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUnit(testDb(), caller, { code: `x-${uniq()}`, nameZh: "x", nameEn: "x", kind: "COUNTY", requestId: randomUUID() })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(renameUnit(testDb(), caller, { id: unit.id, version: unit.version, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setUnitRetired(testDb(), caller, { id: unit.id, version: unit.version, retired: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createReferenceItem(testDb(), caller, { kind: "SECTOR", code: `x-${uniq()}`, nameZh: "x", nameEn: "x", requestId: randomUUID() })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(renameReferenceItem(testDb(), caller, { id: item.id, version: item.version, nameZh: "y", nameEn: "y" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setReferenceItemRetired(testDb(), caller, { id: item.id, version: item.version, retired: true })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await testDb().unit.findUniqueOrThrow({ where: { id: unit.id } })).version).toBe(unit.version);
    expect((await testDb().referenceItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(item.version);
  });
});
