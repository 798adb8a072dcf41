/**
 * Every dashboard number against a hand-made data set whose answers are known
 * by construction. All projects live in two fresh units (U, and V for scope),
 * so other test files' data never reach these numbers (admins and the city
 * manager are checked with unitId = U, or an owner filter).
 *
 * The period is 2024-Q1 = [2024-01-01, 2024-04-01); "now" is 2024-04-10 noon
 * in Shanghai. Projects (owner A or B, unit U unless said):
 *  P1 A S1 CN  INTENT 2024-01-01 00:30 Beijing (= 2023-12-31 UTC), NEG 02-01, SIGNED 03-31 (last day);
 *              contract 03-31 exactly 100,000,000.00; rounds 2023-12-10, 01-15, 03-01, 04-02.
 *  P2 A S2 US  anchor. NEG 01-10, SIGNED 02-15, CONSTRUCTION 03-20; contract 02-15 exactly 5,000,000,000.00 + USD 20m;
 *              funds USD 5m 03-25, CNY 300m 03-28, USD 1m 04-05; rounds 01-10, 02-10; follow-up 04-09 (overdue).
 *  P3 B S1 DE  chain of P2. INTENT 01-05, NEG 01-20, back to INTENT 02-01, NEG 02-20; round 02-15; follow-up 03-01 (overdue).
 *  P4 B S2 CN  lead of event E. FC 01-03, LOST 01-20, revived INTENT 02-05, SIGNED 03-10 (12,000,000,000.00),
 *              back to NEG 03-15, SIGNED again 04-03 with a 2nd contract (999,000,000.00, must not count). No rounds.
 *  P5 A S1 CN  signed 2023-02-10 (300m + USD 1m: the prior year); CONSTRUCTION 2024-01-15; OPERATING 2024-06-01 (after);
 *              funds CNY 50m 2024-02-01.
 *  P6 A S1 CN  chain of P2. FC 2023-12-31 23:30 Beijing (out), SIGNED 2024-01-01 (first day), 99,999,999.99 (below the band);
 *              rounds 2023-12-21, 2023-12-30.
 *  P7 A -  CN  chain of P2, lead of E. FC 2023-09-01, NEG 2024-03-31 23:59 Beijing (in), SIGNED 04-01 (out), 200,000,000.00.
 *  P10 B       FC 03-01, INTENT 03-05; round 03-11 (exactly 30 days before now); follow-up 04-10 (today: not overdue).
 *  P11 B       FC 02-01, LOST 02-10; follow-up 2024-01-01 (lost: not overdue).
 *  P8 (unit V, its own officer) signed 02-01, 700,000,000.00: only scope checks see it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withOwnWork } from "@/lib/domain/scope";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActors } from "@/lib/data/dashboard/actors.test-helpers";
import type { Stage } from "@/lib/generated/prisma/enums";
import { parseDashboardFilters, type DashboardFilters } from "@/lib/validation/dashboard";
import { quarterPeriod } from "@/lib/domain/period";
import {
  getChains,
  getDashboard,
  getDelivery,
  getEvents,
  getFunnel,
  getPipeline,
  getWork,
  signedByCountry,
  signedBySector,
  signedByUnit,
  signedSeries,
  signedTotals,
  sizeBands,
  type Actor,
} from "@/lib/data/dashboard";

const NOW = new Date("2024-04-10T04:00:00Z");
const Q1 = quarterPeriod(2024, 1);
const d = (s: string) => new Date(`${s}T00:00:00Z`);
/** A Beijing wall-clock moment; a bare date means 10:00 Beijing. */
const bj = (s: string) => new Date(s.includes("T") ? `${s}+08:00` : `${s}T10:00:00+08:00`);

type Spec = {
  owner: Actor;
  unitId?: number;
  sectorId?: number;
  chainId?: number;
  companyId: number;
  firstContactOn: string;
  planned?: string;
  history: [Stage, string][];
  contracts?: [string, string, string?][];
  starts?: string[];
  funds?: [string, string, "CNY" | "USD"][];
  rounds?: string[];
  followUp?: string;
  anchorId?: number;
  eventId?: number;
};

let kindId: number;
async function project(spec: Spec) {
  const db = testDb();
  const s = uniq();
  const rounds = [...(spec.rounds ?? [])].sort();
  const p = await db.project.create({
    data: {
      companyId: spec.companyId,
      title: `看板项目${s}`,
      unitId: spec.unitId ?? spec.owner.unitId,
      ownerId: spec.owner.id,
      sectorId: spec.sectorId,
      chainId: spec.chainId,
      stage: spec.history[spec.history.length - 1][0],
      firstContactOn: d(spec.firstContactOn),
      plannedInvestmentCny: spec.planned,
      nextFollowUpOn: spec.followUp ? d(spec.followUp) : null,
      lastRoundOn: rounds.length ? d(rounds[rounds.length - 1]) : null,
      roundCount: rounds.length,
      anchorProjectId: spec.anchorId,
      eventId: spec.eventId,
    },
  });
  await db.stageChange.createMany({
    data: spec.history.map(([to, at], i) => ({ projectId: p.id, fromStage: i ? spec.history[i - 1][0] : null, toStage: to, changedById: spec.owner.id, changedAt: bj(at) })),
  });
  for (const [on, cny, usd] of spec.contracts ?? []) {
    await db.contract.create({ data: { projectId: p.id, signedOn: d(on), contractedInvestmentCny: cny, contractedForeignUsd: usd ?? null, agreementKindId: kindId, createdById: spec.owner.id } });
  }
  for (const on of spec.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: spec.owner.id } });
  for (const [on, amount, currency] of spec.funds ?? []) {
    await db.fundsInPlace.create({ data: { projectId: p.id, receivedOn: d(on), amount, currency, createdById: spec.owner.id } });
  }
  if (rounds.length) {
    await db.negotiationRound.createMany({
      data: rounds.map((on, i) => ({ projectId: p.id, number: i + 1, heldOn: d(on), format: "VIDEO" as const, ourParticipants: "A", summary: "talks", createdById: spec.owner.id })),
    });
  }
  return p.id;
}

let U: number, V: number;
let managerU: Actor, officerA: Actor, officerB: Actor, managerV: Actor, admin: Actor, cityManager: Actor;
let S1: number, S2: number, C1: number, E: number;
const ids: Record<string, number> = {};
const q1 = (extra: Partial<DashboardFilters> = {}): DashboardFilters => ({ period: Q1, ...extra });

beforeAll(async () => {
  const db = testDb();
  let officerV: Actor;
  ({ U, V, managerU, officerA, officerB, managerV, officerV, admin, cityManager } = await makeDashboardActors());
  const s = uniq();
  const ref = (kind: "SECTOR" | "INDUSTRY_CHAIN" | "AGREEMENT_KIND", code: string) =>
    db.referenceItem.create({ data: { kind, code: `${code}-${s}`, nameZh: `${code}${s}`, nameEn: `${code} ${s}` } });
  S1 = (await ref("SECTOR", "s1")).id;
  S2 = (await ref("SECTOR", "s2")).id;
  C1 = (await ref("INDUSTRY_CHAIN", "c1")).id;
  kindId = (await ref("AGREEMENT_KIND", "k")).id;
  const company = (cc: string) => db.company.create({ data: { nameZh: `看板企业${cc}${uniq()}`, countryCode: cc, ownershipType: "PRIVATE" } }).then((c) => c.id);
  const [cn, us, de] = [await company("CN"), await company("US"), await company("DE")];
  E = (await db.promotionEvent.create({ data: { nameZh: `推介会${s}`, cityZh: "深圳", startsOn: d("2024-02-20"), endsOn: d("2024-02-21"), unitId: U } })).id;
  const E2 = (await db.promotionEvent.create({ data: { nameZh: `旧推介会${s}`, cityZh: "北京", startsOn: d("2023-05-01"), endsOn: d("2023-05-01"), unitId: U } })).id;

  ids.P1 = await project({
    owner: officerA, sectorId: S1, chainId: C1, companyId: cn, firstContactOn: "2023-11-01",
    history: [["FIRST_CONTACT", "2023-11-01"], ["INTENT", "2024-01-01T00:30:00"], ["NEGOTIATION", "2024-02-01"], ["SIGNED", "2024-03-31T23:00:00"]],
    contracts: [["2024-03-31", "100000000.00"]], rounds: ["2023-12-10", "2024-01-15", "2024-03-01", "2024-04-02"],
  });
  ids.P2 = await project({
    owner: officerA, sectorId: S2, companyId: us, firstContactOn: "2023-06-01", followUp: "2024-04-09",
    history: [["FIRST_CONTACT", "2023-06-01"], ["INTENT", "2023-08-01"], ["NEGOTIATION", "2024-01-10"], ["SIGNED", "2024-02-15"], ["CONSTRUCTION", "2024-03-20"]],
    contracts: [["2024-02-15", "5000000000.00", "20000000.00"]], starts: ["2024-03-20"],
    funds: [["2024-03-25", "5000000.00", "USD"], ["2024-03-28", "300000000.00", "CNY"], ["2024-04-05", "1000000.00", "USD"]],
    rounds: ["2024-01-10", "2024-02-10"],
  });
  ids.P3 = await project({
    owner: officerB, sectorId: S1, companyId: de, firstContactOn: "2023-12-01", planned: "200000000", anchorId: ids.P2, followUp: "2024-03-01",
    history: [["FIRST_CONTACT", "2023-12-01"], ["INTENT", "2024-01-05"], ["NEGOTIATION", "2024-01-20"], ["INTENT", "2024-02-01"], ["NEGOTIATION", "2024-02-20"]],
    rounds: ["2024-02-15"],
  });
  ids.P4 = await project({
    owner: officerB, sectorId: S2, companyId: cn, firstContactOn: "2024-01-03", eventId: E,
    history: [["FIRST_CONTACT", "2024-01-03"], ["LOST", "2024-01-20"], ["INTENT", "2024-02-05"], ["SIGNED", "2024-03-10"], ["NEGOTIATION", "2024-03-15"], ["SIGNED", "2024-04-03"]],
    contracts: [["2024-03-10", "12000000000.00"], ["2024-04-03", "999000000.00"]],
  });
  ids.P5 = await project({
    owner: officerA, sectorId: S1, companyId: cn, firstContactOn: "2022-10-01", eventId: E2,
    history: [["FIRST_CONTACT", "2022-10-01"], ["SIGNED", "2023-02-10"], ["CONSTRUCTION", "2024-01-15"], ["OPERATING", "2024-06-01"]],
    contracts: [["2023-02-10", "300000000.00", "1000000.00"]], starts: ["2024-01-15"], funds: [["2024-02-01", "50000000.00", "CNY"]],
  });
  ids.P6 = await project({
    owner: officerA, sectorId: S1, companyId: cn, firstContactOn: "2023-12-20", planned: "100000000", anchorId: ids.P2,
    history: [["FIRST_CONTACT", "2023-12-31T23:30:00"], ["SIGNED", "2024-01-01T09:00:00"]],
    contracts: [["2024-01-01", "99999999.99"]], rounds: ["2023-12-21", "2023-12-30"],
  });
  ids.P7 = await project({
    owner: officerA, companyId: cn, firstContactOn: "2023-09-01", planned: "300000000", anchorId: ids.P2, eventId: E,
    history: [["FIRST_CONTACT", "2023-09-01"], ["NEGOTIATION", "2024-03-31T23:59:00"], ["SIGNED", "2024-04-01T08:00:00"]],
    contracts: [["2024-04-01", "200000000.00"]],
  });
  ids.P10 = await project({
    owner: officerB, companyId: cn, firstContactOn: "2024-03-01", followUp: "2024-04-10",
    history: [["FIRST_CONTACT", "2024-03-01"], ["INTENT", "2024-03-05"]], rounds: ["2024-03-11"],
  });
  ids.P11 = await project({
    owner: officerB, companyId: cn, firstContactOn: "2024-02-01", followUp: "2024-01-01",
    history: [["FIRST_CONTACT", "2024-02-01"], ["LOST", "2024-02-10"]],
  });
  ids.P8 = await project({
    owner: officerV, sectorId: S1, companyId: cn, firstContactOn: "2024-01-01",
    history: [["FIRST_CONTACT", "2024-01-01"], ["SIGNED", "2024-02-01"]], contracts: [["2024-02-01", "700000000.00"]], rounds: ["2024-01-20"],
  });
});

describe("signed in the period (first contract's signed_on in [from, to))", () => {
  it("counts P1 (last day), P2, P4, P6 (first day); not P7 (day after), P5 (last year) nor P4's second contract", async () => {
    const t = await signedTotals(testDb(), managerU, q1());
    expect(t.current).toEqual({ count: 4, cny: "17199999999.99", usd: "20000000.00" });
    expect(t.prior).toEqual({ count: 1, cny: "300000000.00", usd: "1000000.00" });
  });
  it("the next quarter has only P7: P4's re-signing on 04-03 is not a new signing", async () => {
    const t = await signedTotals(testDb(), managerU, { period: quarterPeriod(2024, 2) });
    expect(t.current).toEqual({ count: 1, cny: "200000000.00", usd: "0" });
  });
  it("by month, with last year's projects in the same month", async () => {
    const s = await signedSeries(testDb(), managerU, q1());
    expect(s.bucket).toBe("month");
    expect(s.points.map((p) => [p.start.toISOString().slice(0, 10), p.current.count, p.current.cny, p.prior.count, p.prior.cny])).toEqual([
      ["2024-01-01", 1, "99999999.99", 0, "0"],
      ["2024-02-01", 1, "5000000000.00", 1, "300000000.00"],
      ["2024-03-01", 2, "12100000000.00", 0, "0"],
    ]);
  });
  it("by quarter over a long custom period", async () => {
    const f = parseDashboardFilters({ period: "custom", from: "2022-01-01", to: "2024-12-31", unitId: String(U) });
    const s = await signedSeries(testDb(), managerU, f);
    expect(s.bucket).toBe("quarter");
    expect(s.points).toHaveLength(12);
    const q = (start: string) => s.points.find((p) => p.start.toISOString().startsWith(start))!.current;
    expect(q("2023-01-01")).toEqual({ count: 1, cny: "300000000.00", usd: "1000000.00" });
    expect(q("2024-01-01").count).toBe(4);
    expect(q("2024-04-01")).toEqual({ count: 1, cny: "200000000.00", usd: "0" });
    // A period longer than a year overlaps its own year-earlier period: P5 (2023-02-10) is in both.
    expect(s.points.find((p) => p.start.toISOString().startsWith("2024-01-01"))!.prior).toEqual({ count: 1, cny: "300000000.00", usd: "1000000.00" });
    const totals = await signedTotals(testDb(), managerU, f);
    expect(totals.current.count).toBe(6);
    expect(totals.prior.count).toBe(1);
  });
  it("by sector, unit and investor country; yuan and dollars apart", async () => {
    const db = testDb();
    const sectors = await signedBySector(db, managerU, q1());
    expect(sectors.map((r) => [r.id, r.count, r.cny, r.usd])).toEqual([
      [S2, 2, "17000000000.00", "20000000.00"],
      [S1, 2, "199999999.99", "0"],
    ]);
    const units = await signedByUnit(db, managerU, q1());
    expect(units.map((r) => [r.id, r.count, r.cny])).toEqual([[U, 4, "17199999999.99"]]);
    const countries = await signedByCountry(db, managerU, q1());
    expect(countries.map((r) => [r.countryCode, r.count, r.cny, r.usd])).toEqual([
      ["CN", 3, "12199999999.99", "0"],
      ["US", 1, "5000000000.00", "20000000.00"],
    ]);
  });
  it("size bands: exactly 100,000,000.00 and exactly 5,000,000,000.00 are in; 99,999,999.99 is not; bands are cumulative", async () => {
    const bands = await sizeBands(testDb(), managerU, q1());
    expect(bands.map((b) => [b.min, b.count, b.cny])).toEqual([
      ["100000000", 3, "17100000000.00"],
      ["5000000000", 2, "17000000000.00"],
      ["10000000000", 1, "12000000000.00"],
    ]);
  });
});

describe("conversion funnel", () => {
  it("reached: the furthest forward stage each project moved into in the period (Beijing days)", async () => {
    const f = await getFunnel(testDb(), managerU, q1());
    expect(f.stages.map((s) => [s.stage, s.reached])).toEqual([
      ["FIRST_CONTACT", 9],
      ["INTENT", 8],
      ["NEGOTIATION", 7],
      ["SIGNED", 5],
      ["CONSTRUCTION", 2],
      ["OPERATING", 0],
    ]);
  });
  it("cohorts entering a stage in the period and how many moved further (by now): moving back, lost and revived", async () => {
    const f = await getFunnel(testDb(), managerU, q1());
    expect(f.stages.map((s) => [s.stage, s.entered, s.converted])).toEqual([
      ["FIRST_CONTACT", 3, 2],
      ["INTENT", 4, 3],
      ["NEGOTIATION", 5, 4],
      ["SIGNED", 4, 1],
      ["CONSTRUCTION", 2, 1],
      ["OPERATING", 0, 0],
    ]);
    expect(f.stages[1].rate).toBe(0.75);
    expect(f.stages[5].rate).toBeNull();
    expect(f.lost).toBe(2);
    expect(f.onHold).toBe(0);
  });
  it("medians: days first contact → signing, rounds to signing, days signing → construction", async () => {
    const f = await getFunnel(testDb(), managerU, q1());
    // days to sign: P6 12, P4 67, P1 151, P2 259 → (67 + 151) / 2
    expect(f.signed).toBe(4);
    expect(f.medianDaysToSign).toBe(109);
    // rounds held on or before signing: P4 0, P2 2, P6 2, P1 3 (not the round after signing)
    expect(f.medianRoundsToSign).toBe(2);
    // first starts in the period: P2 34 days after signing, P5 339
    expect(f.started).toBe(2);
    expect(f.medianDaysToStart).toBe(186.5);
  });
});

describe("delivery after signing", () => {
  it("the signed cohort's starts and funds, and the period's flows per currency", async () => {
    const r = await getDelivery(testDb(), managerU, q1());
    expect(r).toEqual({
      signed: 4,
      signedCny: "17199999999.99",
      signedUsd: "20000000.00",
      started: 1,
      funded: 1,
      startedRate: 0.25,
      fundedRate: 0.25,
      cohortFundsCny: "300000000.00",
      cohortFundsUsd: "6000000.00",
      startsInPeriod: 2,
      fundsInPeriodCny: "350000000.00",
      fundsInPeriodUsd: "5000000.00",
      fundedProjectsInPeriod: 2,
    });
  });
});

describe("what may sign next (the open pipeline today)", () => {
  it("counts projects now in intent and negotiation whatever the period, and lists the largest in negotiation", async () => {
    const db = testDb();
    const p = await getPipeline(db, managerU, q1());
    // Now in INTENT: P10 (no planned amount); in NEGOTIATION: P3 (200m). P4 went back to NEG but signed again.
    expect(p.byStage).toEqual([
      { stage: "INTENT", count: 1, plannedCny: "0", plannedUsd: "0" },
      { stage: "NEGOTIATION", count: 1, plannedCny: "200000000.00", plannedUsd: "0" },
    ]);
    expect(p.closest.map((c) => [c.id, c.plannedCny, c.roundCount])).toEqual([[ids.P3, "200000000.00", 1]]);
    expect((await getPipeline(db, managerU, { period: quarterPeriod(2020, 1) })).byStage).toEqual(p.byStage);
    // Scope: officer A's own work holds neither; manager V sees none of U's.
    expect((await getPipeline(db, officerA, withOwnWork(officerA, q1()))).byStage.map((r) => r.count)).toEqual([0, 0]);
    expect((await getPipeline(db, managerV, q1())).closest).toEqual([]);
  });
});

describe("work", () => {
  it("rounds in the period per ISO week, per owner and per unit, next to the projects each holds", async () => {
    const w = await getWork(testDb(), managerU, q1(), NOW);
    expect(w.roundsTotal).toBe(6);
    expect(w.byWeek.map((r) => [r.week.toISOString().slice(0, 10), r.rounds])).toEqual([
      ["2024-01-08", 1],
      ["2024-01-15", 1],
      ["2024-02-05", 1],
      ["2024-02-12", 1],
      ["2024-02-26", 1],
      ["2024-03-11", 1],
    ]);
    expect(w.byOwner.map((r) => [r.id, r.rounds, r.projects])).toEqual([
      [officerA.id, 4, 5], // P1, P2, P5, P6, P7
      [officerB.id, 2, 4], // P3, P4, P10, P11
    ]);
    expect(w.byUnit.map((r) => [r.id, r.rounds, r.projects])).toEqual([[U, 6, 9]]);
    // Filtered by sector, rounds are counted from negotiation_round itself: S1 holds P1 (01-15, 03-01) and P3 (02-15).
    const s1 = await getWork(testDb(), managerU, q1({ sectorId: S1 }), NOW);
    expect(s1.byOwner.map((r) => [r.id, r.rounds])).toEqual([
      [officerA.id, 2],
      [officerB.id, 1],
    ]);
  });
  it("stalled: past the default 30-day limit, 30 and 60 days past it (exactly 30 days counts), and overdue follow-ups as of today", async () => {
    const w = await getWork(testDb(), managerU, q1(), NOW);
    expect(w.today.toISOString().slice(0, 10)).toBe("2024-04-10");
    // 30: P3 (02-15), P4 (none, FC 01-03), P6 (12-30), P7 (none, FC 2023-09-01), P10 (03-11, exactly 30)
    expect(w.stalled).toEqual([
      { days: 0, count: 5 },
      { days: 30, count: 3 },
      { days: 60, count: 3 },
    ]);
    // P2 (04-09, under construction) and P3 (03-01); not P10 (today) nor P11 (lost)
    expect(w.overdue).toBe(2);
  });
});

describe("chains and events", () => {
  it("per anchor: chain projects drawn by the period's end, their planned and contracted value", async () => {
    const chains = await getChains(testDb(), managerU, q1());
    expect(chains).toEqual([
      { anchorId: ids.P2, title: expect.any(String), inScope: true, drawn: 3, plannedCny: "600000000.00", signed: 1, contractedCny: "99999999.99", contractedUsd: "0" },
    ]);
  });
  it("per event in the period: leads, signed and signed value", async () => {
    const events = await getEvents(testDb(), managerU, q1());
    expect(events.map((e) => [e.id, e.leads, e.signed, e.signedCny])).toEqual([[E, 2, 2, "12200000000.00"]]);
  });
});

describe("scope per role", () => {
  it("an admin and the city manager filtered to unit U see what U's manager sees", async () => {
    const db = testDb();
    const base = await getDashboard(db, managerU, q1(), NOW);
    for (const who of [admin, cityManager]) {
      const other = await getDashboard(db, who, q1({ unitId: U }), NOW);
      expect(other.signed.totals).toEqual(base.signed.totals);
      expect(other.funnel).toEqual(base.funnel);
      expect(other.work.stalled).toEqual(base.work.stalled);
      expect(other.chains).toEqual(base.chains);
    }
  });
  it("U's manager does not see V's project; V's manager sees only it", async () => {
    const db = testDb();
    const v = await signedTotals(db, managerV, q1());
    expect(v.current).toEqual({ count: 1, cny: "700000000.00", usd: "0" });
    const vInU = await signedTotals(db, managerV, q1({ unitId: U }));
    expect(vInU.current.count).toBe(0);
    const uInV = await signedTotals(db, managerU, q1({ unitId: V }));
    expect(uInV.current.count).toBe(0);
  });
  it("an officer's dashboard is their own work (their unit's scope and an owner filter); another owner named shows that one's, as the list does", async () => {
    const db = testDb();
    const own = (who: Actor) => withOwnWork(who, q1());
    const a = await signedTotals(db, officerA, own(officerA));
    expect(a.current).toEqual({ count: 3, cny: "5199999999.99", usd: "20000000.00" });
    const b = await signedTotals(db, officerB, own(officerB));
    expect(b.current).toEqual({ count: 1, cny: "12000000000.00", usd: "0" });
    expect((await signedTotals(db, officerB, withOwnWork(officerB, q1({ ownerId: officerA.id })))).current).toEqual(a.current);
    // The scope is the unit: without the owner filter, an officer counts what U's manager counts, and never V's.
    expect((await signedTotals(db, officerA, q1())).current).toEqual((await signedTotals(db, managerU, q1())).current);
    expect((await signedTotals(db, officerA, q1({ unitId: V }))).current.count).toBe(0);
    const events = await getEvents(db, officerA, own(officerA));
    expect(events.map((e) => [e.id, e.leads, e.signed, e.signedCny])).toEqual([[E, 1, 1, "200000000.00"]]);
    // B's own chain project P3 hangs on A's anchor P2: counted for B, and P2 (same unit) keeps its title.
    const chains = await getChains(db, officerB, own(officerB));
    expect(chains.map((c) => [c.anchorId, c.drawn, c.signed, c.inScope])).toEqual([[ids.P2, 1, 0, true]]);
    const work = await getWork(db, officerB, own(officerB), NOW);
    expect(work.byOwner.map((r) => r.id)).toEqual([officerB.id]);
  });
  it("an admin's owner, sector and chain filters", async () => {
    const db = testDb();
    expect((await signedTotals(db, admin, q1({ ownerId: officerA.id }))).current.count).toBe(3);
    expect((await signedTotals(db, admin, q1({ unitId: U, sectorId: S1 }))).current.cny).toBe("199999999.99");
    expect((await signedTotals(db, admin, q1({ chainId: C1 }))).current).toEqual({ count: 1, cny: "100000000.00", usd: "0" });
  });
});
