/**
 * The credit-code column of the project import (issue 16): a bad code refuses
 * the whole file with its row and column, in both languages; a row whose code
 * is an existing company's uses that company whatever name the row gives; a
 * row with no code whose name normalises to an existing company's uses it and
 * is listed in the result as a likely duplicate (the official checks the list;
 * refusing would block a migration of old sheets on every spelling variant).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { importProjects } from "@/lib/import/import-projects";
import { translateIssues } from "@/lib/import/messages";
import { IMPORT_COLUMNS } from "@/lib/import/columns";
import { csv, fixture, row, setUpImportFixture } from "@/lib/import/import.test-helpers";
import { freshCreditCode } from "@/test/credit-codes";

const db = testDb();

beforeAll(async () => {
  await setUpImportFixture();
});

describe("the import's credit-code column", () => {
  it("the template and the header both languages name it", () => {
    expect(IMPORT_COLUMNS.find((c) => c.key === "investor_credit_code")?.zh).toBe("投资方统一社会信用代码");
  });

  it("a bad code refuses the whole file with its row and column, in both languages", async () => {
    const p = uniq();
    const good = freshCreditCode();
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    const result = await importProjects(db, fixture.admin, csv([row(`${p}-1`, { investor_credit_code: good }), row(`${p}-2`, { investor_credit_code: bad })], { headers: "zh" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.key])).toEqual([[3, "投资方统一社会信用代码", "creditCodeCheck"]]);
    expect(translateIssues(result.errors, "zh-CN")[0].message).toContain("校验位");
    expect(translateIssues(result.errors, "en")[0].message).toContain("last character");
    expect(await db.project.count({ where: { externalId: { startsWith: p } } })).toBe(0);
    expect(await db.company.count({ where: { creditCode: good } })).toBe(0);
  });

  it("a row whose code is an existing company's uses it, whatever name the row gives; a new code makes one company with it", async () => {
    const p = uniq();
    const code = freshCreditCode();
    const existing = await db.company.create({ data: { nameZh: `宁德某能源${p}有限公司`, countryCode: "CN", ownershipType: "PRIVATE", creditCode: code } });
    const fresh = freshCreditCode();
    const result = await importProjects(
      db,
      fixture.admin,
      csv([
        row(`${p}-1`, { investor_name: `完全另一个名称${p}`, investor_credit_code: code }),
        row(`${p}-2`, { investor_name: `新投资方${p}`, investor_credit_code: fresh }),
        // The same new code under another name in the same file: the same company.
        row(`${p}-3`, { investor_name: `新投资方别名${p}`, investor_credit_code: fresh }),
      ]),
    );
    expect(result).toMatchObject({ ok: true, created: 3 });
    const company = async (ext: string) => (await db.project.findUniqueOrThrow({ where: { externalId: ext }, select: { companyId: true } })).companyId;
    expect(await company(`${p}-1`)).toBe(existing.id);
    const made = await db.company.findUniqueOrThrow({ where: { creditCode: fresh } });
    expect(made.nameZh).toBe(`新投资方${p}`);
    expect(await company(`${p}-2`)).toBe(made.id);
    expect(await company(`${p}-3`)).toBe(made.id);
    expect(result.ok && result.matched).toEqual(
      expect.arrayContaining([
        { name: `完全另一个名称${p}`, companyId: existing.id, company: existing.nameZh, reason: "creditCode", code },
        { name: `新投资方别名${p}`, companyId: made.id, company: made.nameZh, reason: "creditCode", code: fresh },
      ]),
    );
  });

  it("a row with no code whose name normalises to an existing company's uses it and is listed as a likely duplicate; a company found by name takes the file's code", async () => {
    const p = uniq();
    const existing = await db.company.create({ data: { nameZh: `华友钴业${p}股份有限公司`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const code = freshCreditCode();
    const result = await importProjects(
      db,
      fixture.admin,
      csv([row(`${p}-1`, { investor_name: `华友钴业${p}（有限公司）` }), row(`${p}-2`, { investor_name: `华友钴业${p}集团`, investor_credit_code: code })]),
    );
    expect(result).toMatchObject({ ok: true, created: 2 });
    expect(await db.company.count({ where: { nameZh: { contains: p } } })).toBe(1);
    expect(result.ok && result.matched).toEqual(
      expect.arrayContaining([{ name: `华友钴业${p}（有限公司）`, companyId: existing.id, company: existing.nameZh, reason: "name" }]),
    );
    expect(await db.company.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ creditCode: code, version: 2 });
    expect(await db.auditLog.count({ where: { entity: "company", entityId: String(existing.id), action: "company.import_update" } })).toBe(1);
  });
});
