/**
 * Every dashboard number that links to the project list opens exactly the
 * projects it counts, for every role.
 *
 * Generated from the dashboard's own list of linked numbers
 * (linkedNumbers in components/dashboard/links.ts, which the sections render:
 * a new linked number is covered without touching this file). For each
 * number, its link's query is read by the list's parser (fromSearchParams)
 * and every page of listProjects is collected; the test asserts
 *   - the list's total and its rows' count equal the dashboard's number, and
 *   - the list's ids equal the ids an independent model of this file's data
 *     (`expected`, written from the definitions, not from the SQL) picks for
 *     the number's filter and the user's scope
 * so neither side may drift, nor both together. A last test renders the
 * sections and checks that every link to the list they show is one of these
 * numbers (a section cannot add a link of its own that this file would miss).
 *
 * Own data set in two fresh units (U, and V for scope). The period is 2024-Q1
 * = [2024-01-01, 2024-04-01); "now" is 2024-04-10 noon in Shanghai, so the
 * stalled cut-offs are 30: 2024-03-11, 60: 2024-02-10, 90: 2024-01-11.
 * Stage changes are in Beijing time.
 *  P1  A S1 CN  SIGNED; contract 03-31 100,000,000.00 (band edge); last round 03-01 (stalled 30); follow-up 04-09 (overdue); event E;
 *               moves INTENT 01-05, NEGOTIATION 02-01, SIGNED 03-31.
 *  P2  A S2 US  CONSTRUCTION; TWO contracts on 02-15: the first (lower id) 50,000,000.00, then 6,000,000,000.00; first start 03-20;
 *               moves SIGNED 02-15, CONSTRUCTION 03-20.
 *  P3  B S1 DE  NEGOTIATION; no contract, planned 20,000,000,000; FC 2023-12-01, no round (stalled 30/60/90); follow-up 04-10
 *               (today: not overdue); event E; moves INTENT 2023-12-15 (before), NEGOTIATION 01-20.
 *  P4  B S2 CN  SIGNED; contracts 03-10 12,000,000,000.00 and 04-03 999,000,000.00 (re-signing); FC 01-03, no round;
 *               moves FIRST_CONTACT 01-03, SIGNED 03-10, ON_HOLD 04-01 00:30 (after the period), SIGNED 04-05.
 *  P5  A S1 CN  OPERATING; contract 2023-02-10; starts 01-15 and 02-01 (first in the period); moves CONSTRUCTION 01-15, OPERATING 03-01.
 *  P6  A S1 CN  CONSTRUCTION; contract 2023-11-01; starts 2023-12-20 (first, before) and 02-01: not a start in the period.
 *  P7  A -  CN  SIGNED; contract 04-01 (after); last round 03-11 (exactly 30 days); follow-up 03-01 (overdue);
 *               moves NEGOTIATION 03-31 23:59:59 (in the period), SIGNED 04-01.
 *  P9  A S1 CN  LOST, FC 2023-01-01, follow-up 01-01 (closed: neither stalled nor overdue); moves LOST 02-10.
 *  P10 B S1 CN  INTENT; FC 02-01; follow-up 03-15 (overdue); event E; moves FIRST_CONTACT 02-01, INTENT 02-20.
 *  P11 A S2 CN  ON_HOLD; FC 2023-05-01; moves ON_HOLD 03-05.
 *  P8  (unit V, its own officer) S1 CN NEGOTIATION since 01-10; contract 02-01 700,000,000.00; follow-up 04-01; event EV (V's).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import en from "@/messages/en";
import { formatCount } from "@/lib/format/numbers";
import { FunnelSection } from "@/components/dashboard/funnel-section";
import { PipelineSection } from "@/components/dashboard/pipeline-section";
import { SignedSection } from "@/components/dashboard/signed-section";
import { BandsSection } from "@/components/dashboard/bands-section";
import { DeliverySection } from "@/components/dashboard/delivery-section";
import { WorkSection } from "@/components/dashboard/work-section";
import { ChainsSection } from "@/components/dashboard/chains-section";
import { EventsSection } from "@/components/dashboard/events-section";
import { TargetsSection } from "@/components/dashboard/targets-section";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActors } from "@/lib/data/dashboard/actors.test-helpers";
import type { CommitmentKind, Stage } from "@/lib/generated/prisma/enums";
import { fromSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";
import { seesAllUnits } from "@/lib/domain/scope";
import { listProjects } from "@/lib/data/project-list";
import { dashboardFiltersFor, linkedNumbers, type LinkedNumber } from "@/components/dashboard/links";
import { getDashboard, type Actor, type Dashboard } from "@/lib/data/dashboard";
import { CLOSED_STAGES, FORWARD_STAGES, STALL_LIMITS, STALL_STAGES, isStalled } from "@/lib/domain/stages";
import { isoDay } from "@/lib/domain/period";
import { fulfilled, isDue, isMet, isPastDeadline, type DeliverySet, parseFigureSet } from "@/lib/domain/delivery-rates";
import { DeliveryRatesSection } from "@/components/dashboard/delivery-rates-section";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

const NOW = new Date("2024-04-10T04:00:00Z");
const TODAY = new Date("2024-04-10T00:00:00Z");
const Q1 = { period: "quarter", quarter: "2024-Q1" };
const d = (s: string) => new Date(`${s}T00:00:00Z`);
/** A Beijing wall-clock time ("2024-03-31T23:59:59" or a bare day) as an instant. */
const bj = (s: string) => new Date(`${s.length === 10 ? `${s}T00:00:00` : s}+08:00`);

type Spec = {
  owner: Actor;
  sectorId?: number;
  companyId: number;
  country: string;
  history: [Stage, string][];
  firstContactOn: string;
  planned?: string;
  contracts?: [string, string][];
  starts?: string[];
  lastRoundOn?: string;
  followUp?: string;
  eventId?: number;
  /** Milestone promises (kind, due), actuals (kind, reported on), funds in place (received on, currency). */
  promises?: [CommitmentKind, string][];
  actuals?: [CommitmentKind, string][];
  funds?: [string, "CNY" | "USD"][];
};

/** What the model knows of a project: the facts the definitions read. */
type Fact = {
  id: number;
  unitId: number;
  ownerId: number;
  sectorId: number | null;
  country: string;
  eventId: number | null;
  stage: Stage;
  firstContract: { on: Date; cny: number } | null;
  firstStart: Date | null;
  moves: { at: Date; to: Stage }[];
  lastActivity: Date;
  followUp: Date | null;
  milestones: { kind: CommitmentKind; dueOn: Date }[];
  actuals: { kind: CommitmentKind; on: Date }[];
  funds: { on: Date; currency: "CNY" | "USD" }[];
};
const facts: Fact[] = [];

let kindId: number;
async function project(spec: Spec) {
  const db = testDb();
  const stage = spec.history[spec.history.length - 1][0];
  const p = await db.project.create({
    data: {
      companyId: spec.companyId,
      title: `列表看板${uniq()}`,
      unitId: spec.owner.unitId,
      ownerId: spec.owner.id,
      sectorId: spec.sectorId,
      stage,
      firstContactOn: d(spec.firstContactOn),
      plannedInvestmentCny: spec.planned,
      lastRoundOn: spec.lastRoundOn ? d(spec.lastRoundOn) : null,
      nextFollowUpOn: spec.followUp ? d(spec.followUp) : null,
      eventId: spec.eventId,
    },
  });
  await db.stageChange.createMany({
    data: spec.history.map(([to, at], i) => ({ projectId: p.id, fromStage: i ? spec.history[i - 1][0] : null, toStage: to, changedById: spec.owner.id, changedAt: bj(at) })),
  });
  // One at a time: a contract's id order is part of the "first contract" rule.
  const contractIds: number[] = [];
  for (const [on, cny] of spec.contracts ?? []) {
    contractIds.push((await db.contract.create({ data: { projectId: p.id, signedOn: d(on), contractedInvestmentCny: cny, agreementKindId: kindId, createdById: spec.owner.id } })).id);
  }
  for (const [kind, due] of spec.promises ?? []) await db.commitment.create({ data: { projectId: p.id, contractId: contractIds[0], kind, dueOn: d(due), createdById: spec.owner.id } });
  for (const [kind, on] of spec.actuals ?? []) await db.commitmentActual.create({ data: { projectId: p.id, kind, reportedOn: d(on), createdById: spec.owner.id } });
  for (const [on, currency] of spec.funds ?? []) await db.fundsInPlace.create({ data: { projectId: p.id, receivedOn: d(on), currency, amount: "100.00", createdById: spec.owner.id } });
  for (const on of spec.starts ?? []) await db.constructionStart.create({ data: { projectId: p.id, startedOn: d(on), createdById: spec.owner.id } });
  const firstContract = [...(spec.contracts ?? [])].sort((a, b) => a[0].localeCompare(b[0]))[0]; // a stable sort keeps the lower id first on a tie
  facts.push({
    id: p.id,
    unitId: spec.owner.unitId,
    ownerId: spec.owner.id,
    sectorId: spec.sectorId ?? null,
    country: spec.country,
    eventId: spec.eventId ?? null,
    stage,
    firstContract: firstContract ? { on: d(firstContract[0]), cny: Number(firstContract[1]) } : null,
    firstStart: spec.starts?.length ? d([...spec.starts].sort()[0]) : null,
    moves: spec.history.map(([to, at]) => ({ at: bj(at), to })),
    lastActivity: d(spec.lastRoundOn ?? spec.firstContactOn),
    followUp: spec.followUp ? d(spec.followUp) : null,
    milestones: (spec.promises ?? []).map(([kind, due]) => ({ kind, dueOn: d(due) })),
    actuals: (spec.actuals ?? []).map(([kind, on]) => ({ kind, on: d(on) })),
    funds: (spec.funds ?? []).map(([on, currency]) => ({ on: d(on), currency })),
  });
  return p.id;
}

/** The model of the delivery rates' sets (lib/domain/delivery-rates.ts, its pure rules). */
function inDeliverySet(p: Fact, set: DeliverySet, cutoff: Date): boolean {
  const reachedOn = (kind: CommitmentKind) =>
    kind === "CONSTRUCTION_START" ? p.firstStart : (p.actuals.filter((a) => a.kind === kind).map((a) => a.on).sort((a, b) => a.getTime() - b.getTime())[0] ?? null);
  const due = p.milestones.map((m) => ({ kind: m.kind, dueOn: m.dueOn, reachedOn: reachedOn(m.kind) })).filter((m) => isDue(m, cutoff));
  const funded = (c: "CNY" | "USD") => p.funds.some((x) => x.currency === c && x.on < cutoff);
  const produced = reachedOn("PRODUCTION");
  // Promised against actual: this file's promises are deadlines without values, so no project promised a figure
  // (the figure sets with values are checked on delivery-rates.int.test.ts's hand-made set).
  if (parseFigureSet(set)) return false;
  const rates: Record<string, boolean> = {
    due: due.length > 0,
    met: fulfilled(due, cutoff) === true,
    pastDue: due.some((m) => isPastDeadline(m, cutoff)),
    startDue: due.some((m) => m.kind === "CONSTRUCTION_START"),
    startMet: due.some((m) => m.kind === "CONSTRUCTION_START" && isMet(m)),
    productionDue: due.some((m) => m.kind === "PRODUCTION"),
    productionMet: due.some((m) => m.kind === "PRODUCTION" && isMet(m)),
    producing: produced !== null && produced < cutoff,
    fundedCny: funded("CNY"),
    fundedUsd: funded("USD"),
  };
  return rates[set];
}

/**
 * The model: which of this file's projects a filter picks for `who`, from the
 * definitions as the product states them (lib/domain/scope.ts, project-filter.ts).
 */
function expected(who: Actor, f: Partial<ProjectFilter>): number[] {
  const DAY = 86_400_000;
  const within = (x: Date | null | undefined, from?: Date, to?: Date) => !!x && (!from || x >= from) && (!to || x < to);
  const bjDay = (day: Date) => new Date(day.getTime() - 8 * 3_600_000);
  const pick = (p: Fact) =>
    (seesAllUnits(who) || p.unitId === who.unitId) &&
    (f.unitId === undefined || p.unitId === f.unitId) &&
    (f.ownerId === undefined || p.ownerId === f.ownerId) &&
    (f.sectorId === undefined || p.sectorId === f.sectorId) &&
    (f.eventId === undefined || p.eventId === f.eventId) &&
    (f.countryCode === undefined || p.country === f.countryCode) &&
    (f.stage === undefined || p.stage === f.stage) &&
    (!f.overdue || (p.followUp !== null && p.followUp < TODAY && !(CLOSED_STAGES as readonly Stage[]).includes(p.stage))) &&
    (f.stalled === undefined || isStalled({ stage: p.stage, lastActivityOn: isoDay(p.lastActivity) }, isoDay(TODAY), STALL_LIMITS, f.stalled)) &&
    (!(f.signedFrom || f.signedTo || f.minSignedCny) ||
      (within(p.firstContract?.on, f.signedFrom, f.signedTo) && (f.minSignedCny === undefined || p.firstContract!.cny >= Number(f.minSignedCny)))) &&
    (!(f.startedFrom || f.startedTo) || within(p.firstStart, f.startedFrom, f.startedTo)) &&
    (!f.delivery || inDeliverySet(p, f.delivery, f.deliveryTo ?? new Date(TODAY.getTime() + DAY))) &&
    (!f.reached ||
      p.moves.some((m) => {
        const i = (FORWARD_STAGES as readonly Stage[]).indexOf(f.reached!);
        const into = i < 0 ? m.to === f.reached : (FORWARD_STAGES as readonly Stage[]).indexOf(m.to) >= i;
        return into && within(m.at, f.reachedFrom && bjDay(f.reachedFrom), f.reachedTo && bjDay(f.reachedTo));
      }));
  return facts.filter(pick).map((p) => p.id).sort((a, b) => a - b);
}

let U: number, V: number, S1: number, E: number, EV: number;
let managerU: Actor, officerA: Actor, officerB: Actor, managerV: Actor, officerV: Actor, admin: Actor, cityManager: Actor;

beforeAll(async () => {
  const db = testDb();
  ({ U, V, managerU, officerA, officerB, managerV, officerV, admin, cityManager } = await makeDashboardActors());
  const s = uniq();
  const ref = (kind: "SECTOR" | "AGREEMENT_KIND", code: string) =>
    db.referenceItem.create({ data: { kind, code: `${code}-${s}`, nameZh: `${code}${s}`, nameEn: `${code} ${s}` } });
  S1 = (await ref("SECTOR", "ls1")).id;
  const S2 = (await ref("SECTOR", "ls2")).id;
  kindId = (await ref("AGREEMENT_KIND", "lk")).id;
  E = (await db.promotionEvent.create({ data: { nameZh: `列表推介${s}`, cityZh: "深圳", startsOn: d("2024-02-20"), endsOn: d("2024-02-21"), unitId: U } })).id;
  EV = (await db.promotionEvent.create({ data: { nameZh: `列表推介V${s}`, cityZh: "上海", startsOn: d("2024-03-01"), endsOn: d("2024-03-01"), unitId: V } })).id;
  const company = (cc: string) => db.company.create({ data: { nameZh: `列表企业${cc}${uniq()}`, countryCode: cc, ownershipType: "PRIVATE" } }).then((c) => c.id);
  const [cn, us, de] = [await company("CN"), await company("US"), await company("DE")];
  const CN = { companyId: cn, country: "CN" };

  await project({
    owner: officerA, sectorId: S1, ...CN, firstContactOn: "2023-11-01", planned: "1", contracts: [["2024-03-31", "100000000.00"]], lastRoundOn: "2024-03-01",
    followUp: "2024-04-09", eventId: E, history: [["INTENT", "2024-01-05"], ["NEGOTIATION", "2024-02-01"], ["SIGNED", "2024-03-31"]],
  });
  await project({
    owner: officerA, sectorId: S2, companyId: us, country: "US", firstContactOn: "2023-06-01", lastRoundOn: "2024-02-10",
    contracts: [["2024-02-15", "50000000.00"], ["2024-02-15", "6000000000.00"]], starts: ["2024-03-20"], history: [["SIGNED", "2024-02-15"], ["CONSTRUCTION", "2024-03-20"]],
    promises: [["CONSTRUCTION_START", "2024-03-31"], ["PRODUCTION", "2024-03-01"]], funds: [["2024-03-01", "CNY"], ["2024-04-02", "USD"]],
  });
  await project({
    owner: officerB, sectorId: S1, companyId: de, country: "DE", firstContactOn: "2023-12-01", planned: "20000000000", followUp: "2024-04-10", eventId: E,
    history: [["INTENT", "2023-12-15"], ["NEGOTIATION", "2024-01-20"]],
  });
  await project({
    owner: officerB, sectorId: S2, ...CN, firstContactOn: "2024-01-03", contracts: [["2024-03-10", "12000000000.00"], ["2024-04-03", "999000000.00"]],
    history: [["FIRST_CONTACT", "2024-01-03"], ["SIGNED", "2024-03-10"], ["ON_HOLD", "2024-04-01T00:30:00"], ["SIGNED", "2024-04-05"]],
  });
  await project({
    owner: officerA, sectorId: S1, ...CN, firstContactOn: "2022-10-01", contracts: [["2023-02-10", "300000000.00"]], starts: ["2024-01-15", "2024-02-01"],
    promises: [["PRODUCTION", "2024-02-01"]], actuals: [["PRODUCTION", "2024-01-20"]],
    history: [["CONSTRUCTION", "2024-01-15"], ["OPERATING", "2024-03-01"]],
  });
  await project({
    owner: officerA, sectorId: S1, ...CN, firstContactOn: "2023-01-01", contracts: [["2023-11-01", "400000000.00"]], starts: ["2023-12-20", "2024-02-01"],
    history: [["CONSTRUCTION", "2023-12-20"]],
  });
  await project({
    owner: officerA, ...CN, firstContactOn: "2023-09-01", contracts: [["2024-04-01", "200000000.00"]], lastRoundOn: "2024-03-11", followUp: "2024-03-01",
    history: [["NEGOTIATION", "2024-03-31T23:59:59"], ["SIGNED", "2024-04-01"]],
  });
  await project({ owner: officerA, sectorId: S1, ...CN, firstContactOn: "2023-01-01", followUp: "2024-01-01", history: [["LOST", "2024-02-10"]] });
  await project({
    owner: officerB, sectorId: S1, ...CN, firstContactOn: "2024-02-01", followUp: "2024-03-15", eventId: E,
    history: [["FIRST_CONTACT", "2024-02-01"], ["INTENT", "2024-02-20"]],
  });
  await project({ owner: officerA, sectorId: S2, ...CN, firstContactOn: "2023-05-01", history: [["ON_HOLD", "2024-03-05"]] });
  await project({
    owner: officerV, sectorId: S1, ...CN, firstContactOn: "2023-01-01", contracts: [["2024-02-01", "700000000.00"]], followUp: "2024-04-01", eventId: EV,
    history: [["NEGOTIATION", "2024-01-10"]],
  });
});

/** Every project id the list shows for a link, page by page, and the total it reports. */
async function follow(who: Actor, href: string): Promise<{ total: number; ids: number[] }> {
  const filter = fromSearchParams(new URL(href, "http://x").searchParams);
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const list = await listProjects(testDb(), who, { ...filter, page }, NOW);
    total = list.total;
    ids.push(...list.rows.map((r) => r.id));
    if (page >= list.pageCount) break;
  }
  return { total, ids: ids.sort((a, b) => a - b) };
}

type Checked = { key: string; count: number; list: number; listed: number; ids: number[]; expected: number[] };

/** The dashboard `who` sees at `params`, and, for each of its linked numbers, what its link opens. */
async function walk(who: Actor, params: Record<string, string>): Promise<Checked[]> {
  const data = await getDashboard(testDb(), who, dashboardFiltersFor(who, params, NOW), NOW);
  const out: Checked[] = [];
  for (const n of linkedNumbers(data).all) out.push(await check(who, n));
  return out;
}

async function check(who: Actor, n: LinkedNumber): Promise<Checked> {
  const { total, ids } = await follow(who, n.href);
  // 目标完成 shows the city and every unit in the user's scope, whatever the filters: for someone who sees all units its
  // rows other than U's and V's count other test files' projects in the shared database too. Their number must still
  // equal what the list opens; the model can only vouch for this file's projects among them.
  const which = /^target\.[A-Z_0-9]+\.(.+)$/.exec(n.key)?.[1];
  const shared = which !== undefined && which !== String(U) && which !== String(V);
  const own = shared ? ids.filter((id) => facts.some((f) => f.id === id)) : ids;
  return { key: n.key, count: n.count, list: total, listed: ids.length, ids: own, expected: expected(who, fromSearchParams(new URL(n.href, "http://x").searchParams)) };
}

/** Each number equals its list's total and rows, and the rows are the model's projects. */
function agree(checked: Checked[]) {
  expect(checked.map((c) => [c.key, c.list, c.listed, c.ids])).toEqual(checked.map((c) => [c.key, c.count, c.count, c.expected]));
}
const numbers = (checked: Checked[]) => Object.fromEntries(checked.map((c) => [c.key, c.count]));
/** The sections a walk covered, by the first part of their keys. */
const sections = (checked: Checked[]) => [...new Set(checked.map((c) => c.key.split(".")[0]))].sort();
const ALL_SECTIONS = ["band", "event", "funnel", "overdue", "owner", "pipeline", "rates", "signed", "stalled", "starts", "target", "unit"];

describe("dashboard number → project list: the same projects, for every role", () => {
  it("U's county manager: every linked number of every section", async () => {
    const c = await walk(managerU, Q1);
    agree(c);
    expect(sections(c)).toEqual(ALL_SECTIONS);
    // The model is checked against numbers worked out by hand, so it cannot drift with the code either.
    expect(numbers(c)).toMatchObject({
      signed: 3,
      [`signed.sector.${S1}`]: 1,
      [`signed.unit.${U}`]: 3,
      "signed.country.CN": 2,
      "signed.country.US": 1,
      "band.100000000": 2,
      "band.5000000000": 1,
      "band.10000000000": 1,
      starts: 2,
      "funnel.FIRST_CONTACT": 7, // P1 P2 P3 P4 P5 P7 P10 moved in Q1 (P7 at 23:59:59 on 03-31; P4's ON_HOLD at 00:30 on 04-01 is Q2)
      "funnel.INTENT": 7,
      "funnel.NEGOTIATION": 6,
      "funnel.SIGNED": 4,
      "funnel.CONSTRUCTION": 2,
      "funnel.OPERATING": 1,
      "funnel.ON_HOLD": 1,
      "funnel.LOST": 1,
      "pipeline.INTENT": 1,
      "pipeline.NEGOTIATION": 1,
      "stalled.0": 5, // P1 P3 P4 P7 (exactly 30 days: the default limit) P10
      "stalled.30": 3,
      "stalled.60": 2,
      overdue: 3,
      [`owner.${officerA.id}`]: 7,
      [`owner.${officerB.id}`]: 3,
      [`unit.${U}`]: 10,
      [`event.${E}`]: 3,
      // 目标完成: the whole year 2024 of U — first contracts P1, P2, P4, P7 (P2's first is its 50m one: not ≥ 1亿); first starts P2, P5.
      [`target.SIGNED.${U}`]: 4,
      [`target.SIGNED_100M.${U}`]: 3,
      [`target.STARTS.${U}`]: 2,
      // The delivery rates (as of 03-31): P2's start due 03-31 met (03-20), its production due 03-01 past; P5's production met.
      "rates.signed": 3,
      "rates.started": 1,
      "rates.fundedCny": 1,
      "rates.fundedUsd": 0, // received 04-02, after the cutoff
      "rates.producing": 0,
      "rates.due": 2,
      "rates.met": 1,
      "rates.pastDue": 1,
      "rates.startMet": 1,
      "rates.productionDue": 2,
      "rates.productionMet": 1,
    });
  });

  it("an officer: their own work (scope + owner filter), every link carrying the owner", async () => {
    for (const who of [officerA, officerB]) {
      const c = await walk(who, Q1);
      agree(c);
      // 目标完成 is the unit's against the unit's targets (lib/data/targets.ts): its links carry the unit, not the owner.
      const own = c.filter((x) => !x.key.startsWith("target."));
      expect(own.every((x) => x.ids.every((id) => facts.find((f) => f.id === id)!.ownerId === who.id))).toBe(true);
      expect(c.filter((x) => x.key.startsWith("target.")).every((x) => x.ids.every((id) => facts.find((f) => f.id === id)!.unitId === U))).toBe(true);
    }
    const a = numbers(await walk(officerA, Q1));
    expect(a).toMatchObject({ signed: 2, "band.100000000": 1, starts: 2, "stalled.0": 2, "stalled.60": 0, overdue: 2, [`event.${E}`]: 1, "funnel.ON_HOLD": 1 });
    const b = numbers(await walk(officerB, Q1));
    expect(b).toMatchObject({ signed: 1, "band.10000000000": 1, starts: 0, "stalled.0": 3, "stalled.60": 2, overdue: 1, [`event.${E}`]: 2 });
    // An owner the address names wins over the default: a colleague's projects of the same unit, as the list shows them.
    const c = await walk(officerA, { ...Q1, ownerId: String(officerB.id) });
    agree(c);
    expect(numbers(c)).toMatchObject(b);
  });

  it("the city manager and an admin, narrowed to each unit and to a sector, and V's manager and officer", async () => {
    const base = numbers(await walk(managerU, Q1));
    for (const who of [admin, cityManager]) {
      const inU = await walk(who, { ...Q1, unitId: String(U) });
      agree(inU);
      expect(numbers(inU)).toMatchObject(base);
      const inV = await walk(who, { ...Q1, unitId: String(V) });
      agree(inV);
      expect(numbers(inV)).toMatchObject({ signed: 1, "band.100000000": 1, "pipeline.NEGOTIATION": 1, overdue: 1, [`event.${EV}`]: 1 });
      // A sector of this file's own: the whole city, every unit's projects in it.
      const s1 = await walk(who, { ...Q1, sectorId: String(S1) });
      agree(s1);
      expect(numbers(s1)).toMatchObject({ signed: 2, [`signed.unit.${U}`]: 1, [`signed.unit.${V}`]: 1, "pipeline.NEGOTIATION": 2 });
    }
    for (const who of [managerV, officerV]) {
      const v = await walk(who, Q1);
      agree(v);
      expect(numbers(v)).toMatchObject({ signed: 1, "band.100000000": 1, starts: 0, "stalled.60": 1, [`event.${EV}`]: 1 });
    }
  });

  it("another period and a custom one", async () => {
    const q2 = await walk(managerU, { period: "quarter", quarter: "2024-Q2" });
    agree(q2);
    expect(numbers(q2)).toMatchObject({ signed: 1, "band.100000000": 1, "funnel.SIGNED": 2, "funnel.ON_HOLD": 1 });
    const days = await walk(officerA, { period: "custom", from: "2024-03-20", to: "2024-03-31" });
    agree(days);
    expect(numbers(days)).toMatchObject({ signed: 1, starts: 1, "funnel.NEGOTIATION": 3 });
  });
});

/** Every link to the project list the dashboard's sections render, with the number it shows. */
async function renderedListLinks(data: Dashboard): Promise<{ href: string; text: string }[]> {
  const props = { locale: "en" as const, links: linkedNumbers(data) };
  const sections = await Promise.all([
    FunnelSection({ funnel: data.funnel, ...props }),
    PipelineSection({ pipeline: data.pipeline, ...props }),
    SignedSection({ signed: data.signed, ...props }),
    BandsSection({ bands: data.bands, ...props }),
    DeliverySection({ delivery: data.delivery, ...props }),
    DeliveryRatesSection({ deliveryRates: data.deliveryRates, ...props, rank: "fulfilment", rankHref: (rank) => `/dashboard?rank=${rank}` }),
    WorkSection({ work: data.work, ...props, allOfficersHref: null }),
    ChainsSection({ chains: data.chains, locale: "en" }),
    EventsSection({ events: data.events, ...props }),
    TargetsSection({ targets: data.targets, ...props, now: NOW }),
  ]);
  const html = renderToStaticMarkup(createElement(Fragment, null, ...sections));
  return [...html.matchAll(/<a [^>]*href="(\/projects(?:\?[^"]*)?)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: m[1].replaceAll("&amp;", "&"), text: m[2] }));
}

describe("the sections render the linked numbers and no other link to the list", () => {
  it("each rendered link to the list is a linked number, showing its count; every linked number is rendered (the total: by the page's KPI)", async () => {
    for (const who of [managerU, officerA]) {
      const data = await getDashboard(testDb(), who, dashboardFiltersFor(who, Q1, NOW), NOW);
      const listed = linkedNumbers(data).all;
      const rendered = await renderedListLinks(data);
      expect(rendered.length).toBeGreaterThan(20);
      const byHref = new Map(listed.map((n) => [n.href, formatCount(n.count, "en")]));
      expect(rendered.map((r) => [r.href, r.text])).toEqual(rendered.map((r) => [r.href, byHref.get(r.href)]));
      const shown = new Set(rendered.map((r) => r.href));
      // The total (the page's KPI) is also the delivery rates' denominator, rendered there.
      expect(listed.filter((n) => !shown.has(n.href)).map((n) => n.key)).toEqual([]);
    }
  });
});

describe("the list's filters combine with the others", () => {
  it("signed in the period with search, stage and paging; stalled with an owner", async () => {
    const q = (params: Record<string, string>) => listProjects(testDb(), managerU, fromSearchParams(params), NOW);
    const signed = { signedFrom: "2024-01-01", signedTo: "2024-04-01" };
    expect((await q({ ...signed, stage: "SIGNED" })).total).toBe(2);
    expect((await q({ ...signed, q: "列表看板", sort: "amount" })).total).toBe(3);
    expect((await q({ ...signed, page: "2" })).rows).toEqual([]);
    expect((await q({ stalled: "0", ownerId: String(officerB.id) })).total).toBe(3);
    // Only one end of a range: open on the other side.
    expect((await q({ signedFrom: "2024-03-01", unitId: String(U) })).total).toBe(3);
    expect((await q({ signedTo: "2024-01-01", unitId: String(U) })).total).toBe(2);
    // The band alone (any date), against the first contract: P1, P4, P5, P6, P7 — not P2 nor P3's planned 20bn.
    expect((await q({ minSignedCny: "100000000" })).total).toBe(5);
    expect((await q({ minAmount: "100000000" })).total).toBe(1);
    // Reached with a stage filter: moved to INTENT or further in Q1 and now negotiating.
    expect((await q({ reached: "INTENT", reachedFrom: "2024-01-01", reachedTo: "2024-04-01", stage: "NEGOTIATION" })).total).toBe(1);
  });
});
