/**
 * One duplicate finder wherever a company is created (issue 16): the project
 * form's inline new company is checked like the companies page's
 * (lib/data/company-duplicates.ts). The same credit code is the same company,
 * never created again; the same name once normalised is created only when the
 * officer, shown it, confirms it is another company (kept in the audit row).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { createProject } from "@/lib/data/projects";
import { ZCreateProject } from "@/lib/validation/project";
import { ZDuplicateQuery } from "@/lib/validation/company";
import { findDuplicateCompanies } from "@/lib/data/company-duplicates";
import { freshCreditCode } from "@/test/credit-codes";
import { RuleError } from "@/lib/errors";
import { makeActor, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor;

const input = (fields: Record<string, string>) => ZCreateProject.parse({ requestId: randomUUID(), title: `项目${uniq()}`, ...fields });

beforeAll(async () => {
  officer = await makeActor("OFFICER");
});

describe("a company created inline on the project form", () => {
  it("is refused while a company of the same normalised name exists, and created once the officer confirms it is another one", async () => {
    const s = uniq();
    const existing = await db.company.create({ data: { nameZh: `浙江华友钴业${s}股份有限公司`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const typed = { newCompanyNameZh: `浙江华友钴业${s}（有限公司）` };
    // What the form shows while the name is typed: the existing company.
    expect((await findDuplicateCompanies(db, ZDuplicateQuery.parse({ nameZh: typed.newCompanyNameZh, creditCode: "not a code yet" }))).map((c) => [c.id, c.reason])).toEqual([[existing.id, "name"]]);

    const refused = await createProject(db, officer, input(typed)).catch((e) => e);
    expect(refused).toBeInstanceOf(RuleError);
    expect(refused.fieldErrors).toEqual({ newCompanyNameZh: "companies.duplicates.inlineField" });
    expect(await db.company.count({ where: { nameZh: typed.newCompanyNameZh } })).toBe(0);

    const p = await createProject(db, officer, input({ ...typed, newCompanyConfirmDistinct: "true" }));
    const created = await db.company.findFirstOrThrow({ where: { nameZh: typed.newCompanyNameZh } });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).companyId).toBe(created.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "company", entityId: String(created.id), action: "company.create" } });
    expect(audit.after).toMatchObject({ confirmedDistinctFrom: [existing.id] });
  });

  it("is never created again under the same credit code, whatever its name, even when confirmed", async () => {
    const code = freshCreditCode();
    const existing = await db.company.create({ data: { nameZh: `宁波某材料${uniq()}有限公司`, countryCode: "CN", ownershipType: "PRIVATE", creditCode: code } });
    const other = `完全不同的名称${uniq()}`;
    const found = await findDuplicateCompanies(db, ZDuplicateQuery.parse({ nameZh: other, creditCode: code.toLowerCase() }));
    expect(found.map((c) => [c.id, c.reason])).toEqual([[existing.id, "creditCode"]]);
    const refused = await createProject(db, officer, input({ newCompanyNameZh: other, newCompanyCreditCode: code, newCompanyConfirmDistinct: "true" })).catch((e) => e);
    expect(refused).toBeInstanceOf(RuleError);
    expect(await db.company.count({ where: { nameZh: other } })).toBe(0);
  });

  it("a company with no likely duplicate is created with its credit code; a bad code is refused by the form's schema", async () => {
    const code = freshCreditCode();
    const name = `全新企业${uniq()}`;
    await createProject(db, officer, input({ newCompanyNameZh: name, newCompanyCreditCode: code }));
    expect(await db.company.findFirstOrThrow({ where: { nameZh: name } })).toMatchObject({ creditCode: code });
    const bad = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(ZCreateProject.safeParse({ requestId: randomUUID(), title: "x", newCompanyNameZh: name, newCompanyCreditCode: bad }).success).toBe(false);
  });
});
