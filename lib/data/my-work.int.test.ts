import { beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { ACTIVITY_LIMIT, LIST_LIMIT, STALLED_ORDER, getMyWork, recentActivitySql } from "@/lib/data/my-work";
import { Prisma } from "@/lib/generated/prisma/client";
import { projectFilterSql } from "@/lib/data/sql-rules";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";

type Made = Awaited<ReturnType<typeof makeUser>>;

function actor(user: Made, unitIsCity = false): CurrentUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, unitId: user.unitId, unitNameZh: "", unitNameEn: "", unitIsCity };
}

const TODAY = new Date("2026-06-15T00:00:00Z");
const day = (offset: number) => new Date(TODAY.getTime() + offset * 86_400_000);

async function makeProject(opts: {
  unitId: number;
  ownerId: number;
  stage?: Stage;
  nextFollowUpOn?: Date | null;
  lastRoundOn?: Date | null;
  firstContactOn?: Date;
}) {
  const s = uniq();
  const company = await testDb().company.create({ data: { nameZh: `工作企业${s}`, nameEn: `Work Co ${s}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return testDb().project.create({
    data: {
      companyId: company.id,
      title: `工作项目${s}`,
      unitId: opts.unitId,
      ownerId: opts.ownerId,
      stage: opts.stage ?? "NEGOTIATION",
      nextFollowUpOn: opts.nextFollowUpOn ?? null,
      lastRoundOn: opts.lastRoundOn ?? null,
      // Recent first contact unless the test is about it: keeps the project out of "stalled".
      firstContactOn: opts.firstContactOn ?? day(-1),
    },
  });
}

describe("my work", () => {
  let officer: CurrentUser, colleague: CurrentUser, manager: CurrentUser, otherOfficer: CurrentUser, cityManager: CurrentUser;
  let unitA: number, unitB: number;
  const p: Record<string, number> = {};

  beforeAll(async () => {
    unitA = (await makeUnit()).id;
    unitB = (await makeUnit()).id;
    officer = actor(await makeUser({ unitId: unitA }));
    colleague = actor(await makeUser({ unitId: unitA }));
    manager = actor(await makeUser({ unitId: unitA, role: "MANAGER" }));
    otherOfficer = actor(await makeUser({ unitId: unitB }));
    cityManager = actor(await makeUser({ unitId: (await makeUnit("CITY")).id, role: "MANAGER" }), true);
    const mine = { unitId: unitA, ownerId: officer.id, lastRoundOn: day(-1) };

    p.overdue5 = (await makeProject({ ...mine, nextFollowUpOn: day(-5) })).id;
    p.overdue1 = (await makeProject({ ...mine, nextFollowUpOn: day(-1), stage: "CONSTRUCTION" })).id;
    p.dueToday = (await makeProject({ ...mine, nextFollowUpOn: day(0) })).id;
    p.due14 = (await makeProject({ ...mine, nextFollowUpOn: day(14) })).id;
    p.due15 = (await makeProject({ ...mine, nextFollowUpOn: day(15) })).id;
    p.lostOverdue = (await makeProject({ ...mine, nextFollowUpOn: day(-3), stage: "LOST" })).id;
    p.operatingOverdue = (await makeProject({ ...mine, nextFollowUpOn: day(-3), stage: "OPERATING" })).id;
    p.colleagueOverdue = (await makeProject({ unitId: unitA, ownerId: colleague.id, nextFollowUpOn: day(-2), lastRoundOn: day(-1) })).id;
    p.otherUnitOverdue = (await makeProject({ unitId: unitB, ownerId: otherOfficer.id, nextFollowUpOn: day(-2), lastRoundOn: day(-1) })).id;

    p.silent30 = (await makeProject({ ...mine, lastRoundOn: day(-30), stage: "INTENT" })).id;
    p.silent29 = (await makeProject({ ...mine, lastRoundOn: day(-29), stage: "INTENT" })).id;
    p.silent90Signed = (await makeProject({ ...mine, lastRoundOn: day(-90), stage: "SIGNED" })).id;
    p.silentConstruction = (await makeProject({ ...mine, lastRoundOn: day(-90), stage: "CONSTRUCTION" })).id;
    p.silentOnHold = (await makeProject({ ...mine, lastRoundOn: day(-90), stage: "ON_HOLD" })).id;
    p.neverMetOld = (await makeProject({ ...mine, lastRoundOn: null, firstContactOn: day(-30), stage: "FIRST_CONTACT" })).id;
    p.neverMetNew = (await makeProject({ ...mine, lastRoundOn: null, firstContactOn: day(-29), stage: "FIRST_CONTACT" })).id;
    p.colleagueSilent = (await makeProject({ unitId: unitA, ownerId: colleague.id, lastRoundOn: day(-60), stage: "NEGOTIATION" })).id;
    p.otherUnitSilent = (await makeProject({ unitId: unitB, ownerId: otherOfficer.id, lastRoundOn: day(-60), stage: "NEGOTIATION" })).id;
  });

  it("overdue: follow-up before today in an active stage, oldest first; today is not overdue", async () => {
    const work = await getMyWork(testDb(), officer, { today: TODAY });
    expect(work.view).toBe("mine");
    expect(work.overdue.rows.map((r) => r.id)).toEqual([p.overdue5, p.overdue1]);
    expect(work.overdue.rows.map((r) => r.daysUntil)).toEqual([-5, -1]);
    expect(work.overdue.total).toBe(2);
  });

  it("upcoming: from today through the next 14 days", async () => {
    const work = await getMyWork(testDb(), officer, { today: TODAY });
    expect(work.upcoming.rows.map((r) => r.id)).toEqual([p.dueToday, p.due14]);
    expect(work.upcoming.rows.map((r) => r.daysUntil)).toEqual([0, 14]);
    expect(work.upcoming.total).toBe(2);
  });

  it("stalled: no round for 30 days or more (exactly 30 counts), first contact to signed only", async () => {
    const work = await getMyWork(testDb(), officer, { today: TODAY });
    const stalled = work.stalled.rows.map((r) => r.id);
    expect(stalled.sort()).toEqual([p.silent30, p.silent90Signed, p.neverMetOld].sort());
    expect(work.stalled.total).toBe(3);
    // Never-met projects first, then the longest silence.
    expect(work.stalled.rows.map((r) => [r.id, r.daysSilent, r.neverMet])).toEqual([
      [p.neverMetOld, 30, true],
      [p.silent90Signed, 90, false],
      [p.silent30, 30, false],
    ]);
  });

  it("reads the stalled list along an index in its order, not by sorting every stalled project in scope", async () => {
    // The unit view of a city manager: every project in the city. On a database this small a sort is cheapest, so
    // sorts and table scans are priced out: the plan shows whether an index can give the list's order at all.
    const where = projectFilterSql(cityManager, { stalled: 0 }, { today: TODAY });
    const plan = await testDb().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_sort = off`;
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT p.id FROM project p WHERE ${where} ORDER BY ${STALLED_ORDER} LIMIT ${LIST_LIMIT}`;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Index Scan using project_silence_idx on project p");
    expect(plan).not.toMatch(/Sort/);
  });

  it("lists only the user's own projects, even when an officer asks for the unit view", async () => {
    const work = await getMyWork(testDb(), officer, { today: TODAY, view: "unit" });
    expect(work.view).toBe("mine");
    const all = [...work.overdue.rows, ...work.upcoming.rows, ...work.stalled.rows].map((r) => r.id);
    expect(all).not.toContain(p.colleagueOverdue);
    expect(all).not.toContain(p.colleagueSilent);
    expect(all).not.toContain(p.otherUnitOverdue);
    expect(work.overdue.rows.every((r) => r.isMine)).toBe(true);
  });

  it("a manager's unit view covers the unit's projects of every owner, and no other unit's", async () => {
    const own = await getMyWork(testDb(), manager, { today: TODAY });
    expect(own.overdue.rows).toEqual([]);
    const unit = await getMyWork(testDb(), manager, { today: TODAY, view: "unit" });
    expect(unit.view).toBe("unit");
    expect(unit.overdue.rows.map((r) => r.id)).toEqual([p.overdue5, p.colleagueOverdue, p.overdue1]);
    expect(unit.overdue.rows.find((r) => r.id === p.colleagueOverdue)).toMatchObject({ isMine: false, ownerName: colleague.name });
    expect(unit.stalled.rows.map((r) => r.id)).toContain(p.colleagueSilent);
    expect(unit.stalled.rows.map((r) => r.id)).not.toContain(p.otherUnitSilent);
  });

  it("a city manager's unit view reaches every unit", async () => {
    // Dates long past put these first in a database other test files share.
    const ancientA = (await makeProject({ unitId: unitA, ownerId: colleague.id, nextFollowUpOn: new Date("1991-01-02T00:00:00Z"), lastRoundOn: day(-1) })).id;
    const ancientB = (await makeProject({ unitId: unitB, ownerId: otherOfficer.id, nextFollowUpOn: new Date("1991-01-03T00:00:00Z"), lastRoundOn: day(-1) })).id;
    const city = await getMyWork(testDb(), cityManager, { today: TODAY, view: "unit" });
    expect(city.overdue.rows.map((r) => r.id)).toEqual(expect.arrayContaining([ancientA, ancientB]));
    const county = await getMyWork(testDb(), manager, { today: TODAY, view: "unit" });
    expect(county.overdue.rows.map((r) => r.id)).toContain(ancientA);
    expect(county.overdue.rows.map((r) => r.id)).not.toContain(ancientB);
    await testDb().project.deleteMany({ where: { id: { in: [ancientA, ancientB] } } });
  });

  it("recent activity: rounds, stage changes and edits on the user's projects, newest first, in words", async () => {
    const db = testDb();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    await db.negotiationRound.create({
      data: { projectId: p.overdue5, number: 1, heldOn: day(-1), format: "VIDEO", ourParticipants: officer.name, summary: "谈了土地指标", createdById: officer.id, createdAt: at(30) },
    });
    await db.stageChange.create({ data: { projectId: p.overdue5, fromStage: "INTENT", toStage: "NEGOTIATION", changedById: officer.id, changedAt: at(20) } });
    await db.auditLog.create({ data: { actorId: manager.id, action: "project.update", entity: "project", entityId: String(p.overdue1), at: at(10) } });
    await db.auditLog.create({ data: { actorId: officer.id, action: "funds.create", entity: "funds_in_place", entityId: "999999", after: { projectId: p.overdue1, amount: "100" }, at: at(12) } });
    // The stage move's own audit row is not listed twice: the stage change says it.
    await db.auditLog.create({ data: { actorId: officer.id, action: "project.stage", entity: "project", entityId: String(p.overdue5), at: at(20) } });
    // Not the officer's: a colleague's project, and another unit's.
    await db.stageChange.create({ data: { projectId: p.colleagueOverdue, fromStage: null, toStage: "NEGOTIATION", changedById: colleague.id, changedAt: at(5) } });
    await db.auditLog.create({ data: { actorId: otherOfficer.id, action: "project.update", entity: "project", entityId: String(p.otherUnitOverdue), at: at(1) } });

    const work = await getMyWork(testDb(), officer, { today: TODAY });
    expect(work.activity.map((a) => [a.kind, a.projectId])).toEqual([
      ["audit", p.overdue1],
      ["audit", p.overdue1],
      ["stage", p.overdue5],
      ["round", p.overdue5],
    ]);
    expect(work.activity[0]).toMatchObject({ action: "project.update", actorName: manager.name });
    expect(work.activity[1]).toMatchObject({ action: "funds.create", actorName: officer.name });
    expect(work.activity[2]).toMatchObject({ fromStage: "INTENT", toStage: "NEGOTIATION", actorName: officer.name });
    expect(work.activity[3]).toMatchObject({ number: 1, summary: "谈了土地指标" });

    const unit = await getMyWork(testDb(), manager, { today: TODAY, view: "unit" });
    expect(unit.activity.map((a) => a.projectId)).toContain(p.colleagueOverdue);
    expect(unit.activity.map((a) => a.projectId)).not.toContain(p.otherUnitOverdue);
  });

  it("recent activity: each source's newest, merged by time; on one instant rounds, then stage changes, then audit entries; only projects in view", async () => {
    const db = testDb();
    const owner = actor(await makeUser({ unitId: unitA }));
    const mine = (await makeProject({ unitId: unitA, ownerId: owner.id })).id;
    const theirs = (await makeProject({ unitId: unitB, ownerId: otherOfficer.id })).id;
    // In the future, so that they are the newest in a database other test files share.
    const at = (minutes: number) => new Date(Date.UTC(2099, 0, 1) + minutes * 60_000);
    const round = (projectId: number, number: number, when: Date) =>
      db.negotiationRound.create({ data: { projectId, number, heldOn: day(-1), format: "VIDEO", ourParticipants: owner.name, summary: `第${number}轮`, createdById: owner.id, createdAt: when } });
    // More rounds than the feed shows, all newer than the project's stage change: the stage change is not shown.
    for (let i = 1; i <= ACTIVITY_LIMIT + 2; i++) await round(mine, i, at(100 + i));
    await db.stageChange.create({ data: { projectId: mine, fromStage: "INTENT", toStage: "NEGOTIATION", changedById: owner.id, changedAt: at(50) } });
    // Three sources at one instant, newest of all.
    const tie = at(1000);
    await round(mine, ACTIVITY_LIMIT + 3, tie);
    await db.stageChange.create({ data: { projectId: mine, fromStage: "NEGOTIATION", toStage: "SIGNED", changedById: owner.id, changedAt: tie } });
    await db.auditLog.create({ data: { actorId: owner.id, action: "project.update", entity: "project", entityId: String(mine), at: tie } });
    await db.auditLog.create({ data: { actorId: owner.id, action: "funds.create", entity: "funds_in_place", entityId: "1", after: { projectId: mine }, at: tie } });
    // Out of view, newer still: another unit's project, and entries whose project cannot be read.
    await round(theirs, 1, at(2000));
    await db.stageChange.create({ data: { projectId: theirs, fromStage: null, toStage: "INTENT", changedById: otherOfficer.id, changedAt: at(2000) } });
    await db.auditLog.create({ data: { actorId: otherOfficer.id, action: "project.update", entity: "project", entityId: String(theirs), at: at(2000) } });
    await db.auditLog.create({ data: { actorId: otherOfficer.id, action: "funds.create", entity: "funds_in_place", entityId: "2", after: { projectId: theirs }, at: at(2000) } });
    await db.auditLog.create({ data: { actorId: owner.id, action: "project.update", entity: "project", entityId: "not-a-number", at: at(2000) } });
    await db.auditLog.create({ data: { actorId: owner.id, action: "funds.create", entity: "funds_in_place", entityId: "3", after: { projectId: "99999999999" }, at: at(2000) } });

    const work = await getMyWork(db, owner, { today: TODAY });
    expect(work.activity).toHaveLength(ACTIVITY_LIMIT);
    expect(work.activity.every((a) => a.projectId === mine)).toBe(true);
    // The tie: round, stage change, then the audit entries (newest id first).
    expect(work.activity.slice(0, 4).map((a) => a.kind)).toEqual(["round", "stage", "audit", "audit"]);
    expect(work.activity.slice(2, 4).map((a) => (a.kind === "audit" ? a.action : null))).toEqual(["funds.create", "project.update"]);
    expect(work.activity[1]).toMatchObject({ kind: "stage", fromStage: "NEGOTIATION", toStage: "SIGNED", actorName: owner.name });
    // Then the rounds, newest first; the older stage change does not make it.
    const rounds = work.activity.slice(4).map((a) => (a.kind === "round" ? a.number : null));
    expect(rounds).toEqual(Array.from({ length: ACTIVITY_LIMIT - 4 }, (_, i) => ACTIVITY_LIMIT + 2 - i));
    expect(work.activity.slice(4).every((a) => a.at > at(50))).toBe(true);

    // A manager of the other unit sees that unit's entries, not these.
    const otherManager = actor(await makeUser({ unitId: unitB, role: "MANAGER" }));
    const theirView = await getMyWork(db, otherManager, { today: TODAY, view: "unit" });
    expect(theirView.activity.slice(0, 4).map((a) => [a.kind, a.projectId])).toEqual([
      ["round", theirs],
      ["stage", theirs],
      ["audit", theirs],
      ["audit", theirs],
    ]);
  });

  it("recent activity reads each source newest first along an index holding its project: no sort of everything in view", async () => {
    // A county manager's unit view; sorts and table scans priced out (this database is small): the plan shows
    // whether each source's index gives its order and its project without reading the rows.
    const plan = await testDb().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_sort = off`;
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${recentActivitySql(projectFilterSql(manager, {}))}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Index Only Scan Backward using negotiation_round_created_at_id_project_id_idx");
    expect(plan).toContain("Index Only Scan Backward using stage_change_changed_at_cover_idx");
    expect(plan).toContain("Index Only Scan Backward using audit_log_project_feed_idx");
    expect(plan).toContain("Index Scan Backward using audit_log_funds_feed_idx");
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
