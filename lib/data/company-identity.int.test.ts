import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCompany, updateCompany } from "@/lib/data/companies";
import { findDuplicateCompanies } from "@/lib/data/company-duplicates";
import { COMPANY_REFERENCES, mergeCompanies, mergedFrom, mergedInto } from "@/lib/data/company-merge";
import { otherUnitsInTalks, otherUnitsInTalksForProject } from "@/lib/data/company-talks";
import { ConflictError, RuleError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { ZCreateCompany, ZMergeCompanies, ZUpdateCompany } from "@/lib/validation/company";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

async function actor(opts: { role?: Role; unitId?: number; city?: boolean } = {}) {
  const unitId = opts.unitId ?? (await makeUnit(opts.city ? "CITY" : "COUNTY")).id;
  const user = await makeUser({ role: opts.role ?? "OFFICER", unitId });
  return { id: user.id, role: user.role, unitId, unitIsCity: !!opts.city };
}

const company = (nameZh: string, extra: Record<string, unknown> = {}) =>
  testDb().company.create({ data: { nameZh, countryCode: "CN", ownershipType: "PRIVATE", ...extra } });

const createInput = (fields: Record<string, unknown>) =>
  ZCreateCompany.parse({ countryCode: "CN", ownershipType: "PRIVATE", requestId: randomUUID(), ...fields });

describe("the credit code on the company form", () => {
  it("accepts a real code as people type it and stores it cleaned", () => {
    expect(createInput({ nameZh: "比亚迪股份有限公司", creditCode: "9144 0300 1923 1745 8f" }).creditCode).toBe("91440300192317458F");
  });
  it("refuses an altered code, a short one and one with a letter outside the set, saying which", () => {
    const issue = (creditCode: string) => ZCreateCompany.safeParse({ nameZh: "x", countryCode: "CN", ownershipType: "PRIVATE", requestId: randomUUID(), creditCode }).error?.issues[0]?.message;
    expect(issue("91440300192317458E")).toBe("creditCodeCheck");
    expect(issue("9144030019231745")).toBe("creditCodeLength");
    expect(issue("9144030019231745OF")).toBe("creditCodeCharacters");
  });
});

/**
 * Real-world spellings of the same investor, as officers type them: each
 * group is one company. The finder pairs every name with the others of its
 * group and with nobody else.
 */
const SAME: string[][] = [
  ["西门子（中国）有限公司", "西门子(中国)有限公司", "西门子中国有限公司", "西门子 (中国) 有限公司"],
  ["比亚迪股份有限公司", "比亚迪有限公司", "比亚迪"],
  ["福耀玻璃工业集团股份有限公司", "福耀玻璃工业集团"],
  ["三一重工股份有限公司", "三一重工有限责任公司"],
  ["ＡＢＢ（中国）有限公司", "ABB(中国)有限公司", "abb（中国）有限公司"],
  ["Robert Bosch GmbH", "ROBERT BOSCH GMBH", "Robert Bosch"],
  ["Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD", "Samsung Electronics Co.,Ltd"],
  ["Tesla, Inc.", "Tesla Inc", "ＴＥＳＬＡ　ＩＮＣ．"],
  ["京东方科技集团股份有限公司", "京东方科技集团"],
];
/** Distinct companies whose names look alike: none may pair with another. */
const DISTINCT = [
  "华为技术有限公司",
  "华为终端有限公司",
  "宁德时代新能源科技股份有限公司",
  "宁德新能源科技有限公司",
  "比亚迪汽车工业有限公司",
  "Samsung SDI Co., Ltd.",
  "Apple Inc.",
  "Applied Materials, Inc.",
  "上海汽车工业（集团）总公司",
  "上海汽车集团股份有限公司",
];

describe("the duplicate finder", () => {
  it("pairs the spellings of one investor and does not pair distinct companies", async () => {
    const tag = `t${uniq()}-`;
    const ids = new Map<string, number>();
    for (const name of [...SAME.flat(), ...DISTINCT]) ids.set(name, (await company(`${tag}${name}`)).id);
    const ours = new Set(ids.values());
    const found = async (name: string) =>
      (await findDuplicateCompanies(testDb(), { nameZh: `${tag}${name}`, excludeId: ids.get(name) })).map((c) => c.id).filter((id) => ours.has(id)).sort();
    for (const group of SAME)
      for (const name of group) expect(await found(name), name).toEqual(group.filter((n) => n !== name).map((n) => ids.get(n)!).sort());
    for (const name of DISTINCT) expect(await found(name), name).toEqual([]);
  });

  it("finds an English name entered in either field, and by credit code or home registration number", async () => {
    const s = uniq();
    const siemens = await company(`西门子${s}（中国）有限公司`, { nameEn: `Siemens ${s} Ltd., China` });
    expect((await findDuplicateCompanies(testDb(), { nameZh: `SIEMENS ${s} LTD CHINA` })).map((c) => c.id)).toContain(siemens.id);
    expect((await findDuplicateCompanies(testDb(), { nameZh: `某公司${s}`, nameEn: `siemens ${s} ltd. china` })).map((c) => c.id)).toContain(siemens.id);

    const code = "91330100716105852F";
    await testDb().company.deleteMany({ where: { creditCode: code } });
    const ali = await company(`阿里巴巴${s}`, { creditCode: code });
    expect(await findDuplicateCompanies(testDb(), { nameZh: `完全不同的名字${s}`, creditCode: code })).toEqual([expect.objectContaining({ id: ali.id, reason: "creditCode" })]);
    const reg = `HRB ${s}`;
    const bosch = await company(`博世${s}`, { countryCode: "DE", foreignRegNo: reg });
    expect(await findDuplicateCompanies(testDb(), { nameZh: `另一个${s}`, countryCode: "DE", foreignRegNo: reg })).toEqual([expect.objectContaining({ id: bosch.id, reason: "foreignRegNo" })]);
    expect(await findDuplicateCompanies(testDb(), { nameZh: `另一个${s}`, countryCode: "US", foreignRegNo: reg })).toEqual([]);
  });

  it("looks names up through the name key indexes, not a scan of the companies", async () => {
    const plan = await testDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        "EXPLAIN SELECT id FROM company c WHERE c.name_key IN (company_name_key($1), company_name_key($2)) OR c.name_en_key IN (company_name_key($1), company_name_key($2))",
        "比亚迪股份有限公司",
        "BYD Co., Ltd.",
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/company_name_key_idx/);
    expect(plan).toMatch(/company_name_en_key_idx/);
  });
});

describe("creating a company that exists", () => {
  it("shows the likely duplicates instead of saving; saves when the officer confirms it is another company", async () => {
    const officer = await actor();
    const s = uniq();
    const existing = await company(`恒宁${s}新能源科技有限公司`);
    const input = createInput({ nameZh: `恒宁${s}新能源科技（集团）股份有限公司` });
    const first = await createCompany(testDb(), officer, input);
    expect(first.duplicates?.map((d) => d.id)).toEqual([existing.id]);
    expect(await testDb().company.count({ where: { nameZh: input.nameZh } })).toBe(0);

    const confirmed = await createCompany(testDb(), officer, { ...input, confirmDistinct: true });
    expect(confirmed.id).toBeDefined();
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "company.create", entityId: String(confirmed.id) } });
    expect((audit.after as { confirmedDistinctFrom: number[] }).confirmedDistinctFrom).toEqual([existing.id]);
  });

  it("never creates a second company with the same credit code, confirmed or not; an edit to a taken code is a field error", async () => {
    const officer = await actor();
    const code = "9144030071526726XG";
    await testDb().company.deleteMany({ where: { creditCode: code } });
    const tencent = await company(`腾讯${uniq()}`, { creditCode: code });
    const again = await createCompany(testDb(), officer, createInput({ nameZh: `别名${uniq()}`, creditCode: code, confirmDistinct: "true" }));
    expect(again.duplicates).toEqual([expect.objectContaining({ id: tencent.id, reason: "creditCode" })]);

    const other = await company(`其他${uniq()}`);
    const edit = ZUpdateCompany.parse({ id: other.id, version: other.version, nameZh: other.nameZh, countryCode: "CN", ownershipType: "PRIVATE", creditCode: code });
    const error = await updateCompany(testDb(), officer, edit).catch((e) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fieldErrors).toEqual({ creditCode: "creditCodeTaken" });
  });
});

async function project(companyId: number, unitId: number, ownerId: number, extra: Record<string, unknown> = {}) {
  return testDb().project.create({ data: { companyId, unitId, ownerId, title: `项目${uniq()}`, plannedInvestmentCny: "150000000.00", stage: "NEGOTIATION", ...extra } });
}

describe("merging two companies", () => {
  async function pair(unitId: number, ownerId: number) {
    const s = uniq();
    const survivor = await company(`合并留${s}`);
    const parent = await company(`母公司${s}`);
    const merged = await company(`合并去${s}`, { nameEn: `Merged ${s}`, creditCode: null, parentId: parent.id, industry: "锂电池" });
    const sub = await company(`子公司${s}`, { parentId: merged.id });
    const projects = [await project(survivor.id, unitId, ownerId), await project(merged.id, unitId, ownerId), await project(merged.id, unitId, ownerId)];
    await testDb().contact.createMany({ data: [{ companyId: survivor.id, name: "甲" }, { companyId: merged.id, name: "乙" }, { companyId: merged.id, name: "丙" }] });
    return { survivor, merged, sub, projects };
  }
  const input = (survivor: { id: number; version: number }, merged: { id: number; version: number }) =>
    ZMergeCompanies.parse({ survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version });

  it("moves projects, contacts and subsidiaries to the survivor, loses nothing, deletes the merged one and writes one audit row", async () => {
    const manager = await actor({ role: "MANAGER" });
    const { survivor, merged, sub, projects } = await pair(manager.unitId, manager.id);
    const count = async () => ({
      projects: await testDb().project.count({ where: { companyId: { in: [survivor.id, merged.id] } } }),
      contacts: await testDb().contact.count({ where: { companyId: { in: [survivor.id, merged.id] } } }),
    });
    const before = await count();
    const result = await mergeCompanies(testDb(), manager, input(survivor, merged));

    expect(await count()).toEqual(before);
    expect(await testDb().project.count({ where: { companyId: survivor.id } })).toBe(3);
    expect(await testDb().contact.count({ where: { companyId: survivor.id } })).toBe(3);
    expect((await testDb().company.findUniqueOrThrow({ where: { id: sub.id } })).parentId).toBe(survivor.id);
    expect(await testDb().company.findUnique({ where: { id: merged.id } })).toBeNull();
    const after = await testDb().company.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(after).toMatchObject({ nameEn: merged.nameEn, industry: "锂电池", version: survivor.version + 1 });

    const audits = await testDb().auditLog.findMany({ where: { action: "company.merge", entityId: String(survivor.id) } });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(manager.id);
    expect(audits[0].after).toMatchObject({ mergedId: merged.id, projectIds: projects.slice(1).map((p) => p.id).sort((a, b) => a - b), subsidiaryIds: [sub.id] });
    expect((audits[0].before as { merged: { nameZh: string } }).merged.nameZh).toBe(merged.nameZh);
    expect(result.projectIds).toHaveLength(2);

    expect((await mergedFrom(testDb(), manager, { id: survivor.id })).map((m) => m.nameZh)).toEqual([merged.nameZh]);
    expect(await mergedInto(testDb(), manager, { id: merged.id })).toBe(survivor.id);
  });

  it("refuses a stale version of either company and changes nothing", async () => {
    const manager = await actor({ role: "MANAGER" });
    const { survivor, merged } = await pair(manager.unitId, manager.id);
    await testDb().company.update({ where: { id: merged.id }, data: { industry: "改了", version: { increment: 1 } } });
    await expect(mergeCompanies(testDb(), manager, input(survivor, merged))).rejects.toBeInstanceOf(ConflictError);
    expect(await testDb().project.count({ where: { companyId: merged.id } })).toBe(2);
    expect(await testDb().auditLog.count({ where: { action: "company.merge", entityId: String(survivor.id) } })).toBe(0);
  });

  it("a unit's manager may not merge companies with another unit's projects; a city manager may", async () => {
    const manager = await actor({ role: "MANAGER" });
    const other = await actor();
    const { survivor, merged } = await pair(manager.unitId, manager.id);
    await project(merged.id, other.unitId, other.id);
    const error = await mergeCompanies(testDb(), manager, input(survivor, merged)).catch((e) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).messageKey).toBe("mergeOtherUnits");
    expect(await testDb().project.count({ where: { companyId: merged.id } })).toBe(3);

    const city = await actor({ role: "MANAGER", city: true });
    await mergeCompanies(testDb(), city, input(survivor, merged));
    expect(await testDb().project.count({ where: { companyId: survivor.id } })).toBe(4);
  });

  it("moves every reference to a company there is (the database's foreign keys are the merge's list)", async () => {
    const rows = await testDb().$queryRaw<{ ref: string }[]>`
      SELECT c.conrelid::regclass::text || '(' || a.attname || ')' AS ref
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'company'::regclass ORDER BY 1`;
    expect(rows.map((r) => r.ref.replace(/"/g, ""))).toEqual([...COMPANY_REFERENCES].sort());
  });
});

describe("also in talks with another unit", () => {
  it("names the other units in play with the investor and their stage, and nothing else of their projects", async () => {
    const officerA = await actor();
    const officerB = await actor();
    const officerC = await actor();
    const investor = await company(`同一投资方${uniq()}`);
    const mine = await project(investor.id, officerA.unitId, officerA.id);
    await project(investor.id, officerB.unitId, officerB.id, { stage: "SIGNED", title: "B县秘密项目" });
    await project(investor.id, officerC.unitId, officerC.id, { stage: "LOST" });

    const onCompany = await otherUnitsInTalks(testDb(), officerA, { companyId: investor.id });
    expect(onCompany).toEqual([{ unitId: officerB.unitId, unitNameZh: expect.any(String), unitNameEn: expect.any(String), stage: "SIGNED" }]);
    expect(JSON.stringify(onCompany)).not.toContain("B县秘密项目");
    expect(await otherUnitsInTalksForProject(testDb(), officerA, { companyId: investor.id, unitId: mine.unitId })).toEqual(onCompany);

    const admin = await actor({ role: "ADMIN" });
    expect(await otherUnitsInTalks(testDb(), admin, { companyId: investor.id })).toEqual([]);
  });
});

describe("import", () => {
  it("a row whose investor is an existing company under another spelling uses it and says so; spellings of one new investor make one company", async () => {
    const { csv, fixture, row, setUpImportFixture } = await import("@/lib/import/import.test-helpers");
    const { importProjects } = await import("@/lib/import/import-projects");
    await setUpImportFixture();
    const s = uniq();
    const existing = await company(`恒宁${s}新能源有限公司`);
    const file = csv([
      row(`${s}-a`, { investor_name: `恒宁${s}新能源（集团）股份有限公司` }),
      row(`${s}-b`, { investor_name: `恒宁${s}新能源有限公司` }),
      row(`${s}-c`, { investor_name: `远航${s}材料有限公司` }),
      row(`${s}-d`, { investor_name: `远航${s}材料（集团）有限公司` }),
    ]);
    const result = await importProjects(testDb(), fixture.admin, file);
    expect(result).toMatchObject({ ok: true, created: 4 });
    if (!result.ok) return;
    const companyOf = async (ext: string) => (await testDb().project.findUniqueOrThrow({ where: { externalId: `${s}-${ext}` }, select: { companyId: true } })).companyId;
    expect(await companyOf("a")).toBe(existing.id);
    expect(await companyOf("b")).toBe(existing.id);
    expect(await companyOf("d")).toBe(await companyOf("c"));
    expect(await testDb().company.count({ where: { nameZh: { contains: `远航${s}` } } })).toBe(1);
    expect(result.matched).toEqual(
      expect.arrayContaining([
        { name: `恒宁${s}新能源（集团）股份有限公司`, companyId: existing.id, company: existing.nameZh, reason: "name" },
        { name: `远航${s}材料（集团）有限公司`, companyId: await companyOf("c"), company: `远航${s}材料有限公司`, reason: "name" },
      ]),
    );
    expect(result.matched).toHaveLength(2);
  });
});
