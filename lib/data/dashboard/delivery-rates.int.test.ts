/**
 * The delivery rates (lib/domain/delivery-rates.ts) on a hand-made data set
 * with the edges, and their links: each count opens exactly its projects.
 *
 * Period 2024-Q1 = [2024-01-01, 2024-04-01). Today 2024-04-10 (the period has
 * ended: cutoff 04-01, as-of day 03-31), and once 2024-03-20 (it runs: cutoff
 * 03-21). Unit U unless noted; "signed" is the first contract.
 *  A  signed 01-10, 100,000,000 yuan. 开工 due 03-31 (the period's last day), started 03-31 (met on the day);
 *     投产 due 06-30 (not due). Funds 40,000,000 yuan 02-01, 10,000,000 yuan 04-05 (after the cutoff).
 *  B  signed 02-01, 50,000,000 yuan + 2,000,000 USD. 开工 promised 02-15, AMENDED to 05-31 (the current promise: not due);
 *     供地 due 01-20, reached 01-25 (late: not met, not overdue). Funds 500,000 USD 03-01.
 *  C  signed 03-05, 30,000,000 yuan, LOST after signing. 开工 due 03-20, never started (overdue). Stays in every denominator.
 *  D  signed 2023-06-01 (not in the cohort). 开工 due 2023-10-01, started 2023-09-15; 投产 due 03-01, reached 02-20: all met.
 *  E  signed 2023-05-01. 投产 due 03-31 (the as-of day: due, not yet overdue), reached 04-02 (after the cutoff).
 *  F  (unit V) signed 01-15, 1,000,000 USD. Started 02-01; 投产 reached 03-15; funds 1,000,000 USD 03-10; 入统 due 04-15 (not due).
 *
 * Promised against actual (figures; the cohort is A, B, C in U):
 *  A  promises investment 100,000,000 yuan (reached: funds 40,000,000 before the cutoff), 200 jobs (reported 50 on 02-01,
 *     120 on 03-15, 180 on 04-05 after the cutoff: 120 counts), 100 亩 of land (nothing reported).
 *  B  promises 2,000,000 USD foreign investment (reached 500,000 USD), 100 jobs AMENDED to 80 (80 counts), none reported.
 *  C  (lost) promises 50 jobs and 3,000,000 yuan tax a year; reported tax 1,000,000 on 03-10.
 *  D  (not in the cohort) promises 999 jobs, reported 999: counted nowhere.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActors } from "@/lib/data/dashboard/actors.test-helpers";
import { getDashboard, getDeliveryRates, type Actor, type RateCounts } from "@/lib/data/dashboard";
import { quarterPeriod } from "@/lib/domain/period";
import { rate } from "@/lib/domain/delivery-rates";
import type { CommitmentKind, Stage } from "@/lib/generated/prisma/enums";
import type { FigureKind } from "@/lib/domain/milestones";
import { linkedNumbers } from "@/components/dashboard/links";
import { fromSearchParams } from "@/lib/domain/project-filter";
import { listProjects } from "@/lib/data/project-list";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { buildReport } from "@/lib/reports/build-report";
import { reportSections } from "@/lib/reports/sections";
import { toCsv } from "@/lib/reports/to-csv";

const db = testDb();
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const AFTER = new Date("2024-04-10T04:00:00Z"); // noon in Shanghai
const DURING = new Date("2024-03-20T04:00:00Z");
const Q1: DashboardFilters = { period: quarterPeriod(2024, 1) };

type Spec = {
  owner: Actor;
  stage: Stage;
  signed: [string, string, string | null];
  promises?: [CommitmentKind, string, { replacedBy?: string }?][];
  actuals?: [CommitmentKind, string][];
  starts?: string[];
  funds?: [string, "CNY" | "USD", string][];
  /** Figures promised (value; an amended one: the first value, replaced by `replacedBy`) and reported (day, value). */
  figures?: [FigureKind, string, { replacedBy?: string }?][];
  reported?: [FigureKind, string, string][];
};

let managerU: Actor, managerV: Actor, admin: Actor, U: number, V: number;
const id: Record<string, number> = {};

async function project(name: string, s: Spec) {
  const company = await db.company.create({ data: { nameZh: `履约企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  const kind = await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: `rk-${uniq()}`, nameZh: `协议${uniq()}`, nameEn: "kind" } });
  const p = await db.project.create({
    data: { companyId: company.id, title: `履约${name}${uniq()}`, unitId: s.owner.unitId, ownerId: s.owner.id, stage: s.stage, firstContactOn: d("2023-01-01") },
  });
  const contract = await db.contract.create({
    data: { projectId: p.id, signedOn: d(s.signed[0]), contractedInvestmentCny: s.signed[1], contractedForeignUsd: s.signed[2], agreementKindId: kind.id, createdById: s.owner.id },
  });
  for (const [k, due, opts] of s.promises ?? []) {
    const current = await db.commitment.create({ data: { projectId: p.id, contractId: contract.id, kind: k, dueOn: d(opts?.replacedBy ?? due), createdById: s.owner.id } });
    if (opts?.replacedBy) {
      // The first promise, replaced by the amendment (the current one above).
      await db.commitment.create({ data: { projectId: p.id, contractId: contract.id, kind: k, dueOn: d(due), replacedAt: new Date("2024-02-10T02:00:00Z"), replacedById: current.id, createdById: s.owner.id } });
    }
  }
  for (const [k, value, opts] of s.figures ?? []) {
    const current = await db.commitment.create({ data: { projectId: p.id, contractId: contract.id, kind: k, value: opts?.replacedBy ?? value, createdById: s.owner.id } });
    if (opts?.replacedBy) {
      await db.commitment.create({ data: { projectId: p.id, contractId: contract.id, kind: k, value, replacedAt: new Date("2024-02-10T02:00:00Z"), replacedById: current.id, createdById: s.owner.id } });
    }
  }
  for (const [k, on, value] of s.reported ?? []) await db.commitmentActual.create({ data: { projectId: p.id, kind: k, reportedOn: d(on), value, createdById: s.owner.id } });
  for (const [k, on] of s.actuals ?? []) await db.commitmentActual.create({ data: { projectId: p.id, kind: k, reportedOn: d(on), createdById: s.owner.id } });
  for (const on of s.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: s.owner.id } });
  for (const [on, currency, amount] of s.funds ?? []) await db.fundsInPlace.create({ data: { projectId: p.id, receivedOn: d(on), currency, amount, createdById: s.owner.id } });
  id[name] = p.id;
}

beforeAll(async () => {
  ({ U, V, managerU, managerV, admin } = await makeDashboardActors());
  await project("A", {
    owner: managerU, stage: "CONSTRUCTION", signed: ["2024-01-10", "100000000.00", null],
    promises: [["CONSTRUCTION_START", "2024-03-31"], ["PRODUCTION", "2024-06-30"]], starts: ["2024-03-31"],
    funds: [["2024-02-01", "CNY", "40000000.00"], ["2024-04-05", "CNY", "10000000.00"]],
    figures: [["INVESTMENT_TOTAL", "100000000.00"], ["JOBS", "200"], ["LAND", "100"]],
    reported: [["JOBS", "2024-02-01", "50"], ["JOBS", "2024-03-15", "120"], ["JOBS", "2024-04-05", "180"]],
  });
  await project("B", {
    owner: managerU, stage: "SIGNED", signed: ["2024-02-01", "50000000.00", "2000000.00"],
    promises: [["CONSTRUCTION_START", "2024-02-15", { replacedBy: "2024-05-31" }], ["LAND_HANDOVER", "2024-01-20"]],
    actuals: [["LAND_HANDOVER", "2024-01-25"]], funds: [["2024-03-01", "USD", "500000.00"]],
    figures: [["FOREIGN_INVESTMENT", "2000000.00"], ["JOBS", "100", { replacedBy: "80" }]],
  });
  await project("C", { owner: managerU, stage: "LOST", signed: ["2024-03-05", "30000000.00", null], promises: [["CONSTRUCTION_START", "2024-03-20"]],
    figures: [["JOBS", "50"], ["ANNUAL_TAX", "3000000.00"]], reported: [["ANNUAL_TAX", "2024-03-10", "1000000.00"]] });
  await project("D", {
    owner: managerU, stage: "OPERATING", signed: ["2023-06-01", "80000000.00", null],
    promises: [["CONSTRUCTION_START", "2023-10-01"], ["PRODUCTION", "2024-03-01"]], starts: ["2023-09-15"], actuals: [["PRODUCTION", "2024-02-20"]],
    figures: [["JOBS", "999"]], reported: [["JOBS", "2024-01-05", "999"]],
  });
  await project("E", { owner: managerU, stage: "CONSTRUCTION", signed: ["2023-05-01", "60000000.00", null], promises: [["PRODUCTION", "2024-03-31"]], actuals: [["PRODUCTION", "2024-04-02"]] });
  await project("F", {
    owner: managerV, stage: "OPERATING", signed: ["2024-01-15", "0.00", "1000000.00"], promises: [["STATISTICS", "2024-04-15"]],
    starts: ["2024-02-01"], actuals: [["PRODUCTION", "2024-03-15"]], funds: [["2024-03-10", "USD", "1000000.00"]],
  });
});

const unitU: Partial<RateCounts> = {
  signed: 3, started: 1, producing: 0, fundedCny: 1, fundedUsd: 1,
  contractedCny: "180000000.00", contractedUsd: "2000000.00", fundsCny: "40000000.00", fundsUsd: "500000.00",
  due: 5, met: 2, pastDue: 1, startDue: 3, startMet: 2, productionDue: 2, productionMet: 1,
};

describe("delivery rates", () => {
  it("count each rate's projects with the edges: last day due, amended deadline, lost after signing, two currencies", async () => {
    const r = await getDeliveryRates(db, managerU, Q1, AFTER);
    expect(r.cutoff).toEqual(d("2024-04-01"));
    expect(r.overall).toEqual(expect.objectContaining(unitU));
    // 履约率 2/5, 开工率 1/3, 按期开工率 2/3, 资金到位率 in yuan 40m/180m, in dollars 0.5m/2m: never added.
    expect(rate(r.overall.met, r.overall.due)).toBeCloseTo(0.4);
    expect(rate(r.overall.fundsCny, r.overall.contractedCny)).toBeCloseTo(40 / 180);
    expect(rate(r.overall.fundsUsd, r.overall.contractedUsd)).toBeCloseTo(0.25);
    expect(r.byUnit.map((u) => u.id)).toEqual([U]);
  });

  it("per unit for the whole city, and V's own numbers", async () => {
    const r = await getDeliveryRates(db, admin, Q1, AFTER);
    expect(r.byUnit.find((u) => u.id === U)).toEqual(expect.objectContaining(unitU));
    expect(r.byUnit.find((u) => u.id === V)).toEqual(expect.objectContaining({ signed: 1, started: 1, producing: 1, fundedUsd: 1, fundsUsd: "1000000.00", contractedUsd: "1000000.00", due: 0, met: 0 }));
    const v = await getDeliveryRates(db, managerV, Q1, AFTER);
    expect(v.overall).toEqual(expect.objectContaining({ signed: 1, due: 0 }));
    expect(rate(v.overall.met, v.overall.due)).toBeNull();
  });

  it("while the period runs, count as of today: a milestone due today is due, not yet overdue", async () => {
    const r = await getDeliveryRates(db, managerU, Q1, DURING);
    expect(r.cutoff).toEqual(d("2024-03-21"));
    expect(r.overall).toEqual(expect.objectContaining({ signed: 3, started: 0, fundsCny: "40000000.00", fundsUsd: "500000.00", due: 3, met: 1, pastDue: 0, startDue: 2, startMet: 1 }));
    expect(r.trend.map((q) => q.label)).toEqual(["2024-Q1"]);
  });

  it("trend by quarter of the period's year, up to today", async () => {
    const r = await getDeliveryRates(db, managerU, { period: quarterPeriod(2024, 2) }, AFTER);
    expect(r.trend.map((q) => [q.label, q.signed, q.due, q.met, q.pastDue])).toEqual([
      ["2024-Q1", 3, 5, 2, 1],
      ["2024-Q2", 0, 5, 2, 1],
    ]);
    expect(r.trend[1].cutoff).toEqual(d("2024-04-11"));
  });

  it("totals each figure promised (the promise in force) against reached, over the projects signed in the period", async () => {
    const figures = async (who: Actor, now: Date) => Object.fromEntries((await getDeliveryRates(db, who, Q1, now)).figures.map((f) => [f.kind, [f.promisedProjects, f.promised, f.reachedProjects, f.reached]]));
    expect(await figures(managerU, AFTER)).toEqual({
      INVESTMENT_TOTAL: [1, "100000000.00", 1, "40000000.00"],
      FIXED_ASSET: [0, "0", 0, "0"],
      FOREIGN_INVESTMENT: [1, "2000000.00", 1, "500000.00"],
      LAND: [1, "100.00", 0, "0"],
      JOBS: [3, "330.00", 1, "120.00"], // 200 + 80 (amended from 100) + 50 (lost after signing); A's 120 (the 180 came after the cutoff)
      ANNUAL_OUTPUT: [0, "0", 0, "0"],
      ANNUAL_TAX: [1, "3000000.00", 1, "1000000.00"],
    });
    // While the period runs (as of 03-20): A's jobs as reported on 03-15; A's yuan as of 02-01.
    expect((await figures(managerU, DURING)).JOBS).toEqual([3, "330.00", 1, "120.00"]);
    expect((await figures(managerV, AFTER)).JOBS).toEqual([0, "0", 0, "0"]);
  });

  it("each figure's promised and reached counts link to exactly their projects", async () => {
    const dash = await getDashboard(db, managerU, Q1, AFTER);
    const links = linkedNumbers(dash);
    const want: Record<string, string[]> = {
      "INVESTMENT_TOTAL.promised": ["A"], "INVESTMENT_TOTAL.reached": ["A"], "FOREIGN_INVESTMENT.promised": ["B"], "FOREIGN_INVESTMENT.reached": ["B"],
      "JOBS.promised": ["A", "B", "C"], "JOBS.reached": ["A"], "LAND.promised": ["A"], "LAND.reached": [], "ANNUAL_TAX.promised": ["C"], "ANNUAL_TAX.reached": ["C"],
      "FIXED_ASSET.promised": [],
    };
    for (const [key, names] of Object.entries(want)) {
      const n = links.get(`rates.figure.${key}`);
      const list = await listProjects(db, managerU, fromSearchParams(new URL(n.href, "http://x").searchParams), AFTER);
      expect([key, list.rows.map((p) => p.id).sort((a, b) => a - b)], n.href).toEqual([key, names.map((x) => id[x]).sort((a, b) => a - b)]);
      expect(n.count).toBe(names.length);
    }
  });

  it("past a deadline at each quarter's own cutoff: a deadline passes between quarters", async () => {
    // At 07-10: C's start (due 03-20) is past due from Q1 on, B's amended start (05-31) from Q2, A's production (06-30)
    // only by Q3's cutoff (today, 07-11): not yet on Q2's last day.
    const r = await getDeliveryRates(db, managerU, { period: quarterPeriod(2024, 3) }, new Date("2024-07-10T04:00:00Z"));
    expect(r.trend.map((q) => [q.label, q.due, q.pastDue])).toEqual([
      ["2024-Q1", 5, 1],
      ["2024-Q2", 5, 2],
      ["2024-Q3", 5, 3],
    ]);
  });

  it("each count links to exactly the projects it counts", async () => {
    const dash = await getDashboard(db, managerU, Q1, AFTER);
    const links = linkedNumbers(dash);
    const want: Record<string, string[]> = {
      signed: ["A", "B", "C"], started: ["A"], producing: [], fundedCny: ["A"], fundedUsd: ["B"],
      due: ["A", "B", "C", "D", "E"], met: ["A", "D"], pastDue: ["C"], startDue: ["A", "C", "D"], startMet: ["A", "D"],
      productionDue: ["D", "E"], productionMet: ["D"],
    };
    for (const [key, names] of Object.entries(want)) {
      for (const prefix of ["rates", `rates.unit.${U}`, "rates.quarter.2024-Q1"]) {
        const n = links.get(`${prefix}.${key}`);
        const filter = fromSearchParams(new URL(n.href, "http://x").searchParams);
        const list = await listProjects(db, managerU, filter, AFTER);
        const ids = list.rows.map((p) => p.id).sort((a, b) => a - b);
        expect([`${prefix}.${key}`, ids], n.href).toEqual([`${prefix}.${key}`, names.map((x) => id[x]).sort((a, b) => a - b)]);
        expect(n.count).toBe(names.length);
      }
    }
  });

  it("the report carries the same rates, its section in every format, and a sentence in both languages", async () => {
    const r = await buildReport(db, managerU, { period: "2024-Q1" }, AFTER);
    expect(r.deliveryRates.asOf).toBe("2024-03-31");
    expect(r.deliveryRates.overall).toEqual(expect.objectContaining(unitU));
    expect(r.deliveryRates.overall.rates).toMatchObject({ fulfilment: 0.4, startOnTime: 2 / 3, fundsUsd: 0.25 });
    expect(r.deliveryRates.byQuarter.map((q) => q.label)).toEqual(["2024-Q1", "2024-Q2"]);
    const rates = reportSections(r, "zh-CN").find((x) => x.key === "deliveryRates")!;
    expect(rates.title).toBe("履约与落地率（截至2024年3月31日）");
    expect(rates.rows[0]).toEqual(["履约率", 2, 5, "40.0%"]);
    expect(toCsv(r)).toContain("履约率,2,5,40.0%");
    expect(toCsv(r, "en")).toContain("Fulfilment rate,2,5,40.0%");
    // Promised against actual: yuan, dollars and quantities in their own columns.
    const figures = reportSections(r, "zh-CN").find((x) => x.key === "deliveryFigures")!;
    expect(figures.title).toBe("承诺与实际（统计期内签约项目，截至2024年3月31日）");
    expect(figures.rows.find((row) => row[0] === "就业")).toEqual(["就业", 3, 1, null, null, null, null, 330, 120, "人", "36.4%"]);
    expect(figures.rows.find((row) => row[0] === "外资")).toEqual(["外资", 1, 1, null, null, "2000000.00", "500000.00", null, null, null, "25.0%"]);
    expect(toCsv(r, "en")).toContain("Total investment,1,1,100000000.00,40000000.00,,,,,,40.0%");
    expect(r.summary.zh).toContain("截至2024年3月31日，履约率40%（5个有里程碑到期的项目中2个按期达成），1个项目逾期");
    expect(r.summary.en).toContain("As of 31 Mar 2024 the fulfilment rate was 40% (2 of 5 projects with a milestone due met them all on time)");
  });
});
