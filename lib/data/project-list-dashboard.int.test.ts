/**
 * Every dashboard number that links to the project list opens exactly the
 * projects it counts: the link the dashboard builds (projectsLink), read by the
 * list's own URL schema (ZProjectQuery), gives listProjects a total equal to
 * the dashboard function's number — for the same user, scope and filters.
 *
 * Own data set in two fresh units (U, and V for scope). The period is 2024-Q1
 * = [2024-01-01, 2024-04-01); "now" is 2024-04-10 noon in Shanghai, so the
 * stalled cut-offs are 30: 2024-03-11, 60: 2024-02-10, 90: 2024-01-11.
 *  P1 A S1 CN  SIGNED; contract 03-31 100,000,000.00 (band edge); planned 1 yuan; last round 03-01 (stalled 30).
 *  P2 A S2 US  CONSTRUCTION; TWO contracts on 02-15: the first (lower id) 50,000,000.00, then 6,000,000,000.00
 *              → the first contract is the 50m one (not in any band); first start 03-20.
 *  P3 B S1 DE  NEGOTIATION; no contract, planned 20,000,000,000 (the planned amount is not the band's); FC 2023-12-01,
 *              no round (stalled 30/60/90).
 *  P4 B S2 CN  SIGNED; contracts 03-10 12,000,000,000.00 and 04-03 999,000,000.00 (re-signing); FC 01-03, no round
 *              (stalled 30/60/90).
 *  P5 A S1 CN  OPERATING; contract 2023-02-10 (last year); starts 2024-01-15 and 2024-02-01 (first in the period).
 *  P6 A S1 CN  CONSTRUCTION; contract 2023-11-01; starts 2023-12-20 (first, before) and 02-01: not a start in the period.
 *  P7 A -  CN  SIGNED; contract 04-01 (after the period); last round 03-11 (exactly 30 days: stalled 30).
 *  P9 A S1 CN  LOST since 2023; FC 2023-01-01: a closed stage is never stalled.
 *  P8 (unit V, its own officer) S1 CN: contract 02-01 700,000,000.00, NEGOTIATION since 2023: only scope sees it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActors } from "@/lib/data/dashboard/actors.test-helpers";
import type { Stage } from "@/lib/generated/prisma/enums";
import { type DashboardFilters } from "@/lib/validation/dashboard";
import { quarterPeriod } from "@/lib/domain/period";
import { ZProjectQuery } from "@/lib/validation/project";
import { listProjects } from "@/lib/data/project-list";
import { projectsLink } from "@/components/dashboard/links";
import { getDelivery, getWork, signedByCountry, signedBySector, signedByUnit, signedTotals, sizeBands, type Actor } from "@/lib/data/dashboard";

const NOW = new Date("2024-04-10T04:00:00Z");
const Q1 = quarterPeriod(2024, 1);
const d = (s: string) => new Date(`${s}T00:00:00Z`);

type Spec = {
  owner: Actor;
  sectorId?: number;
  companyId: number;
  stage: Stage;
  firstContactOn: string;
  planned?: string;
  contracts?: [string, string][];
  starts?: string[];
  lastRoundOn?: string;
};

let kindId: number;
async function project(spec: Spec) {
  const db = testDb();
  const p = await db.project.create({
    data: {
      companyId: spec.companyId,
      title: `列表看板${uniq()}`,
      unitId: spec.owner.unitId,
      ownerId: spec.owner.id,
      sectorId: spec.sectorId,
      stage: spec.stage,
      firstContactOn: d(spec.firstContactOn),
      plannedInvestmentCny: spec.planned,
      lastRoundOn: spec.lastRoundOn ? d(spec.lastRoundOn) : null,
    },
  });
  // One at a time: a contract's id order is part of the "first contract" rule.
  for (const [on, cny] of spec.contracts ?? []) {
    await db.contract.create({ data: { projectId: p.id, signedOn: d(on), contractedInvestmentCny: cny, agreementKindId: kindId, createdById: spec.owner.id } });
  }
  for (const on of spec.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: spec.owner.id } });
  return p.id;
}

let U: number;
let managerU: Actor, officerA: Actor, officerB: Actor, managerV: Actor, admin: Actor, cityManager: Actor;
let S1: number;

beforeAll(async () => {
  const db = testDb();
  let officerV: Actor, V: number;
  ({ U, V, managerU, officerA, officerB, managerV, officerV, admin, cityManager } = await makeDashboardActors());
  const s = uniq();
  const ref = (kind: "SECTOR" | "AGREEMENT_KIND", code: string) =>
    db.referenceItem.create({ data: { kind, code: `${code}-${s}`, nameZh: `${code}${s}`, nameEn: `${code} ${s}` } });
  S1 = (await ref("SECTOR", "ls1")).id;
  const S2 = (await ref("SECTOR", "ls2")).id;
  kindId = (await ref("AGREEMENT_KIND", "lk")).id;
  const company = (cc: string) => db.company.create({ data: { nameZh: `列表企业${cc}${uniq()}`, countryCode: cc, ownershipType: "PRIVATE" } }).then((c) => c.id);
  const [cn, us, de] = [await company("CN"), await company("US"), await company("DE")];

  await project({ owner: officerA, sectorId: S1, companyId: cn, stage: "SIGNED", firstContactOn: "2023-11-01", planned: "1", contracts: [["2024-03-31", "100000000.00"]], lastRoundOn: "2024-03-01" });
  await project({
    owner: officerA, sectorId: S2, companyId: us, stage: "CONSTRUCTION", firstContactOn: "2023-06-01",
    contracts: [["2024-02-15", "50000000.00"], ["2024-02-15", "6000000000.00"]], starts: ["2024-03-20"], lastRoundOn: "2024-02-10",
  });
  await project({ owner: officerB, sectorId: S1, companyId: de, stage: "NEGOTIATION", firstContactOn: "2023-12-01", planned: "20000000000" });
  await project({ owner: officerB, sectorId: S2, companyId: cn, stage: "SIGNED", firstContactOn: "2024-01-03", contracts: [["2024-03-10", "12000000000.00"], ["2024-04-03", "999000000.00"]] });
  await project({ owner: officerA, sectorId: S1, companyId: cn, stage: "OPERATING", firstContactOn: "2022-10-01", contracts: [["2023-02-10", "300000000.00"]], starts: ["2024-01-15", "2024-02-01"] });
  await project({ owner: officerA, sectorId: S1, companyId: cn, stage: "CONSTRUCTION", firstContactOn: "2023-01-01", contracts: [["2023-11-01", "400000000.00"]], starts: ["2023-12-20", "2024-02-01"] });
  await project({ owner: officerA, companyId: cn, stage: "SIGNED", firstContactOn: "2023-09-01", contracts: [["2024-04-01", "200000000.00"]], lastRoundOn: "2024-03-11" });
  await project({ owner: officerA, sectorId: S1, companyId: cn, stage: "LOST", firstContactOn: "2023-01-01" });
  await project({ owner: officerV, sectorId: S1, companyId: cn, stage: "NEGOTIATION", firstContactOn: "2023-01-01", contracts: [["2024-02-01", "700000000.00"]] });
});

/** The list's total for the dashboard link `href`, as the list page reads it. */
async function listTotal(who: Actor, href: string): Promise<number> {
  const params = Object.fromEntries(new URL(href, "http://x").searchParams);
  const list = await listProjects(testDb(), who, ZProjectQuery.parse(params), NOW);
  return list.total;
}

type Pair = { what: string; dashboard: number; list: number };

/** Each linked number of the signed, size band, delivery and stalled sections next to its list's total. */
async function pairs(who: Actor, filters: DashboardFilters): Promise<Pair[]> {
  const db = testDb();
  const link = projectsLink(who, filters);
  const out: Pair[] = [];
  const add = async (what: string, dashboard: number, href: string) => out.push({ what, dashboard, list: await listTotal(who, href) });

  await add("signed", (await signedTotals(db, who, filters)).current.count, link({ within: "signed" }));
  for (const r of await signedBySector(db, who, filters)) if (r.id) await add(`sector ${r.id}`, r.count, link({ within: "signed", sectorId: r.id }));
  for (const r of await signedByUnit(db, who, filters)) await add(`unit ${r.id}`, r.count, link({ within: "signed", unitId: r.id ?? undefined }));
  for (const r of await signedByCountry(db, who, filters)) await add(`country ${r.countryCode}`, r.count, link({ within: "signed", countryCode: r.countryCode.trim() }));
  for (const b of await sizeBands(db, who, filters)) await add(`band ${b.min}`, b.count, link({ within: "signed", minSignedCny: b.min }));
  await add("starts", (await getDelivery(db, who, filters)).startsInPeriod, link({ within: "started" }));
  for (const s of (await getWork(db, who, filters, NOW)).stalled) await add(`stalled ${s.days}`, s.count, link({ stalled: s.days }));
  return out;
}

const agree = (ps: Pair[]) => expect(ps.map((p) => [p.what, p.list])).toEqual(ps.map((p) => [p.what, p.dashboard]));
const numbers = (ps: Pair[]) => Object.fromEntries(ps.map((p) => [p.what, p.dashboard]));

describe("dashboard number → project list: the same projects", () => {
  it("U's county manager: every linked number equals the list's total (and the numbers are the ones built in)", async () => {
    const ps = await pairs(managerU, { period: Q1 });
    agree(ps);
    expect(numbers(ps)).toMatchObject({
      signed: 3,
      [`sector ${S1}`]: 1,
      [`unit ${U}`]: 3,
      "country CN": 2,
      "country US": 1,
      "band 100000000": 2,
      "band 5000000000": 1,
      "band 10000000000": 1,
      starts: 2,
      "stalled 30": 4,
      "stalled 60": 2,
      "stalled 90": 2,
    });
  });

  it("with the dashboard's sector filter, the links keep it", async () => {
    const ps = await pairs(managerU, { period: Q1, sectorId: S1 });
    agree(ps);
    expect(numbers(ps)).toMatchObject({ signed: 1, "band 100000000": 1, starts: 1, "stalled 30": 2, "stalled 90": 1 });
  });

  it("an officer: their own projects only (the dashboard's scope), though the list shows the whole unit", async () => {
    const a = await pairs(officerA, { period: Q1 });
    agree(a);
    expect(numbers(a)).toMatchObject({ signed: 2, "band 100000000": 1, starts: 2, "stalled 30": 2, "stalled 90": 0 });
    const b = await pairs(officerB, { period: Q1 });
    agree(b);
    expect(numbers(b)).toMatchObject({ signed: 1, "band 10000000000": 1, starts: 0, "stalled 30": 2, "stalled 90": 2 });
  });

  it("an admin and the city manager, filtered to unit U, see what U's manager sees; V's manager sees only V", async () => {
    const base = numbers(await pairs(managerU, { period: Q1 }));
    for (const who of [admin, cityManager]) {
      const ps = await pairs(who, { period: Q1, unitId: U });
      agree(ps);
      expect(numbers(ps)).toEqual(base);
    }
    const v = await pairs(managerV, { period: Q1 });
    agree(v);
    expect(numbers(v)).toMatchObject({ signed: 1, "band 100000000": 1, starts: 0, "stalled 90": 1 });
  });

  it("another period: P7 and not P4's re-signing in Q2", async () => {
    const ps = await pairs(managerU, { period: quarterPeriod(2024, 2) });
    agree(ps);
    expect(numbers(ps)).toMatchObject({ signed: 1, "band 100000000": 1 });
  });
});

describe("the new list filters combine with the others", () => {
  it("signed in the period with search, stage and paging; stalled with an owner", async () => {
    const q = (params: Record<string, string>) => listProjects(testDb(), managerU, ZProjectQuery.parse(params), NOW);
    const signed = { signedFrom: "2024-01-01", signedTo: "2024-04-01" };
    expect((await q({ ...signed, stage: "SIGNED" })).total).toBe(2);
    expect((await q({ ...signed, q: "列表看板", sort: "amount" })).total).toBe(3);
    expect((await q({ ...signed, page: "2" })).rows).toEqual([]);
    expect((await q({ stalled: "30", ownerId: String(officerB.id) })).total).toBe(2);
    // Only one end of a range: open on the other side.
    expect((await q({ signedFrom: "2024-03-01", unitId: String(U) })).total).toBe(3);
    expect((await q({ signedTo: "2024-01-01", unitId: String(U) })).total).toBe(2);
    // The band alone (any date), against the first contract: P1, P4, P5, P6, P7 — not P2 nor P3's planned 20bn.
    expect((await q({ minSignedCny: "100000000" })).total).toBe(5);
    expect((await q({ minAmount: "100000000" })).total).toBe(1);
  });
});
