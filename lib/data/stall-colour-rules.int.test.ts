/**
 * Issue 15: "stalled" by per-stage limits an admin sets, and a project's
 * colour (its worst milestone colour) — each one rule, the same on every screen.
 *
 * Its own database (test/own-database.ts): the limits and thresholds are one
 * row for the whole installation, and the other test files on the shared
 * database count stalled projects by the defaults.
 *
 * "Today" is 2026-06-15 in Shanghai. Stall projects (no rounds: silent since
 * their first contact), in unit U, owned by officer O:
 *   A  INTENT         40 days   stalled by the default 30, not by INTENT = 45
 *   A2 INTENT         35 days   likewise
 *   B  INTENT         45 days   stalled by both (exactly the limit)
 *   C  NEGOTIATION    25 days   stalled only by NEGOTIATION = 20
 *   D  NEGOTIATION    80 days   30 past the default; 60 past NEGOTIATION = 20
 *   E  FIRST_CONTACT  29 days   neither
 *   F  SIGNED        165 days   60+ past by both
 *   G  CONSTRUCTION  long ago   never (not a stall stage)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import { testDb } from "@/test/factories";
import { makeActor, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";
import { listProjects } from "@/lib/data/project-list";
import { getMyWork } from "@/lib/data/my-work";
import { cachedDashboard } from "@/lib/data/dashboard/cache";
import { stalledAndOverdue } from "@/lib/data/dashboard";
import { buildReport } from "@/lib/reports/build-report";
import { getPipeline } from "@/lib/data/pipeline";
import { getInstallationSettings, getMilestoneSettings, updateMilestoneSettings } from "@/lib/data/settings";
import { getCommitments, recordCommitment, recordCommitmentActual } from "@/lib/data/commitments";
import { dataVersion } from "@/lib/data/versioned-cache";
import { fromSearchParams } from "@/lib/domain/project-filter";
import { STALL_LIMITS, STALL_STEPS, isStalled, type StallLimits } from "@/lib/domain/stages";
import { projectColour, type MilestoneColour } from "@/lib/domain/milestones";
import { quarterPeriod } from "@/lib/domain/period";
import { ZRecordCommitment, ZRecordCommitmentActual } from "@/lib/validation/commitments";
import type { Stage } from "@/lib/generated/prisma/enums";

const NOW = new Date("2026-06-15T04:00:00Z");
const TODAY = "2026-06-15";
const TODAY_DATE = new Date(`${TODAY}T00:00:00Z`);
const daysAgo = (n: number) => new Date(TODAY_DATE.getTime() - n * 86_400_000).toISOString().slice(0, 10);
const CUSTOM: StallLimits = { FIRST_CONTACT: 30, INTENT: 45, NEGOTIATION: 20, SIGNED: 30 };
const asInput = (l: StallLimits) => ({ stallFirstContact: l.FIRST_CONTACT, stallIntent: l.INTENT, stallNegotiation: l.NEGOTIATION, stallSigned: l.SIGNED });

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;

beforeAll(async () => {
  own = await ownDatabase("crm_test_stalls");
  // testDb() (the factories' client) is made on first use: from here on, on this database.
  process.env.DATABASE_URL = own.url;
});
afterAll(async () => {
  await testDb().$disconnect();
  await own?.dispose();
});

async function saveLimits(admin: TestActor, limits: StallLimits, thresholds = { warnDays: 30, fundsBehindPercent: 20 }) {
  const { version } = await getInstallationSettings(testDb());
  return updateMilestoneSettings(testDb(), admin, { version, ...thresholds, ...asInput(limits) });
}

describe("stalled by per-stage limits: one rule on every screen", () => {
  type Fact = { id: number; stage: Stage; lastActivityOn: string };
  const facts: Fact[] = [];
  let manager: TestActor, officer: TestActor, admin: TestActor;
  const byName: Record<string, number> = {};

  beforeAll(async () => {
    manager = await makeActor("MANAGER");
    officer = await makeActor("OFFICER", manager.unitId);
    admin = await makeActor("ADMIN");
    const rows: [string, Stage[], number][] = [
      ["A", ["INTENT"], 40],
      ["A2", ["INTENT"], 35],
      ["B", ["INTENT"], 45],
      ["C", ["INTENT", "NEGOTIATION"], 25],
      ["D", ["INTENT", "NEGOTIATION"], 80],
      ["E", [], 29],
      ["F", ["INTENT", "NEGOTIATION", "SIGNED"], 165],
      ["G", ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], 400],
    ];
    for (const [name, path, silent] of rows) {
      const p = await makeProject(officer, { path, firstContactOn: daysAgo(silent), contractOn: daysAgo(silent - 5), startedOn: daysAgo(silent - 10) });
      byName[name] = p.id;
      facts.push({ id: p.id, stage: p.stage, lastActivityOn: daysAgo(silent) });
    }
  });

  const domainIds = (limits: StallLimits, step: (typeof STALL_STEPS)[number]) =>
    facts.filter((f) => isStalled(f, TODAY, limits, step)).map((f) => f.id).sort((a, b) => a - b);
  const names = (ids: number[]) => ids.map((id) => Object.keys(byName).find((k) => byName[k] === id)).sort();

  /** Every screen's stalled numbers for the manager's unit, as of TODAY. */
  async function screens() {
    const db = testDb();
    const list = async (step: number) => (await listProjects(db, manager, fromSearchParams({ stalled: String(step) }), NOW)).rows.map((r) => r.id).sort((a, b) => a - b);
    const filters = { period: quarterPeriod(2026, 2) };
    const [dashboard, direct, work, report] = await Promise.all([
      cachedDashboard(db, manager, filters, { now: NOW }),
      stalledAndOverdue(db, manager, filters, NOW),
      getMyWork(db, manager, { view: "unit", today: TODAY_DATE }),
      buildReport(db, manager, { period: "2026-Q2" }, NOW),
    ]);
    return {
      list: { 0: await list(0), 30: await list(30), 60: await list(60) },
      dashboard: dashboard.work.stalled,
      direct: direct.stalled,
      myWork: { total: work.stalled.total, ids: work.stalled.rows.map((r) => r.id).sort((a, b) => a - b) },
      report: { counts: report.stalled, listed: report.stalledProjects.map((p) => p.projectId).sort((a, b) => a - b) },
    };
  }

  function expectAgree(s: Awaited<ReturnType<typeof screens>>, limits: StallLimits) {
    for (const step of STALL_STEPS) expect(s.list[step]).toEqual(domainIds(limits, step));
    const counts = STALL_STEPS.map((days) => ({ days, count: domainIds(limits, days).length }));
    expect(s.dashboard).toEqual(counts);
    expect(s.direct).toEqual(counts);
    expect(s.report.counts).toEqual(counts);
    expect(s.myWork).toEqual({ total: domainIds(limits, 0).length, ids: domainIds(limits, 0) });
    expect(s.report.listed).toEqual(domainIds(limits, STALL_STEPS[STALL_STEPS.length - 1]));
  }

  it("by default, the single 30-day rule of before: 30, 60 and 90 days of silence", async () => {
    const s = await screens();
    expectAgree(s, STALL_LIMITS);
    expect(names(s.list[0])).toEqual(["A", "A2", "B", "D", "F"]);
    expect(names(s.list[30])).toEqual(["D", "F"]);
    expect(names(s.list[60])).toEqual(["F"]);
  });

  it("an admin sets intent 45 and negotiation 20: list, My work, the (cached) dashboard and the report change at once, and agree", async () => {
    const before = await dataVersion(testDb());
    await cachedDashboard(testDb(), manager, { period: quarterPeriod(2026, 2) }, { now: NOW }); // cached at the old version
    await saveLimits(admin, CUSTOM);
    expect((await dataVersion(testDb())).records).toBeGreaterThan(before.records);
    expect((await getInstallationSettings(testDb())).stallLimits).toEqual(CUSTOM);

    const s = await screens();
    expectAgree(s, CUSTOM);
    expect(names(s.list[0])).toEqual(["B", "C", "D", "F"]);
    expect(names(s.list[30])).toEqual(["D", "F"]);
    expect(names(s.list[60])).toEqual(["D", "F"]);
    expect(s.dashboard.map((x) => x.count)).toEqual([4, 2, 2]);

    // Back to the defaults: the screens follow again.
    await saveLimits(admin, STALL_LIMITS);
    expectAgree(await screens(), STALL_LIMITS);
  });

  it("a limit outside 1–365 is refused by the database as well as the form", async () => {
    await expect(testDb().$executeRaw`UPDATE installation_setting SET stall_days_intent = 0 WHERE id = 1`).rejects.toThrow();
  });
});

describe("a project's colour: the SQL equals the domain's worst milestone colour", () => {
  let officer: TestActor, manager: TestActor;
  const cases: Record<string, number> = {};

  async function signed(name: string, opts: { path?: Stage[] } = {}) {
    const p = await makeProject(officer, { path: opts.path ?? ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: "2025-10-01", contractOn: "2026-01-01", startedOn: "2026-02-01" });
    cases[name] = p.id;
    return p.id;
  }
  const promise = (projectId: number, kind: string, dueOn: string, value?: string) =>
    recordCommitment(testDb(), officer, ZRecordCommitment.parse({ projectId: String(projectId), requestId: newRequestId(), kind, dueOn, value }));
  const reached = (projectId: number, kind: string, reportedOn: string) =>
    recordCommitmentActual(testDb(), officer, ZRecordCommitmentActual.parse({ projectId: String(projectId), requestId: newRequestId(), kind, reportedOn }));
  const funds = (projectId: number, amount: string) =>
    testDb().fundsInPlace.create({ data: { projectId, amount, currency: "CNY", receivedOn: new Date("2026-03-01T00:00:00Z"), createdById: officer.id } });

  beforeAll(async () => {
    manager = await makeActor("MANAGER");
    officer = await makeActor("OFFICER", manager.unitId);
    // N = 30 days, X = 20% (the defaults).
    await promise(await signed("dueToday"), "PRODUCTION", TODAY);
    await promise(await signed("dueInN"), "PRODUCTION", "2026-07-15");
    await promise(await signed("dueInN+1"), "PRODUCTION", "2026-07-16");
    await promise(await signed("dueYesterday"), "PRODUCTION", "2026-06-14");
    const late = await signed("reachedLate");
    await promise(late, "LAND_HANDOVER", "2026-03-01");
    await reached(late, "LAND_HANDOVER", "2026-04-01");
    // Funds: 1,000,000 promised by 2026-06-01 (the schedule says all of it by today); next milestone far off.
    const behind = await signed("fundsBehindX+1");
    await promise(behind, "INVESTMENT_TOTAL", "2026-06-01", "1000000");
    await promise(behind, "PRODUCTION", "2027-06-01");
    await funds(behind, "790000");
    const atX = await signed("fundsBehindX");
    await promise(atX, "INVESTMENT_TOTAL", "2026-06-01", "1000000");
    await promise(atX, "PRODUCTION", "2027-06-01");
    await funds(atX, "800000");
    const allReached = await signed("fundsBehindAllReached");
    await promise(allReached, "INVESTMENT_TOTAL", "2026-06-01", "1000000");
    await promise(allReached, "LAND_HANDOVER", "2026-02-01");
    await reached(allReached, "LAND_HANDOVER", "2026-02-01");
    const worst = await signed("redAndGreen");
    await promise(worst, "LAND_HANDOVER", "2026-02-01");
    await reached(worst, "LAND_HANDOVER", "2026-01-20");
    await promise(worst, "STATISTICS", "2026-06-01");
    await signed("noPlan");
    await signed("started", { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"] });
    const startLate = await signed("startPromisedAndStarted", { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"] });
    await promise(startLate, "CONSTRUCTION_START", "2026-01-15");
    cases.notSigned = (await makeProject(officer, { path: ["INTENT"] })).id;
  });

  it("for each hand-made case, the list's colour and the colour filter give the domain's colour", async () => {
    const db = testDb();
    const settings = await getMilestoneSettings(db);
    const domain: Record<string, MilestoneColour | null> = {};
    for (const [name, id] of Object.entries(cases)) {
      const view = await getCommitments(db, manager, id, TODAY, settings);
      domain[name] = view ? projectColour(view.milestones.map((m) => m.colour)) : null;
    }
    expect(domain).toEqual({
      dueToday: "YELLOW",
      dueInN: "YELLOW",
      "dueInN+1": "GREEN",
      dueYesterday: "RED",
      reachedLate: "GREEN",
      "fundsBehindX+1": "YELLOW",
      fundsBehindX: "GREEN",
      fundsBehindAllReached: "GREEN",
      redAndGreen: "RED",
      noPlan: null,
      started: "GREEN",
      startPromisedAndStarted: "GREEN",
      notSigned: null,
    });

    const list = await listProjects(db, manager, fromSearchParams({}), NOW);
    const sqlColour = Object.fromEntries(Object.entries(cases).map(([name, id]) => [name, list.rows.find((r) => r.id === id)!.colour]));
    expect(sqlColour).toEqual(domain);

    const idsOf = (colour: MilestoneColour) => Object.entries(domain).filter(([, c]) => c === colour).map(([n]) => cases[n]).sort((a, b) => a - b);
    for (const colour of ["RED", "YELLOW", "GREEN"] as const) {
      const filtered = await listProjects(db, manager, fromSearchParams({ colour }), NOW);
      expect(filtered.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(idsOf(colour));
      // The board, filtered by the same colour, holds the same projects (cards and column totals).
      const board = await getPipeline(db, manager, { colour, now: NOW });
      expect(board.flatMap((c) => c.cards.map((k) => k.id)).sort((a, b) => a - b)).toEqual(idsOf(colour));
      expect(board.reduce((n, c) => n + c.count, 0)).toBe(idsOf(colour).length);
    }
  });
});
