/**
 * The report's numbers on a hand-made data set in units of its own (U, and V
 * for scope). Period 2023-Q4 = [2023-10-01, 2024-01-01); "now" 2024-01-10.
 *  R1 U S1 C1 CN  signed 2023-10-01 (first day) exactly 100,000,000.00; OPERATING.
 *  R2 U S2    US  signed 2023-12-31 (last day) exactly 5,000,000,000.00 + USD 20,000,000.00; start 2023-12-31;
 *                 funds USD 5m 2023-11-15, CNY 300m 2023-12-01, USD 1m 2024-01-05 (out); CONSTRUCTION.
 *  R3 U S2    CN  signed 2024-01-01 (the day after) 12,000,000,000.00; round 2024-01-01.
 *  R4 U S2    CN  signed 2023-11-10 12,000,000,000.00; first contact 2023-10-01 (lead, source SRC2); round 2023-12-20.
 *  R5 U S1    CN  signed 2023-09-30 (the day before) 700,000,000.00; start 2024-01-01 (out); CONSTRUCTION.
 *  R6 U S1    CN  signed 2023-11-01 99,999,999.99 (below the band); first contact 2023-12-31 (lead, no source); round 2023-12-31.
 *  R7 U       CN  INTENT, first contact 2023-10-15 (lead of event E, source SRC1); rounds 2023-10-20, 2023-12-31, 2024-01-02.
 *  R8 U       CN  NEGOTIATION, first contact 2023-05-01, last round 2023-06-01: stalled (90+ days).
 *  R9 U       CN  FIRST_CONTACT 2024-01-01 (not a Q4 lead).
 *  R10 V      CN  signed 2023-11-01 700,000,000.00: only scope checks see it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { quarterPeriod, yearPeriod } from "@/lib/domain/period";
import { signedTotals, sizeBands, getDelivery, type Actor } from "@/lib/data/dashboard";
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { buildReport, openReport, signedPageSql, stalledAfterSql, stalledPageSql, startsAfterSql, startsPageSql } from "@/lib/reports/build-report";
import { Prisma } from "@/lib/generated/prisma/client";
import { BOM, csvChunks, toCsv } from "@/lib/reports/to-csv";
import { toXlsx, writeXlsx } from "@/lib/reports/to-xlsx";
import { parseReportFile, parseReportPeriod } from "@/lib/validation/report";

const NOW = new Date("2024-01-10T04:00:00Z");
const d = (s: string) => new Date(`${s}T00:00:00Z`);

let U: number, V: number, kindId: number, S1: number, S2: number, C1: number, SRC1: number, SRC2: number, E: number;
let managerU: Actor, managerV: Actor, officerU: Actor, admin: Actor, cityManager: Actor;
const ids: Record<string, number> = {};

async function actor(role: Role, unitId: number): Promise<Actor> {
  const unit = await testDb().unit.findUniqueOrThrow({ where: { id: unitId } });
  const user = await makeUser({ role, unitId });
  return { id: user.id, role, unitId, unitIsCity: unit.kind === "CITY" };
}

type Spec = {
  owner: Actor; unitId?: number; stage: Stage; companyId: number; firstContactOn: string; sectorId?: number; chainId?: number; sourceId?: number; eventId?: number;
  contracts?: [string, string, string?][]; starts?: string[]; funds?: [string, string, "CNY" | "USD"][]; rounds?: string[];
};
async function project(spec: Spec) {
  const db = testDb();
  const rounds = [...(spec.rounds ?? [])].sort();
  const p = await db.project.create({
    data: {
      companyId: spec.companyId, title: `报告项目${uniq()}`, unitId: spec.unitId ?? spec.owner.unitId, ownerId: spec.owner.id, stage: spec.stage,
      sectorId: spec.sectorId, chainId: spec.chainId, sourceId: spec.sourceId, eventId: spec.eventId, firstContactOn: d(spec.firstContactOn),
      lastRoundOn: rounds.length ? d(rounds[rounds.length - 1]) : null, roundCount: rounds.length,
    },
  });
  for (const [on, cny, usd] of spec.contracts ?? []) {
    await db.contract.create({ data: { projectId: p.id, signedOn: d(on), contractedInvestmentCny: cny, contractedForeignUsd: usd ?? null, agreementKindId: kindId, createdById: spec.owner.id } });
  }
  for (const on of spec.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: spec.owner.id } });
  for (const [on, amount, currency] of spec.funds ?? []) await db.fundsInPlace.create({ data: { projectId: p.id, receivedOn: d(on), amount, currency, createdById: spec.owner.id } });
  if (rounds.length) {
    await db.negotiationRound.createMany({
      data: rounds.map((on, i) => ({ projectId: p.id, number: i + 1, heldOn: d(on), format: "VIDEO" as const, ourParticipants: "A", summary: "talks", createdById: spec.owner.id })),
    });
  }
  return p.id;
}

beforeAll(async () => {
  const db = testDb();
  U = (await makeUnit("COUNTY")).id;
  V = (await makeUnit("DISTRICT")).id;
  const city = (await makeUnit("CITY")).id;
  [managerU, managerV, officerU, admin, cityManager] = await Promise.all([actor("MANAGER", U), actor("MANAGER", V), actor("OFFICER", U), actor("ADMIN", city), actor("MANAGER", city)]);
  const s = uniq();
  const ref = (kind: "SECTOR" | "INDUSTRY_CHAIN" | "AGREEMENT_KIND" | "SOURCE", code: string) =>
    db.referenceItem.create({ data: { kind, code: `${code}-${s}`, nameZh: `${code}${s}`, nameEn: `${code} ${s}` } }).then((r) => r.id);
  [S1, S2, C1, kindId, SRC1, SRC2] = [await ref("SECTOR", "s1"), await ref("SECTOR", "s2"), await ref("INDUSTRY_CHAIN", "c1"), await ref("AGREEMENT_KIND", "k"), await ref("SOURCE", "src1"), await ref("SOURCE", "src2")];
  const company = (cc: string) => db.company.create({ data: { nameZh: `报告企业${cc}${uniq()}`, countryCode: cc, ownershipType: "PRIVATE" } }).then((c) => c.id);
  const [cn, us] = [await company("CN"), await company("US")];
  E = (await db.promotionEvent.create({ data: { nameZh: `报告推介会${s}`, cityZh: "杭州", startsOn: d("2023-10-10"), endsOn: d("2023-10-11"), unitId: U } })).id;
  const o = managerU;
  ids.R1 = await project({ owner: o, stage: "OPERATING", companyId: cn, firstContactOn: "2023-03-01", sectorId: S1, chainId: C1, contracts: [["2023-10-01", "100000000.00"]] });
  ids.R2 = await project({
    owner: o, stage: "CONSTRUCTION", companyId: us, firstContactOn: "2022-05-01", sectorId: S2, contracts: [["2023-12-31", "5000000000.00", "20000000.00"]], starts: ["2023-12-31"],
    funds: [["2023-11-15", "5000000.00", "USD"], ["2023-12-01", "300000000.00", "CNY"], ["2024-01-05", "1000000.00", "USD"]],
  });
  ids.R3 = await project({ owner: o, stage: "SIGNED", companyId: cn, firstContactOn: "2023-06-01", sectorId: S2, contracts: [["2024-01-01", "12000000000.00"]], rounds: ["2024-01-01"] });
  ids.R4 = await project({ owner: o, stage: "SIGNED", companyId: cn, firstContactOn: "2023-10-01", sectorId: S2, sourceId: SRC2, contracts: [["2023-11-10", "12000000000.00"]], rounds: ["2023-12-20"] });
  ids.R5 = await project({ owner: o, stage: "CONSTRUCTION", companyId: cn, firstContactOn: "2023-01-01", sectorId: S1, contracts: [["2023-09-30", "700000000.00"]], starts: ["2024-01-01"] });
  ids.R6 = await project({ owner: o, stage: "SIGNED", companyId: cn, firstContactOn: "2023-12-31", sectorId: S1, contracts: [["2023-11-01", "99999999.99"]], rounds: ["2023-12-31"] });
  ids.R7 = await project({ owner: o, stage: "INTENT", companyId: cn, firstContactOn: "2023-10-15", eventId: E, sourceId: SRC1, rounds: ["2023-10-20", "2023-12-31", "2024-01-02"] });
  ids.R8 = await project({ owner: o, stage: "NEGOTIATION", companyId: cn, firstContactOn: "2023-05-01", rounds: ["2023-06-01"] });
  ids.R9 = await project({ owner: o, stage: "FIRST_CONTACT", companyId: cn, firstContactOn: "2024-01-01" });
  ids.R10 = await project({ owner: managerV, stage: "SIGNED", companyId: cn, firstContactOn: "2023-01-01", sectorId: S1, contracts: [["2023-11-01", "700000000.00"]] });
});

describe("period parsing", () => {
  it("reads a year or a quarter as a half-open range", () => {
    const q = parseReportPeriod("2023-Q4")!;
    expect([q.from.toISOString(), q.to.toISOString(), q.kind]).toEqual(["2023-10-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", "quarter"]);
    const y = parseReportPeriod("2023")!;
    expect([y.from.toISOString(), y.to.toISOString(), y.kind]).toEqual(["2023-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", "year"]);
    for (const bad of ["1999", "2101", "2023-Q5", "2023-Q0", "2023Q4", "23", "", "2023-4"]) expect(parseReportPeriod(bad)).toBeNull();
    expect(parseReportFile("2023-Q4.xlsx")).toMatchObject({ format: "xlsx", period: { label: "2023-Q4" } });
    expect(parseReportFile("2023.doc")).toBeNull();
  });
});

describe("buildReport 2023-Q4 for the unit's manager", () => {
  it("every number known by construction; band edges; currencies apart; quarter edges", async () => {
    const r = await buildReport(testDb(), managerU, { period: "2023-Q4" }, NOW);
    expect(r.period).toMatchObject({ label: "2023-Q4", from: "2023-10-01", to: "2024-01-01", lastDay: "2023-12-31" });
    expect(r.unit).toMatchObject({ id: U });
    // R1 (first day), R2 (last day), R4, R6; not R3 (day after) nor R5 (day before) nor R10 (other unit).
    expect(r.signed).toEqual({
      count: 4,
      contractedCny: "17199999999.99",
      contractedUsd: "20000000.00",
      atLeast100MillionCny: { count: 3, valueCny: "17100000000.00" },
      atLeast5BillionCny: { count: 2, valueCny: "17000000000.00" },
      atLeast10BillionCny: { count: 1, valueCny: "12000000000.00" },
    });
    expect(r.signedProjects.map((p) => [p.projectId, p.signedOn, p.contractedCny, p.contractedUsd])).toEqual([
      [ids.R1, "2023-10-01", "100000000.00", "0"],
      [ids.R6, "2023-11-01", "99999999.99", "0"],
      [ids.R4, "2023-11-10", "12000000000.00", "0"],
      [ids.R2, "2023-12-31", "5000000000.00", "20000000.00"],
    ]);
    expect(r.constructionStarts).toEqual({ count: 1 });
    expect(r.constructionStartsList.map((s) => [s.projectId, s.startedOn, s.contractedCny])).toEqual([[ids.R2, "2023-12-31", "5000000000.00"]]);
    expect(r.fundsInPlace).toEqual({ cny: "300000000.00", usd: "5000000.00" });
    expect(r.foreignInvestmentInPlaceUsd).toBe("5000000.00");
    expect(r.roundsHeld).toBe(4);
    expect(r.newLeads.total).toBe(3);
    expect(r.newLeads.bySource.map((x) => [x.id, x.count]).sort()).toEqual([[SRC1, 1], [SRC2, 1], [null, 1]].sort());
    expect(r.newLeads.byEvent.map((x) => [x.id, x.count])).toEqual([[null, 2], [E, 1]]);
    expect(r.pipelineByStage.map((x) => [x.stage, x.count])).toEqual([
      ["FIRST_CONTACT", 1], ["INTENT", 1], ["NEGOTIATION", 1], ["SIGNED", 3], ["CONSTRUCTION", 2], ["OPERATING", 1], ["ON_HOLD", 0], ["LOST", 0],
    ]);
    expect(r.stalledProjects.map((x) => [x.projectId, x.lastActivityOn])).toEqual([[ids.R8, "2023-06-01"]]);
    expect(r.bySector.map((x) => [x.id, x.count, x.cny, x.usd])).toEqual([[S2, 2, "17000000000.00", "20000000.00"], [S1, 2, "199999999.99", "0"]]);
    expect(r.byUnit.map((x) => [x.id, x.count, x.cny])).toEqual([[U, 4, "17199999999.99"]]);
    expect(r.byChain.map((x) => [x.id, x.count, x.cny])).toEqual([[null, 3, "17099999999.99"], [C1, 1, "100000000.00"]]);
    expect(r.byCountry.map((x) => [x.countryCode, x.count, x.cny, x.usd])).toEqual([["CN", 3, "12199999999.99", "0"], ["US", 1, "5000000000.00", "20000000.00"]]);
    expect(r.series.points.map((p) => [p.start, p.count])).toEqual([["2023-10-01", 1], ["2023-11-01", 2], ["2023-12-01", 1]]);
    expect(r.summary.zh).toContain("2023年第四季度");
    expect(r.summary.zh).toContain("共签约项目4个");
    expect(r.summary.zh).toContain("1亿元及以上的3个");
    expect(r.summary.zh).toContain("50亿元及以上的2个");
    expect(r.summary.zh).toContain("100亿元及以上的1个");
    expect(r.summary.en).toContain("In Q4 2023");
    expect(r.summary.en).toContain("signed contracts for 4 projects");
    expect(r.summary.en).toContain("nested, not additive");
    // Amounts are decimal strings everywhere.
    expect(typeof r.fundsInPlace.cny).toBe("string");
  });

  it("the year 2023 adds R5 (signed 2023-09-30) but not R3 (2024-01-01)", async () => {
    const r = await buildReport(testDb(), managerU, { period: "2023" }, NOW);
    expect(r.signed.count).toBe(5);
    expect(r.signed.contractedCny).toBe("17899999999.99");
    expect(r.signed.atLeast100MillionCny.count).toBe(4);
    const q1 = await buildReport(testDb(), managerU, { period: "2024-Q1" }, NOW);
    expect(q1.signed).toMatchObject({ count: 1, contractedCny: "12000000000.00", atLeast10BillionCny: { count: 1, valueCny: "12000000000.00" } });
    expect(q1.constructionStarts.count).toBe(1);
    expect(q1.fundsInPlace).toEqual({ cny: "0", usd: "1000000.00" });
  });
});

describe("scope", () => {
  it("refuses officers and a manager asking for another unit", async () => {
    await expect(buildReport(testDb(), officerU, { period: "2023-Q4" }, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(buildReport(testDb(), managerU, { period: "2023-Q4", unitId: V }, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(buildReport(testDb(), managerU, { period: "2023-Q5" }, NOW)).rejects.toMatchObject({ code: "invalid" });
  });
  it("an admin or a city manager may pick any unit; unit U equals U's manager's report", async () => {
    const [m, a, c, v] = await Promise.all([
      buildReport(testDb(), managerU, { period: "2023-Q4" }, NOW),
      buildReport(testDb(), admin, { period: "2023-Q4", unitId: U }, NOW),
      buildReport(testDb(), cityManager, { period: "2023-Q4", unitId: U }, NOW),
      buildReport(testDb(), admin, { period: "2023-Q4", unitId: V }, NOW),
    ]);
    expect(a.signed).toEqual(m.signed);
    expect(c.signed).toEqual(m.signed);
    expect(v.signed).toMatchObject({ count: 1, contractedCny: "700000000.00" });
    // A unit's report is issued by that unit and titled with its name.
    const unitV = await testDb().unit.findUniqueOrThrow({ where: { id: V } });
    expect(v.unit).toMatchObject({ placeZh: unitV.nameZh, issuerZh: unitV.nameZh, issuerEn: unitV.nameEn });
    await expect(buildReport(testDb(), admin, { period: "2023-Q4", unitId: 2_000_000_000 }, NOW)).rejects.toMatchObject({ code: "not_found" });
  });
  it("the whole city by default for an admin (includes both units)", async () => {
    const r = await buildReport(testDb(), admin, { period: "2023-Q4" }, NOW);
    expect(r.unit).toMatchObject({ id: null, isCity: true });
    // Issued by the city's bureau, titled with the city's name (not "…（全市）").
    const city = await testDb().unit.findFirstOrThrow({ where: { kind: "CITY" }, orderBy: { id: "asc" } });
    expect(r.unit).toMatchObject({ placeZh: city.nameZh, issuerZh: `${city.nameZh}投资促进局`, issuerEn: `${city.nameEn} Investment Promotion Bureau` });
    const ours = r.signedProjects.filter((p) => Object.values(ids).includes(p.projectId)).map((p) => p.projectId);
    expect(ours.sort()).toEqual([ids.R1, ids.R2, ids.R4, ids.R6, ids.R10].sort());
  });
});

describe("the report agrees with the dashboard", () => {
  const cases: [string, () => Actor, string, number | undefined][] = [
    ["unit manager, quarter", () => managerU, "2023-Q4", undefined],
    ["admin, unit U, year", () => admin, "2023", -1],
    ["admin, whole city, quarter", () => admin, "2023-Q4", undefined],
    ["city manager, whole city, year", () => cityManager, "2023", undefined],
  ];
  for (const [name, who, label, unit] of cases) {
    it(name, async () => {
      const user = who();
      const unitId = unit === -1 ? U : unit;
      const period = label.includes("Q") ? quarterPeriod(2023, 4) : yearPeriod(2023);
      const filters = { period, unitId: user.role === "MANAGER" && !user.unitIsCity ? user.unitId : unitId };
      const [r, totals, bands, delivery] = await Promise.all([
        buildReport(testDb(), user, { period: label, unitId }, NOW),
        signedTotals(testDb(), user, filters),
        sizeBands(testDb(), user, filters),
        getDelivery(testDb(), user, filters),
      ]);
      expect(r.signed.count).toBe(totals.current.count);
      expect(r.signed.contractedCny).toBe(totals.current.cny);
      expect(r.signed.contractedUsd).toBe(totals.current.usd);
      expect([r.signed.atLeast100MillionCny, r.signed.atLeast5BillionCny, r.signed.atLeast10BillionCny]).toEqual(bands.map((b) => ({ count: b.count, valueCny: b.cny })));
      expect(r.constructionStarts.count).toBe(delivery.startsInPeriod);
      expect(r.fundsInPlace).toEqual({ cny: delivery.fundsInPeriodCny, usd: delivery.fundsInPeriodUsd });
      expect(r.signedProjects).toHaveLength(totals.current.count);
    });
  }
});

describe("summary wording", () => {
  it("says plainly when a band is empty, and when nothing was signed", async () => {
    const q3 = await buildReport(testDb(), managerU, { period: "2023-Q3" }, NOW);
    // Only R5 (700 million): in the first band, none above.
    expect(q3.signed).toMatchObject({ count: 1, atLeast100MillionCny: { count: 1 }, atLeast5BillionCny: { count: 0 } });
    expect(q3.summary.zh).toContain("在这1个项目中，没有50亿元及以上的项目。");
    expect(q3.summary.en).toContain("signed contracts for 1 project with");
    expect(q3.summary.en).toContain("(CNY 700 m in total). It was not of CNY 5 billion or more.");
    const q2 = await buildReport(testDb(), managerU, { period: "2023-Q2" }, NOW);
    expect(q2.signed.count).toBe(0);
    expect(q2.summary.zh).toContain("共签约项目0个");
    expect(q2.summary.zh).toContain("其中没有单个项目合同投资额1亿元及以上的项目。");
    expect(q2.summary.en).toContain("None had a contracted investment of CNY 100 million or more.");
  });
});

describe("long lists streamed in pages", () => {
  const sheets = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => {
      const rows: unknown[] = [];
      ws.eachRow((row) => rows.push(row.values));
      return [ws.name, rows];
    });
  };
  for (const [name, who, unitId] of [["unit U", () => admin, -1], ["whole city", () => admin, undefined]] as const) {
    it(`${name}: lists longer than a page come out complete and in order in CSV and XLSX`, async () => {
      const input = { period: "2023-Q4", unitId: unitId === -1 ? U : unitId };
      const full = await buildReport(testDb(), who(), input, NOW);
      expect(full.signedProjects.length).toBeGreaterThan(3);
      const expectedCsv = toCsv(full);
      const expectedXlsx = await sheets(await toXlsx(full));
      for (const pageSize of [1, 3]) {
        const { report, pages } = await openReport(testDb(), who(), input, NOW, { pageSize });
        expect(report.signedProjects).toEqual([]);
        let seen = 0;
        for await (const page of pages.signedProjects()) {
          expect(page.length).toBeLessThanOrEqual(pageSize);
          seen += page.length;
        }
        expect(seen).toBe(full.signedProjects.length);
        let csv = BOM;
        for await (const chunk of csvChunks(report, pages)) csv += chunk;
        expect(csv).toBe(expectedCsv);
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on("data", (c: Buffer) => chunks.push(c));
        const done = new Promise((ok) => out.on("end", ok));
        await writeXlsx(report, out, "zh-CN", pages);
        await done;
        expect(await sheets(Buffer.concat(chunks))).toEqual(expectedXlsx);
      }
    });
  }
  it("the stalled list is read page by page along its index (project_stall_list_idx), not scanned and sorted again per page", async () => {
    const db = testDb();
    const ctx = { actor: admin, filters: { period: parseReportPeriod("2023-Q4")! }, today: d("2024-01-10") };
    // The plans of the first page and of a page after a given line, where the planner avoids sorts and sequential
    // scans wherever an index can serve: read from the index in its order, nothing sorted.
    for (const after of [null, stalledAfterSql(d("2023-06-01"), 1)]) {
      const plan = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        await tx.$executeRaw`SET LOCAL enable_sort = off`;
        const page = stalledPageSql(ctx, after, Prisma.sql`LIMIT 2000`);
        const rows = await tx.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${page}`);
        return JSON.stringify(rows[0]["QUERY PLAN"]);
      });
      expect(plan).toContain("project_stall_list_idx");
      expect(plan).not.toContain('"Node Type":"Sort"');
    }
  });

  // The plan's nodes, where the planner avoids sorts and sequential scans wherever an index can serve.
  type PlanNode = Record<string, string> & { Plans?: PlanNode[] };
  const indexedPlan = async (sql: Prisma.Sql): Promise<PlanNode[]> => {
    const plan = await testDb().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      await tx.$executeRaw`SET LOCAL enable_sort = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
      return rows[0]["QUERY PLAN"][0].Plan;
    });
    const all: PlanNode[] = [];
    const walk = (n: PlanNode) => (all.push(n), n.Plans?.forEach(walk));
    walk(plan);
    return all;
  };

  it("a page of the signed list groups only its own projects' contracts, not the period's signings again", async () => {
    const ctx = { actor: admin, filters: { period: parseReportPeriod("2023")! }, today: d("2024-01-10") };
    const nodes = await indexedPlan(signedPageSql(ctx, [1, 2, 3]));
    // The page's ids reach the counted signings' scan, under the grouping (where the project_id index can serve them
    // on a large database; on this small one the planner may read them by day), rather than filtering the grouped rows.
    const contracts = nodes.filter((n) => n["Relation Name"] === "counted_signing" && n.Alias === "k");
    expect(contracts).toHaveLength(1);
    expect(`${contracts[0]["Index Cond"] ?? ""} ${contracts[0].Filter ?? ""}`).toContain("project_id = ANY ('{1,2,3}'::integer[])");
  });

  it("a page of the construction starts after a given line reads the starts index from that line's day on", async () => {
    const ctx = { actor: admin, filters: { period: parseReportPeriod("2023")! }, today: d("2024-01-10") };
    const nodes = await indexedPlan(startsPageSql(ctx, startsAfterSql(d("2023-06-01"), 1), Prisma.sql`LIMIT 2000`));
    const starts = nodes.find((n) => n["Index Name"] === "milestone_reached_kind_reached_on_project_id_idx");
    expect(starts?.["Index Cond"]).toContain("ROW(reached_on, project_id) > ROW('2023-06-01'::date, 1)");
    expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
  });

  it("a capped report (the JSON download) says it is truncated", async () => {
    const full = await buildReport(testDb(), admin, { period: "2023-Q4", unitId: U }, NOW);
    const capped = await buildReport(testDb(), admin, { period: "2023-Q4", unitId: U }, NOW, { listLimit: 2 });
    expect(capped.truncated).toBe(true);
    expect(capped.signedProjects).toEqual(full.signedProjects.slice(0, 2));
    expect(full.truncated).toBeUndefined();
    expect(capped.signed).toEqual(full.signed);
  });
});
