import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, testDb, uniq } from "@/test/factories";
import { csv, fixture, row, setUpImportFixture, signedRow, xlsx } from "@/lib/import/import.test-helpers";
import { importProjects } from "@/lib/import/import-projects";
import { translateIssues } from "@/lib/import/messages";

const db = () => testDb();

async function project(ext: string) {
  return db().project.findUnique({
    where: { externalId: ext },
    include: { stageChanges: { orderBy: { id: "asc" } }, contracts: true, starts: true, company: true, anchorProject: { select: { externalId: true } } },
  });
}

beforeAll(setUpImportFixture);

describe("importProjects", () => {
  it("imports a good CSV with the implied companies, stage history, contracts, starts and audit rows", async () => {
    const p = uniq();
    const file = csv(
      [
        row(`${p}-a`),
        signedRow(`${p}-b`, { anchor_external_id: `${p}-c` }),
        signedRow(`${p}-c`, { stage: "construction", construction_start_date: "2023-09-01", contract_kind: fixture.refs.kindZh }),
        row(`${p}-d`, { stage: "first_contact", investor_name: `投资方 ${p}-a` }),
      ],
      { bom: true },
    );
    const result = await importProjects(db(), fixture.admin, file);
    expect(result).toMatchObject({ ok: true, created: 4, updated: 0 });

    const a = (await project(`${p}-a`))!;
    expect(a.stage).toBe("NEGOTIATION");
    expect(a.plannedInvestmentCny?.toString()).toBe("1500000000");
    expect(a.foreignInvestmentUsd?.toString()).toBe("20000000.5");
    expect(a.company.countryCode).toBe("HK");
    expect(a.company.ownershipType).toBe("HMT");
    expect(a.firstContactOn.toISOString().slice(0, 10)).toBe("2023-02-01");
    expect(a.stageChanges.map((c) => [c.fromStage, c.toStage])).toEqual([
      [null, "FIRST_CONTACT"],
      ["FIRST_CONTACT", "NEGOTIATION"],
    ]);
    expect(a.version).toBe(2); // created, then moved once — as the app counts

    const d = (await project(`${p}-d`))!;
    expect(d.companyId).toBe(a.companyId); // same Chinese name: one company
    expect(d.stageChanges.map((c) => c.toStage)).toEqual(["FIRST_CONTACT"]);

    const b = (await project(`${p}-b`))!;
    expect(b.anchorProject?.externalId).toBe(`${p}-c`);
    expect(b.contracts).toHaveLength(1);
    expect(b.contracts[0].contractedInvestmentCny.toString()).toBe("1200000000");
    expect(b.contracts[0].signedOn.toISOString().slice(0, 10)).toBe("2023-06-30");
    expect(b.starts).toHaveLength(0);
    const c = (await project(`${p}-c`))!;
    expect(c.stage).toBe("CONSTRUCTION");
    expect(c.contracts).toHaveLength(1);
    expect(c.starts.map((s) => s.startedOn.toISOString().slice(0, 10))).toEqual(["2023-09-01"]);

    const audits = await db().auditLog.findMany({ where: { action: "project.import_create", entityId: { in: [a.id, b.id, c.id, d.id].map(String) } } });
    expect(audits).toHaveLength(4);
    expect(audits.every((x) => x.actorId === fixture.admin.id)).toBe(true);
    expect(await db().auditLog.count({ where: { action: "contract.import_create", entityId: String(b.contracts[0].id) } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: "construction_start.import_create", entityId: String(c.starts[0].id) } })).toBe(1);
  });

  it("imports a good XLSX (numbers and dates as real cells)", async () => {
    const p = uniq();
    const result = await importProjects(db(), fixture.admin, await xlsx([signedRow(`${p}-x`), row(`${p}-y`, { stage: "intent" })]));
    expect(result).toMatchObject({ ok: true, created: 2, updated: 0 });
    const x = (await project(`${p}-x`))!;
    expect(x.stage).toBe("SIGNED");
    expect(x.contracts[0].signedOn.toISOString().slice(0, 10)).toBe("2023-06-30");
    expect(x.plannedInvestmentCny?.toString()).toBe("1500000000");
  });

  it("re-importing updates by external_id, bumps the version and records the stage change once", async () => {
    // Versions as the app counts them: created 1, each move +1, each edit +1.
    const p = uniq();
    expect(await importProjects(db(), fixture.admin, csv([row(`${p}-r`)]))).toMatchObject({ ok: true, created: 1 });
    const again = await importProjects(db(), fixture.admin, csv([signedRow(`${p}-r`, { project_title: "改名后的项目" })]));
    expect(again).toMatchObject({ ok: true, created: 0, updated: 1 });
    expect(await db().project.count({ where: { externalId: `${p}-r` } })).toBe(1);
    const r = (await project(`${p}-r`))!;
    expect(r.title).toBe("改名后的项目");
    expect(r.version).toBe(4);
    expect(r.stage).toBe("SIGNED");
    // The notes the app writes: the stated intent (the import) into NEGOTIATION, none for signing.
    expect(r.stageChanges.map((c) => [c.fromStage, c.toStage, c.reason])).toEqual([
      [null, "FIRST_CONTACT", null],
      ["FIRST_CONTACT", "NEGOTIATION", "import"],
      ["NEGOTIATION", "SIGNED", null],
    ]);
    expect(r.contracts).toHaveLength(1);
    // The same file once more: no new stage change, no second contract.
    expect(await importProjects(db(), fixture.admin, csv([signedRow(`${p}-r`, { project_title: "改名后的项目" })]))).toMatchObject({ ok: true, updated: 1 });
    const r3 = (await project(`${p}-r`))!;
    expect(r3.version).toBe(5);
    expect(r3.stageChanges).toHaveLength(3);
    expect(r3.contracts).toHaveLength(1);
    expect(await db().auditLog.count({ where: { action: "project.import_update", entityId: String(r.id) } })).toBe(2);
  });

  it("writes nothing when one row is bad, and lists every error with row and column", async () => {
    const p = uniq();
    const file = csv([
      row(`${p}-1`),
      row(`${p}-2`, { first_contact_date: "2023/02/01", planned_investment_cny: "1,2,3", stage: "signed", unit: "nowhere", owner_email: "nobody@x.local" }),
      row(`${p}-3`),
      signedRow(`${p}-4`, { construction_start_date: "2023-01-01", stage: "construction", anchor_external_id: "missing-anchor" }),
      row(`${p}-1`),
    ]);
    const result = await importProjects(db(), fixture.admin, file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (r: number) => result.errors.filter((e) => e.row === r).map((e) => `${e.column}:${e.key}`).sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(
      [
        "first_contact_date:date",
        "planned_investment_cny:amountAmbiguous",
        "unit:notFound",
        "owner_email:ownerNotFound",
        "signed_date:requiredForStage",
        "contract_investment_cny:requiredForStage",
        "contract_kind:requiredForStage",
      ].sort(),
    );
    expect(at(5)).toEqual(["anchor_external_id:anchorNotFound", "construction_start_date:beforeSigned"].sort());
    expect(at(6)).toEqual(["external_id:duplicateId"]);
    expect(await db().project.count({ where: { externalId: { startsWith: `${p}-` } } })).toBe(0);
    expect(await db().company.count({ where: { nameZh: { startsWith: `投资方 ${p}` } } })).toBe(0);
    // Messages in either language.
    const zh = translateIssues(result.errors, "zh-CN");
    const en = translateIssues(result.errors, "en");
    expect(en.find((e) => e.row === 3 && e.column === "unit")?.message).toContain('"nowhere"');
    expect(zh.find((e) => e.row === 6)?.message).toContain("第 2 行");
  });

  it("checks the owner's unit and the journey's rules", async () => {
    const p = uniq();
    const other = await makeUser({ role: "OFFICER" });
    const disabled = await makeUser({ role: "OFFICER", unitId: fixture.admin ? (await db().unit.findUniqueOrThrow({ where: { code: fixture.unitCode } })).id : 0, disabled: true });
    const result = await importProjects(
      db(),
      fixture.admin,
      csv([
        row(`${p}-1`, { owner_email: other.email }),
        row(`${p}-2`, { owner_email: disabled.email.toUpperCase() }),
        row(`${p}-3`, { signed_date: "2023-06-01" }),
        signedRow(`${p}-4`, { signed_date: "2022-01-01", contract_kind: "" }),
        row(`${p}-5`, { stage: "done", anchor_external_id: `${p}-5` }),
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const keys = result.errors.map((e) => `${e.row}:${e.column}:${e.key}`).sort();
    expect(keys).toEqual(
      [
        "2:owner_email:ownerOtherUnit",
        "3:owner_email:ownerDisabled",
        "4:signed_date:contractBeforeSigned",
        "5:contract_kind:requiredForStage",
        "5:signed_date:beforeFirstContact",
        "6:stage:stage",
        "6:anchor_external_id:anchorSelf",
      ].sort(),
    );
  });

  it("refuses a contract signed before the first contact, naming the date, and imports nothing (the journey's date order)", async () => {
    const p = uniq();
    const result = await importProjects(db(), fixture.admin, csv([row(`${p}-ok`), signedRow(`${p}-early`, { signed_date: "2023-01-31" })]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.key, e.params])).toEqual([[3, "signed_date", "beforeFirstContact", { date: "2023-02-01" }]]);
    expect(translateIssues(result.errors, "en")[0].message).toContain("2023-02-01");
    expect(translateIssues(result.errors, "zh-CN")[0].message).toBe("日期早于首次接洽日期（2023-02-01）。");
    expect(await project(`${p}-ok`)).toBeNull();
    expect(await project(`${p}-early`)).toBeNull();

    // A re-import may not move the first contact after the contract the project has.
    expect(await importProjects(db(), fixture.admin, csv([signedRow(`${p}-b`)]))).toMatchObject({ ok: true, created: 1 });
    const again = await importProjects(db(), fixture.admin, csv([row(`${p}-b`, { stage: "signed", first_contact_date: "2023-07-01" })]));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors.map((e) => [e.column, e.key, e.params])).toEqual([["first_contact_date", "afterSigned", { date: "2023-06-30" }]]);
    expect((await project(`${p}-b`))!.firstContactOn.toISOString().slice(0, 10)).toBe("2023-02-01");
  });

  it("accepts Chinese headers and amounts with thousands separators", async () => {
    const p = uniq();
    const result = await importProjects(db(), fixture.admin, csv([signedRow(`${p}-zh`, { contract_investment_cny: "12,345,678.90" })], { headers: "zh", bom: true }));
    expect(result).toMatchObject({ ok: true, created: 1 });
    const x = (await project(`${p}-zh`))!;
    expect(x.contracts[0].contractedInvestmentCny.toString()).toBe("12345678.9");
  });

  it("refuses a wrong header, naming the missing and unknown columns", async () => {
    const text = "external_id,project_name,investor_name,unit,stage,first_contact_date,owner_email\nA-1,x,y,z,intent,2023-01-01,a@b.c\n";
    const result = await importProjects(db(), fixture.admin, new TextEncoder().encode(text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { row: 1, column: null, key: "missingColumns", params: { columns: "project_title" } },
      { row: 1, column: null, key: "unknownColumns", params: { columns: "project_name" } },
    ]);
    expect(translateIssues(result.errors, "en")[0].message).toContain("project_title");
  });

  it("refuses an empty file, a header without rows, a PNG renamed .csv, and an oversized file", async () => {
    const keyOf = async (bytes: Uint8Array) => {
      const r = await importProjects(db(), fixture.admin, bytes);
      return r.ok ? "ok" : r.errors.map((e) => e.key).join(",");
    };
    expect(await keyOf(new Uint8Array())).toBe("emptyFile");
    expect(await keyOf(new TextEncoder().encode("\uFEFF\r\n\r\n"))).toBe("emptyFile");
    expect(await keyOf(csv([]))).toBe("noRows");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    expect(await keyOf(png)).toBe("notSpreadsheet");
    expect(await keyOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toBe("notSpreadsheet");
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41);
    expect(await keyOf(big)).toBe("tooLarge");
  });

  it("refuses more than 20,000 rows", async () => {
    const lines = ["external_id,project_title,investor_name,unit,stage,first_contact_date,owner_email"];
    for (let i = 0; i < 20_001; i++) lines.push(`X-${i},t,i,u,intent,2023-01-01,a@b.c`);
    const r = await importProjects(db(), fixture.admin, new TextEncoder().encode(lines.join("\n")));
    expect(r).toEqual({ ok: false, errors: [{ row: null, column: null, key: "tooManyRows", params: { max: 20_000 } }] });
  });
});
