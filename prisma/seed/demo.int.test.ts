/**
 * The demo seed on a real database: it tells the product's story (see shared
 * PRODUCT.md), keeps every project's history consistent, and never seeds twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { seedDemo } from "./demo";
import { buildDemoRows } from "./demo-build";
import { DEMO_PASSWORD } from "./demo-data";
import { BATTERY_ANCHOR } from "./demo-stories";
import { RED_COUNTY_PROJECT } from "./demo-commitments";
import { getCommitments } from "@/lib/data/commitments";
import { todayYmd } from "@/lib/validation/fields";
import { getProjectPage } from "@/lib/data/project-page";
import { getChains } from "@/lib/data/dashboard/chains";
import { parseDashboardFilters } from "@/lib/validation/dashboard";
import { isSupervisionRed } from "@/lib/domain/supervision";
import { projectColour } from "@/lib/domain/milestones";
import { STALL_LIMITS, isStalled } from "@/lib/domain/stages";
import { listProjects } from "@/lib/data/project-list";
import { fromSearchParams } from "@/lib/domain/project-filter";
import { quarterPeriod } from "@/lib/domain/period";
import { getProjectRecognition, getReconciliation } from "@/lib/data/signings";
import { REPEAT_NOTE } from "./demo-counting";

const DAY_MS = 86_400_000;

// The run's database is shared by test files running in parallel, which add
// units of their own, while the seed only fills an empty database: this file
// seeds a database of its own.
let database: Awaited<ReturnType<typeof ownDatabase>>;
let db: Db;
let seeded: { projects: number; rounds: number };

beforeAll(async () => {
  database = await ownDatabase("crm_seed_test");
  db = createPrismaClient(database.url, 4);
  seeded = await seedDemo(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.dispose();
});

async function sourceId(code: string): Promise<number> {
  return (await db.referenceItem.findUniqueOrThrow({ where: { kind_code: { kind: "SOURCE", code } } })).id;
}

describe("the demo seed", () => {
  it("reports what it wrote", async () => {
    expect(seeded.projects).toBe(await db.project.count());
    expect(seeded.rounds).toBe(await db.negotiationRound.count());
  });

  it("creates the city and its counties and districts, in two languages", async () => {
    const units = await db.unit.findMany();
    const city = units.find((u) => u.code === "city");
    expect(city).toMatchObject({ kind: "CITY", parentId: null });
    const below = units.filter((u) => u.id !== city!.id);
    expect(below.length).toBeGreaterThanOrEqual(6);
    for (const unit of below) {
      expect(unit.parentId).toBe(city!.id);
      expect(["COUNTY", "DISTRICT"]).toContain(unit.kind);
    }
    for (const unit of units) expect(unit.nameZh && unit.nameEn).toBeTruthy();
  });

  it("has the demo users with their roles and units, all signing in with the demo password", async () => {
    const users = await db.user.findMany({ include: { unit: true } });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const roleAndUnit = (email: string) => [byEmail.get(email)?.role, byEmail.get(email)?.unit.code];
    expect(roleAndUnit("admin@demo.local")).toEqual(["ADMIN", "city"]);
    expect(roleAndUnit("manager@demo.local")).toEqual(["MANAGER", "city"]);
    expect(roleAndUnit("officer@demo.local")).toEqual(["OFFICER", "city"]);
    const county = byEmail.get("officer2@demo.local")!.unit;
    expect(county.kind).not.toBe("CITY");
    expect(roleAndUnit("officer2@demo.local")).toEqual(["OFFICER", county.code]);
    expect(roleAndUnit("manager2@demo.local")).toEqual(["MANAGER", county.code]);

    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1);
    expect(await verifyPassword(users[0].passwordHash, DEMO_PASSWORD)).toBe(true);

    const unitsWithOfficer = new Set(users.filter((u) => u.role === "OFFICER").map((u) => u.unitId));
    expect(unitsWithOfficer.size).toBe(await db.unit.count());
  });

  it("has about 150 projects, at every stage, owned by officers of their unit", async () => {
    const projects = await db.project.findMany({ include: { owner: true } });
    expect(projects.length).toBeGreaterThanOrEqual(140);
    expect(projects.length).toBeLessThanOrEqual(160);
    expect(new Set(projects.map((p) => p.stage))).toEqual(
      new Set(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING", "ON_HOLD", "LOST"]),
    );
    for (const p of projects) expect([p.owner.role, p.owner.unitId]).toEqual(["OFFICER", p.unitId]);
    const at = (yuan: number) => projects.filter((p) => p.plannedInvestmentCny!.toNumber() >= yuan).length;
    expect(at(10_000_000_000)).toBeGreaterThanOrEqual(3); // a few ≥ 100亿元
    expect(at(5_000_000_000)).toBeGreaterThanOrEqual(5); // several ≥ 50亿元
    expect(projects.length - at(100_000_000)).toBeGreaterThan(0); // some under 1亿元
  });

  it("tells the battery anchor's story: 21 billion, two years and over 40 rounds, a contract, a start and a chain", async () => {
    const anchor = await db.project.findFirstOrThrow({
      where: { plannedInvestmentCny: "21000000000" },
      include: { rounds: { orderBy: { number: "asc" } }, contracts: { include: { agreementKind: true } }, starts: true, funds: true },
    });
    const { rounds } = anchor;
    expect(rounds.length).toBeGreaterThan(40);
    expect(anchor.roundCount).toBe(rounds.length);
    expect(rounds.map((r) => r.number)).toEqual(rounds.map((_, i) => i + 1));
    expect(anchor.lastRoundOn).toEqual(rounds[rounds.length - 1].heldOn);
    const spanDays = (rounds[rounds.length - 1].heldOn.getTime() - rounds[0].heldOn.getTime()) / DAY_MS;
    expect(spanDays).toBeGreaterThanOrEqual(730);
    for (const round of rounds) {
      expect(round.topics.length).toBeGreaterThan(0);
      for (const topic of round.topics) expect(["land", "incentives", "energy", "approvals", "talent", "other"]).toContain(topic);
    }

    expect(anchor.contracts).toHaveLength(1);
    const [contract] = anchor.contracts;
    expect(contract.contractedInvestmentCny.toFixed(2)).toBe("21000000000.00");
    expect(contract.agreementKind.code).toBe("formal");
    expect(contract.signedOn.getTime()).toBeGreaterThan(anchor.lastRoundOn!.getTime());
    expect(anchor.starts).toHaveLength(1);
    expect(anchor.starts[0].startedOn.getTime()).toBeGreaterThan(contract.signedOn.getTime());
    expect(anchor.funds.filter((f) => f.currency === "CNY").length).toBeGreaterThan(1);

    const chain = await db.project.findMany({ where: { anchorProjectId: anchor.id } });
    expect(chain.length).toBeGreaterThanOrEqual(12);
    const supplyChain = await sourceId("supply_chain");
    for (const project of chain) expect(project.sourceId).toBe(supplyChain);
  });

  it("has the machinery base with its suppliers and a chemical group's five projects along one chain", async () => {
    const base = await db.project.findFirstOrThrow({ where: { plannedInvestmentCny: "10600000000" }, include: { _count: { select: { chainProjects: true } } } });
    expect(base._count.chainProjects).toBeGreaterThanOrEqual(5);

    const coal = await db.project.findMany({ where: { chain: { code: "coal_to_chemicals" } }, include: { company: true } });
    expect(coal.length).toBeGreaterThanOrEqual(5);
    expect(new Set(coal.map((p) => p.company.groupName)).size).toBe(1);
  });

  it("has four promotion conferences, each with leads from the conference", async () => {
    const events = await db.promotionEvent.findMany({ include: { projects: true } });
    expect(new Set(events.map((e) => e.cityEn))).toEqual(new Set(["Beijing", "Hangzhou", "Shenzhen", "Shanghai"]));
    const conference = await sourceId("conference");
    for (const event of events) {
      expect(event.nameZh && event.nameEn && event.cityZh).toBeTruthy();
      expect(event.projects.length).toBeGreaterThan(0);
      for (const lead of event.projects) expect(lead.sourceId).toBe(conference);
    }
  });

  it("gives every lost or on-hold project its reason, on the project and on its last stage change", async () => {
    const stalled = await db.project.findMany({
      where: { stage: { in: ["LOST", "ON_HOLD"] } },
      include: { stageChanges: { orderBy: { changedAt: "desc" }, take: 1 } },
    });
    expect(stalled.filter((p) => p.stage === "LOST").length).toBeGreaterThan(0);
    expect(stalled.filter((p) => p.stage === "ON_HOLD").length).toBeGreaterThan(0);
    for (const project of stalled) {
      expect(project.stageReason).toBeTruthy();
      expect(project.stageChanges[0]).toMatchObject({ toStage: project.stage, reason: project.stageReason });
    }
  });

  it("keeps every project's history consistent with its current state", async () => {
    const [violations] = await db.$queryRaw<Record<string, bigint>[]>`
      SELECT
        (SELECT count(*) FROM project p WHERE p.round_count <> (SELECT count(*) FROM negotiation_round r WHERE r.project_id = p.id)
           OR p.last_round_on IS DISTINCT FROM (SELECT max(r.held_on) FROM negotiation_round r WHERE r.project_id = p.id)) AS rounds,
        (SELECT count(*) FROM project p WHERE p.stage_entered_at <> (SELECT max(s.changed_at) FROM stage_change s WHERE s.project_id = p.id)
           OR p.stage <> (SELECT s.to_stage FROM stage_change s WHERE s.project_id = p.id ORDER BY s.changed_at DESC LIMIT 1)) AS stage,
        (SELECT count(*) FROM stage_change s WHERE (s.from_stage IS NULL) <> (s.to_stage = 'FIRST_CONTACT' AND s.changed_at = (SELECT min(f.changed_at) FROM stage_change f WHERE f.project_id = s.project_id))) AS first_change,
        (SELECT count(*) FROM stage_change s WHERE s.to_stage IN ('ON_HOLD', 'LOST') AND s.reason IS NULL) AS unexplained,
        (SELECT count(*) FROM project p WHERE p.stage IN ('SIGNED', 'CONSTRUCTION', 'OPERATING') AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.project_id = p.id)) AS unsigned,
        (SELECT count(*) FROM project p WHERE p.stage IN ('CONSTRUCTION', 'OPERATING') AND NOT EXISTS (SELECT 1 FROM construction_start c WHERE c.project_id = p.id)) AS unstarted,
        (SELECT count(*) FROM construction_start s JOIN contract c USING (project_id) WHERE s.started_on <= c.signed_on) AS start_before_signing,
        (SELECT count(*) FROM project p WHERE p.stage NOT IN ('LOST', 'OPERATING', 'ON_HOLD') AND p.next_follow_up_on IS NULL) AS no_follow_up`;
    expect(violations).toEqual({
      rounds: 0n,
      stage: 0n,
      first_change: 0n,
      unexplained: 0n,
      unsigned: 0n,
      unstarted: 0n,
      start_before_signing: 0n,
      no_follow_up: 0n,
    });
  });

  it("gives a handful of companies their contacts and writes no audit rows", async () => {
    expect(await db.company.count()).toBeGreaterThanOrEqual(40);
    expect(await db.contact.count()).toBeGreaterThan(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("shows the battery anchor's whole chain to the city officer, as the city manager's dashboard counts it", async () => {
    const actor = async (email: string) => {
      const u = await db.user.findUniqueOrThrow({ where: { email }, include: { unit: true } });
      return { id: u.id, role: u.role, unitId: u.unitId, unitIsCity: u.unit.kind === "CITY" };
    };
    const anchor = await db.project.findFirstOrThrow({ where: { title: BATTERY_ANCHOR.title } });
    const page = await getProjectPage(db, await actor("officer@demo.local"), anchor.id);
    // 20 suppliers city-wide; the city officer's own unit holds one of them (the storage project), shown in full.
    expect(page.drawn.count).toBe(20);
    expect(page.drawn.projects.filter((d) => d.inScope)).toHaveLength(1);
    const chains = await getChains(db, await actor("manager@demo.local"), parseDashboardFilters({}));
    const row = chains.find((c) => c.anchorId === anchor.id);
    expect([row?.drawn, row?.plannedCny]).toEqual([page.drawn.count, page.drawn.plannedInvestmentCny]);
  });

  it("does nothing when run again", async () => {
    const counts = () =>
      Promise.all([db.unit.count(), db.user.count(), db.referenceItem.count(), db.company.count(), db.project.count(), db.stageChange.count(), db.negotiationRound.count(), db.fundsInPlace.count()]);
    const before = await counts();
    expect(await seedDemo(db)).toEqual({ projects: 0, rounds: 0 });
    expect(await counts()).toEqual(before);
  });

  it("has two open supervision orders on a county's signed projects, one past its answer deadline", async () => {
    const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
    const orders = await db.supervisionOrder.findMany({ select: { status: true, answerDueOn: true, assigneeId: true, projects: { select: { project: { select: { ownerId: true, stage: true, unit: { select: { kind: true } } } } } } } });
    expect(orders).toHaveLength(2);
    for (const o of orders) {
      expect(o.status).toBe("OPEN");
      expect(o.projects).toHaveLength(1);
      expect(o.assigneeId).toBe(o.projects[0].project.ownerId);
      expect(o.projects[0].project.unit.kind).toBe("COUNTY");
    }
    expect(orders.filter((o) => isSupervisionRed(o, today))).toHaveLength(1);
  });

  it("shows the battery anchor's milestones all green and a county project's construction start red (issue 15)", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.local" }, include: { unit: true } });
    const actor = { id: admin.id, role: admin.role, unitId: admin.unitId, unitIsCity: admin.unit.kind === "CITY" };
    const colours = async (title: string) => {
      const p = await db.project.findFirstOrThrow({ where: { title } });
      const view = await getCommitments(db, actor, p.id, todayYmd());
      return Object.fromEntries(view!.milestones.map((m) => [m.kind, m.colour]));
    };
    expect(await colours(BATTERY_ANCHOR.title)).toEqual({ LAND_HANDOVER: "GREEN", CONSTRUCTION_START: "GREEN", PRODUCTION: "GREEN", FULL_PRODUCTION: "GREEN", STATISTICS: "GREEN" });
    expect(await colours(RED_COUNTY_PROJECT)).toMatchObject({ LAND_HANDOVER: "GREEN", CONSTRUCTION_START: "RED", PRODUCTION: "GREEN" });
  });

  it("tells the rest of the story: the anchor's chain in mixed colours, supervised county projects red, one amended promise", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.local" }, include: { unit: true } });
    const actor = { id: admin.id, role: admin.role, unitId: admin.unitId, unitIsCity: admin.unit.kind === "CITY" };
    const anchor = await db.project.findFirstOrThrow({ where: { title: BATTERY_ANCHOR.title } });
    const chain = await db.project.findMany({ where: { anchorProjectId: anchor.id, commitments: { some: {} } }, select: { id: true } });
    const colourOf = async (id: number) => projectColour((await getCommitments(db, actor, id, todayYmd()))!.milestones.map((m) => m.colour));
    const chainColours = new Set(await Promise.all(chain.map((p) => colourOf(p.id))));
    expect([...chainColours].sort()).toEqual(["GREEN", "RED", "YELLOW"]);
    const supervised = await db.project.findMany({ where: { supervisionOrders: { some: { order: { status: "OPEN" } } } }, select: { id: true } });
    expect(supervised.length).toBeGreaterThan(0);
    for (const p of supervised) expect(await colourOf(p.id)).toBe("RED");
    // The list's red filter finds them too (projectColourSql, the same rule).
    const red = await listProjects(db, actor, fromSearchParams({ colour: "RED" }));
    expect(red.rows.map((r) => r.id)).toEqual(expect.arrayContaining(supervised.map((p) => p.id)));
    const amended = await db.commitment.findMany({ where: { replacedAt: { not: null }, project: { title: RED_COUNTY_PROJECT } }, select: { kind: true } });
    expect(amended).toEqual([{ kind: "PRODUCTION" }]);
    // Intent leads silent between 30 and 45 days: stalled by the default limit, not by intent = 45.
    const today = todayYmd();
    const intent = await db.project.findMany({ where: { stage: "INTENT" }, select: { stage: true, lastRoundOn: true, firstContactOn: true } });
    const stalledBy = (limit: number) =>
      intent.filter((p) => isStalled({ stage: p.stage, lastActivityOn: (p.lastRoundOn ?? p.firstContactOn).toISOString().slice(0, 10) }, today, { ...STALL_LIMITS, INTENT: limit })).length;
    expect(stalledBy(30) - stalledBy(45)).toBe(3);
  });

  it("carries this year's targets for the city and every county, and a repeat signing and a 不予认定 project in the current quarter's reconciliation (issue 16)", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.local" }, include: { unit: true } });
    const actor = { id: admin.id, role: admin.role, unitId: admin.unitId, unitIsCity: admin.unit.kind === "CITY" };
    const today = todayYmd();
    const year = Number(today.slice(0, 4));
    const units = await db.unit.count();
    expect(await db.target.count({ where: { year } })).toBe(units * 6);
    const quarter = quarterPeriod(year, Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
    const r = await getReconciliation(db, actor, { period: quarter });
    expect(r.repeats.signings).toBe(1);
    expect(r.notRecognised.byReason.map((l) => [l.nameZh, l.projects])).toEqual([["纯本地或财政资金", 1]]);
    const repeat = await db.contract.findFirstOrThrow({ where: { note: REPEAT_NOTE }, select: { projectId: true } });
    expect((await getProjectRecognition(db, actor, { projectId: repeat.projectId })).signings.map((s) => s.role)).toEqual(["BASE", "REPEAT"]);
  });

  it("builds the same rows on every run", () => {
    expect(buildDemoRows("hash")).toEqual(buildDemoRows("hash"));
  });
});
