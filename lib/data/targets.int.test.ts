/**
 * Annual targets: the six measures' actual values per unit (the shared rules:
 * first contract, first start, funds in place), the admin grid's save (all or
 * none, versions, audit), the spreadsheet import (all or nothing, row errors
 * in the user's language) and the assessment's scores with deductions.
 * Fresh units keep other test files' data out; each test uses its own year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActor } from "@/lib/data/dashboard/actors.test-helpers";
import { makeUnit } from "@/test/factories";
import { yearPeriod } from "@/lib/domain/period";
import { getTargetBoard, getTargetGrid, measureActuals, saveTargets } from "@/lib/data/targets";
import { getAssessment, updateAssessmentSettings, getAssessmentSettings } from "@/lib/data/assessment";
import { importTargets } from "@/lib/import/targets";
import type { Actor } from "@/lib/data/dashboard/sql";
import type { Stage } from "@/lib/generated/prisma/enums";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
let U: number, V: number, city: number;
let admin: Actor, managerU: Actor, officerU: Actor;
let kindId: number;

type Spec = { unitId: number; stage?: Stage; contracts?: [string, string][]; starts?: string[]; funds?: [string, string, "CNY" | "USD"][]; startDue?: string };
async function project(spec: Spec) {
  const db = testDb();
  const company = await db.company.create({ data: { nameZh: `目标企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  const p = await db.project.create({
    data: { companyId: company.id, title: `目标项目${uniq()}`, unitId: spec.unitId, ownerId: officerU.id, stage: spec.stage ?? "SIGNED", firstContactOn: d("2020-01-01") },
  });
  for (const [on, cny] of spec.contracts ?? []) {
    const k = await db.contract.create({ data: { projectId: p.id, signedOn: d(on), contractedInvestmentCny: cny, agreementKindId: kindId, createdById: admin.id } });
    if (spec.startDue) await db.commitment.create({ data: { projectId: p.id, contractId: k.id, kind: "CONSTRUCTION_START", dueOn: d(spec.startDue), createdById: admin.id } });
  }
  for (const on of spec.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: admin.id } });
  for (const [on, amount, currency] of spec.funds ?? []) await db.fundsInPlace.create({ data: { projectId: p.id, receivedOn: d(on), amount, currency, createdById: admin.id } });
  return p.id;
}

// The city's targets are compared with the whole city, and the board finds the city by its unit kind: a database of
// its own, where this file's city is the only one (other files make city units of their own in the shared one).
let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
beforeAll(async () => {
  own = await ownDatabase("crm_test_targets");
  // testDb() (the factories' client) is made on first use: from here on, on this database.
  process.env.DATABASE_URL = own.url;
});
afterAll(async () => {
  await testDb().$disconnect();
  await own?.dispose();
});

beforeAll(async () => {
  const db = testDb();
  U = (await makeUnit("COUNTY")).id;
  V = (await makeUnit("DISTRICT")).id;
  city = (await makeUnit("CITY")).id;
  admin = await makeDashboardActor("ADMIN", city);
  managerU = await makeDashboardActor("MANAGER", U);
  officerU = await makeDashboardActor("OFFICER", U);
  kindId = (await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: `k-${uniq()}`, nameZh: "协议", nameEn: "Agreement" } })).id;
  // Unit U in 2030:
  await project({ unitId: U, contracts: [["2030-01-01", "100000000"]] }); // signed on the first day, exactly 1亿: both counts
  await project({ unitId: U, contracts: [["2030-12-31", "99999999.99"], ["2030-12-31", "500000000"]] }); // the first contract only (the lower id)
  await project({ unitId: U, contracts: [["2029-12-31", "300000000"], ["2030-05-01", "900000000"]] }); // first signed the year before: not this year's
  await project({ unitId: U, starts: ["2030-03-01", "2030-06-01"], funds: [["2030-02-01", "1000.50", "CNY"], ["2030-02-02", "300", "USD"], ["2031-01-01", "7", "USD"]] });
  await project({ unitId: U, starts: ["2029-11-01", "2030-04-01"] }); // started before the year: not a start of 2030
  // Unit V: one signing.
  await project({ unitId: V, contracts: [["2030-07-01", "2000000000"]], starts: ["2030-08-01"] });
});

describe("the measures' actual values", () => {
  it("counts per unit by the shared rules: first contract, the 1亿 band, first start, funds per currency", async () => {
    const { byUnit } = await measureActuals(testDb(), admin, yearPeriod(2030));
    expect(byUnit.get(U)).toEqual({ SIGNED: "2", SIGNED_100M: "1", CONTRACTED_CNY: "199999999.99", STARTS: "1", FUNDS_CNY: "1000.50", FDI_USD: "300.00" });
    expect(byUnit.get(V)).toEqual({ SIGNED: "1", SIGNED_100M: "1", CONTRACTED_CNY: "2000000000.00", STARTS: "1", FUNDS_CNY: "0", FDI_USD: "0" });
  });

  it("a county manager's whole-scope total is their unit's, and the board shows their unit alone", async () => {
    const { total, byUnit } = await measureActuals(testDb(), managerU, yearPeriod(2030));
    expect([...byUnit.keys()]).toEqual([U]);
    expect(total.SIGNED).toBe("2");
    const board = await getTargetBoard(testDb(), managerU, { period: yearPeriod(2030) });
    expect(board.city).toBeNull();
    expect(board.units.map((u) => u.unitId)).toEqual([U]);
  });
});

describe("the targets grid", () => {
  it("saves changed cells with an audit row each, refuses a stale grid whole, and clears with an empty value", async () => {
    const db = testDb();
    const first = await saveTargets(db, admin, { year: 2032, cells: [{ unitId: U, measure: "SIGNED", value: "10", version: 0 }, { unitId: U, measure: "FDI_USD", value: "5000000", version: 0 }] });
    expect(first.changed).toBe(2);
    const grid = await getTargetGrid(db, admin, 2032);
    const row = grid.units.find((u) => u.id === U)!;
    expect(row.cells.SIGNED).toEqual({ value: "10", version: 1 });
    // A second admin's grid read before the first save is stale: nothing of it is written.
    await expect(
      saveTargets(db, admin, { year: 2032, cells: [{ unitId: V, measure: "SIGNED", value: "3", version: 0 }, { unitId: U, measure: "SIGNED", value: "11", version: 0 }] }),
    ).rejects.toMatchObject({ code: "conflict", answer: { values: { [`t_${U}_SIGNED`]: "10" } } });
    expect(await db.target.count({ where: { year: 2032, unitId: V } })).toBe(0);
    await saveTargets(db, admin, { year: 2032, cells: [{ unitId: U, measure: "SIGNED", value: null, version: 1 }] });
    expect(await db.target.count({ where: { year: 2032, unitId: U, measure: "SIGNED" } })).toBe(0);
    const actions = (await db.auditLog.findMany({ where: { entity: "target", actorId: admin.id }, select: { action: true } })).map((a) => a.action);
    expect(actions.filter((a) => a === "target.set")).toHaveLength(2);
    expect(actions).toContain("target.clear");
  });

  it("is for admins only", async () => {
    await expect(saveTargets(testDb(), managerU, { year: 2032, cells: [{ unitId: U, measure: "SIGNED", value: "1" }] })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the dashboard board: the city's target against the whole city, each unit's against its own", async () => {
    const db = testDb();
    await saveTargets(db, admin, { year: 2030, cells: [{ unitId: city, measure: "SIGNED", value: "1000" }, { unitId: U, measure: "SIGNED", value: "4" }] });
    const board = await getTargetBoard(db, admin, { period: yearPeriod(2030) });
    expect(board.city?.measures.SIGNED.target).toBe("1000");
    expect(Number(board.city?.measures.SIGNED.actual)).toBeGreaterThanOrEqual(3);
    const u = board.units.find((x) => x.unitId === U)!;
    expect(u.measures.SIGNED).toEqual({ actual: "2", target: "4" });
    expect(u.measures.STARTS).toEqual({ actual: "1", target: null });
  });
});

describe("the targets import", () => {
  const csv = (text: string) => new TextEncoder().encode(text);
  const code = async (id: number) => (await testDb().unit.findUniqueOrThrow({ where: { id } })).code;

  it("writes nothing when any row is wrong, and names row and column in the user's language", async () => {
    const db = testDb();
    const file = csv(`单位编码,签约项目数,签约额\n${await code(U)},12,10亿\nno-such-unit,3,1\n${await code(V)},2.5,8000万\n`);
    const zh = await importTargets(db, admin, 2033, file, "zh-CN");
    expect(zh).toEqual({
      ok: false,
      errors: [
        { row: 3, column: "单位编码", message: "没有编码为“no-such-unit”的在用单位。" },
        { row: 4, column: "签约项目数", message: "项目数应为整数。" },
      ],
    });
    const en = await importTargets(db, admin, 2033, file, "en");
    expect(en.ok === false && en.errors[1].message).toBe("A number of projects is a whole number.");
    expect(await db.target.count({ where: { year: 2033 } })).toBe(0);
  });

  it("imports the grid (English headers too, amounts as officials write them)", async () => {
    const db = testDb();
    const file = csv(`Unit code,Unit,Projects signed,Contracted value,Foreign investment utilized\n${await code(U)},U,12,10亿,\n${await code(V)},V,3,8000万,2000000\n`);
    expect(await importTargets(db, admin, 2034, file, "en")).toEqual({ ok: true, changed: 5 });
    const grid = await getTargetGrid(db, admin, 2034);
    expect(grid.units.find((u) => u.id === U)!.cells.CONTRACTED_CNY.value).toBe("1000000000");
    expect(grid.units.find((u) => u.id === V)!.cells.FDI_USD.value).toBe("2000000");
    expect(await db.auditLog.count({ where: { entity: "target", action: "target.import" } })).toBeGreaterThanOrEqual(5);
  });
});

describe("the assessment", () => {
  it("scores each unit by the chosen method, deducts per signed project past its start deadline, and ranks", async () => {
    const db = testDb();
    // 2031: U signed 1 of target 2 (one signed project, its start due 2031-03-01, not started); V signed 2 of target 2.
    await project({ unitId: U, contracts: [["2031-01-10", "5000000"]], startDue: "2031-03-01" });
    await project({ unitId: V, contracts: [["2031-02-10", "5000000"]], starts: ["2031-02-20"], startDue: "2031-03-01" });
    await project({ unitId: V, contracts: [["2031-02-11", "5000000"]], startDue: "2031-12-01" }); // not yet due
    await saveTargets(db, admin, { year: 2031, cells: [{ unitId: U, measure: "SIGNED", value: "2" }, { unitId: V, measure: "SIGNED", value: "2" }] });
    const settings = await getAssessmentSettings(db);
    await updateAssessmentSettings(db, admin, { version: settings.version, method: "SHARE", deductionPerLateStart: 5 });

    const today = d("2031-06-30");
    const share = await getAssessment(db, admin, 2031, today);
    const row = (id: number) => share.rows.find((r) => r.unitId === id)!;
    expect(row(U)).toMatchObject({ scores: { SIGNED: 50, STARTS: null }, lateStarts: 1, deduction: 5, total: 45 });
    expect(row(V)).toMatchObject({ scores: { SIGNED: 100 }, lateStarts: 0, deduction: 0, total: 100, rank: 1 });

    const again = await getAssessmentSettings(db);
    await updateAssessmentSettings(db, admin, { version: again.version, method: "EFFICACY", deductionPerLateStart: 5 });
    const efficacy = await getAssessment(db, admin, 2031, today);
    expect(efficacy.rows.find((r) => r.unitId === U)).toMatchObject({ scores: { SIGNED: 60 }, total: 55 });
    expect(efficacy.rows.find((r) => r.unitId === V)).toMatchObject({ scores: { SIGNED: 100 }, total: 100 });
    // U's manager gets U's row alone, scored among all units as the admin's sheet scores it.
    const own = await getAssessment(db, managerU, 2031, today);
    expect(own.rows.map((r) => [r.unitId, r.scores.SIGNED])).toEqual([[U, 60]]);
    // A stale settings form is refused.
    await expect(updateAssessmentSettings(db, admin, { version: again.version, method: "SHARE", deductionPerLateStart: 1 })).rejects.toMatchObject({ code: "conflict" });
    await updateAssessmentSettings(db, admin, { version: again.version + 1, method: "SHARE", deductionPerLateStart: 2 });
  });
});

describe("the activity index", () => {
  it("counts each part per unit and ISO week (Monday to Sunday), and weighs them by the admin's weights", async () => {
    const db = testDb();
    const { activityByUnitWeek } = await import("@/lib/data/activity");
    const { activityIndex } = await import("@/lib/domain/activity");
    const { getActivityWeights, updateActivityWeights } = await import("@/lib/data/assessment");
    const W = (await makeUnit("COUNTY")).id;
    const officerW = await makeDashboardActor("OFFICER", W);
    const company = await db.company.create({ data: { nameZh: `活跃企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    // Week of Monday 2035-03-05: a new lead (Tue 03-06), two rounds — one a visit to the investor — a signing on Sun 03-11.
    const p = await db.project.create({ data: { companyId: company.id, title: `活跃项目${uniq()}`, unitId: W, ownerId: officerW.id, stage: "SIGNED", firstContactOn: d("2035-03-06") } });
    await db.negotiationRound.createMany({
      data: [
        { projectId: p.id, number: 1, heldOn: d("2035-03-07"), format: "VISIT_INVESTOR", ourParticipants: "A", summary: "visit", createdById: officerW.id },
        { projectId: p.id, number: 2, heldOn: d("2035-03-08"), format: "PHONE", ourParticipants: "A", summary: "call", createdById: officerW.id },
        // Monday 03-12 is the next week: an investor's visit here.
        { projectId: p.id, number: 3, heldOn: d("2035-03-12"), format: "VISIT_HERE", ourParticipants: "A", summary: "visit", createdById: officerW.id },
      ],
    });
    await db.contract.create({ data: { projectId: p.id, signedOn: d("2035-03-11"), contractedInvestmentCny: "1000", agreementKindId: kindId, createdById: officerW.id } });
    await db.promotionEvent.create({ data: { nameZh: `推介${uniq()}`, cityZh: "深圳", startsOn: d("2035-03-12"), endsOn: d("2035-03-13"), unitId: W } });

    const rows = (await activityByUnitWeek(db, admin, { kind: "month", from: d("2035-03-01"), to: d("2035-04-01"), label: "2035-03" })).filter((r) => r.unitId === W);
    expect(rows.map((r) => [r.week.toISOString().slice(0, 10), r.counts])).toEqual([
      ["2035-03-05", { rounds: 2, visitsOut: 1, visitsIn: 0, events: 0, leads: 1, signings: 1, starts: 0 }],
      ["2035-03-12", { rounds: 1, visitsOut: 0, visitsIn: 1, events: 1, leads: 0, signings: 0, starts: 0 }],
    ]);
    // Another unit's manager sees none of it.
    expect((await activityByUnitWeek(db, managerU, { kind: "month", from: d("2035-03-01"), to: d("2035-04-01"), label: "2035-03" })).some((r) => r.unitId === W)).toBe(false);

    const before = await getActivityWeights(db);
    await updateActivityWeights(db, admin, { version: before.version, rounds: 1, visitsOut: 5, visitsIn: 5, events: 0, leads: 0, signings: 10, starts: 10 });
    const weights = await getActivityWeights(db);
    expect(activityIndex(rows[0].counts, weights)).toBe(2 + 5 + 10);
    await expect(updateActivityWeights(db, admin, { ...weights, version: before.version })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the assessment sheet", () => {
  it("writes the same scores in CSV, XLSX and PDF, in Chinese and English", async () => {
    const { PassThrough } = await import("node:stream");
    const { execFileSync } = await import("node:child_process");
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const ExcelJS = (await import("exceljs")).default;
    const { assessmentCsv, writeAssessmentPdf, writeAssessmentXlsx } = await import("@/lib/reports/assessment-sheet");
    const sheet = await getAssessment(testDb(), admin, 2031, d("2031-06-30"));
    const name = (await testDb().unit.findUniqueOrThrow({ where: { id: U } })).nameZh;
    const collect = async (write: (out: InstanceType<typeof PassThrough>) => Promise<void>) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on("data", (c: Buffer) => chunks.push(c));
      await write(out);
      return Buffer.concat(chunks);
    };
    const zhCsv = assessmentCsv(sheet, "zh-CN");
    expect(zhCsv).toContain("签约项目数得分");
    expect(zhCsv.split("\r\n").some((line) => line.includes(name) && line.includes(","))).toBe(true);
    expect(assessmentCsv(sheet, "en")).toContain("Projects signed score");

    const xlsx = await collect((out) => writeAssessmentXlsx(sheet, out, "en"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Scores", "Against target"]);
    expect(wb.worksheets[0].getRow(1).getCell(3).value).toBe("Projects signed score");

    const pdf = await collect((out) => writeAssessmentPdf(sheet, out, "zh-CN", "江州市"));
    const dir = mkdtempSync(path.join(tmpdir(), "assessment-"));
    writeFileSync(path.join(dir, "a.pdf"), pdf);
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "a.pdf"), "-"]).toString();
    expect(text).toContain("2031年度招商引资工作考核表");
    expect(text).toContain("编制单位：江州市");
    expect(text).toContain(name);
  });
});
