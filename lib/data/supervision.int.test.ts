import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { addSupervisionStep, issueSupervision, listProjectSupervision, supervisionByUnit, supervisionWork } from "@/lib/data/supervision";
import { customPeriod } from "@/lib/domain/period";
import { ZAnswerSupervision, ZCloseSupervision, ZIssueSupervision } from "@/lib/validation/supervision";
import { makeActor, makeProject, makeSector, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor;
let manager: TestActor;
let cityManager: TestActor;
let otherManager: TestActor;

const day = (s: string) => new Date(`${s}T00:00:00Z`);

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  manager = await makeActor("MANAGER", officer.unitId);
  otherManager = await makeActor("MANAGER");
  cityManager = await makeActor("MANAGER", undefined, "CITY");
});

const issueInput = (projectId: number, extra: Record<string, unknown> = {}) =>
  ZIssueSupervision.parse({ projectId: String(projectId), requestId: newRequestId(), requirement: "十日内落实供地方案", answerDueOn: ymd(10), ...extra });
const answer = (orderId: number, version: number, kind: "PLAN" | "PROGRESS" = "PLAN", requestId = newRequestId()) =>
  ZAnswerSupervision.parse({ orderId: String(orderId), version: String(version), requestId, kind, body: "整改计划：本周完成土地挂牌" });
const close = (orderId: number, version: number, kind: "RESOLVE" | "ESCALATE") =>
  ZCloseSupervision.parse({ orderId: String(orderId), version: String(version), requestId: newRequestId(), kind, body: "已核实" });

async function audits(orderId: number) {
  const rows = await db.auditLog.findMany({ where: { entity: "supervision_order", entityId: String(orderId) }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

describe("supervision orders", () => {
  it("goes issue → plan → progress → resolve, every step a dated, audited row; the assignee defaults to the owner", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const issued = await issueSupervision(db, manager, issueInput(p.id));
    expect(issued.status).toBe("OPEN");
    const order = await db.supervisionOrder.findUniqueOrThrow({ where: { id: issued.id } });
    expect(order.assigneeId).toBe(officer.id);
    expect(order.unitId).toBe(officer.unitId);

    const planned = await addSupervisionStep(db, officer, answer(issued.id, issued.version));
    expect(planned.status).toBe("ANSWERED");
    const noted = await addSupervisionStep(db, officer, answer(issued.id, planned.version, "PROGRESS"));
    expect(noted.status).toBe("ANSWERED");
    const resolved = await addSupervisionStep(db, manager, close(issued.id, noted.version, "RESOLVE"));
    expect(resolved.status).toBe("RESOLVED");

    const [view] = await listProjectSupervision(db, manager, p.id, day(ymd(0)));
    expect(view.steps.map((s) => [s.kind, s.author])).toEqual([
      ["PLAN", officer.name],
      ["PROGRESS", officer.name],
      ["RESOLVE", manager.name],
    ]);
    expect(view.can).toEqual({ answer: false, resolve: false, escalate: false });
    expect(await audits(issued.id)).toEqual(["supervision.issue", "supervision.plan", "supervision.progress", "supervision.resolve"]);
  });

  it("escalates to the city level, where only a city manager resolves it", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const issued = await issueSupervision(db, manager, issueInput(p.id));
    const escalated = await addSupervisionStep(db, manager, close(issued.id, issued.version, "ESCALATE"));
    expect(escalated.status).toBe("ESCALATED");
    await expect(addSupervisionStep(db, manager, close(issued.id, escalated.version, "RESOLVE"))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await supervisionWork(db, cityManager, day(ymd(0)))).toReview?.some((r) => r.id === issued.id)).toBe(true);
    const resolved = await addSupervisionStep(db, cityManager, close(issued.id, escalated.version, "RESOLVE"));
    expect(resolved.status).toBe("RESOLVED");
  });

  it("turns red once `today` passes the answer deadline, until it is resolved", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const due = ymd(5);
    const issued = await issueSupervision(db, manager, issueInput(p.id, { answerDueOn: due }));
    const red = async (today: string) => (await listProjectSupervision(db, manager, p.id, day(today)))[0].red;
    const workRed = async (today: string) => (await supervisionWork(db, officer, day(today))).toAnswer.find((r) => r.id === issued.id)?.red;
    const after = new Date(day(due).getTime() + 86_400_000).toISOString().slice(0, 10);
    expect(await red(due)).toBe(false); // due today: not yet late
    expect(await workRed(due)).toBe(false);
    expect(await red(after)).toBe(true);
    expect(await workRed(after)).toBe(true);
    const planned = await addSupervisionStep(db, officer, answer(issued.id, issued.version));
    expect(await red(after)).toBe(true); // answered but not closed: still red
    await addSupervisionStep(db, manager, close(issued.id, planned.version, "RESOLVE"));
    expect(await red(after)).toBe(false);
  });

  it("refuses an officer's issue, and another unit's manager finds no such order or project", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    await expect(issueSupervision(db, officer, issueInput(p.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(issueSupervision(db, otherManager, issueInput(p.id))).rejects.toBeInstanceOf(NotFoundError);
    const issued = await issueSupervision(db, manager, issueInput(p.id));
    await expect(addSupervisionStep(db, otherManager, close(issued.id, issued.version, "RESOLVE"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(addSupervisionStep(db, otherManager, answer(issued.id, issued.version))).rejects.toBeInstanceOf(NotFoundError);
    expect(await listProjectSupervision(db, otherManager, p.id, day(ymd(0)))).toEqual([]);
    expect((await supervisionWork(db, otherManager, day(ymd(0)))).toReview?.some((r) => r.id === issued.id)).toBe(false);
    await expect(addSupervisionStep(db, officer, close(issued.id, issued.version, "RESOLVE"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a step made against a stale version, and a double submit writes one step", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const requestId = newRequestId();
    const [a, b] = await Promise.all([
      issueSupervision(db, manager, issueInput(p.id, { requestId })),
      issueSupervision(db, manager, issueInput(p.id, { requestId })),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.supervisionOrder.count({ where: { projects: { some: { projectId: p.id } } } })).toBe(1);

    const stepId = newRequestId();
    const first = await addSupervisionStep(db, officer, answer(a.id, a.version, "PLAN", stepId));
    const again = await addSupervisionStep(db, officer, answer(a.id, a.version, "PLAN", stepId));
    expect(again.version).toBe(first.version);
    expect(await db.supervisionStep.count({ where: { orderId: a.id } })).toBe(1);

    await expect(addSupervisionStep(db, manager, close(a.id, a.version, "RESOLVE"))).rejects.toBeInstanceOf(ConflictError);
    expect(await audits(a.id)).toEqual(["supervision.issue", "supervision.plan"]);
  });

  it("lists the open orders an officer must answer, and the answered ones a manager reviews", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const issued = await issueSupervision(db, manager, issueInput(p.id));
    const w1 = await supervisionWork(db, officer, day(ymd(0)));
    expect(w1.toAnswer.some((r) => r.id === issued.id && r.projectTitle === p.title)).toBe(true);
    expect(w1.toReview).toBeNull();
    await addSupervisionStep(db, officer, answer(issued.id, issued.version));
    expect((await supervisionWork(db, officer, day(ymd(0)))).toAnswer.some((r) => r.id === issued.id)).toBe(false);
    expect((await supervisionWork(db, manager, day(ymd(0)))).toReview?.some((r) => r.id === issued.id)).toBe(true);
  });

  it("counts per unit the open orders, the overdue as of `today`, and those resolved in the period", async () => {
    const own = await makeActor("OFFICER");
    const boss = await makeActor("MANAGER", own.unitId);
    const p = await makeProject(own, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    await issueSupervision(db, boss, issueInput(p.id, { answerDueOn: ymd(1) }));
    await issueSupervision(db, boss, issueInput(p.id, { answerDueOn: ymd(20) }));
    const done = await issueSupervision(db, boss, issueInput(p.id, { answerDueOn: ymd(1) }));
    await addSupervisionStep(db, boss, close(done.id, done.version, "RESOLVE"));
    const row = async (today: string, from: string, last: string) =>
      (await supervisionByUnit(db, boss, { period: customPeriod(day(from), day(last)) }, day(today))).find((r) => r.unitId === own.unitId);
    expect(await row(ymd(0), ymd(0), ymd(0))).toMatchObject({ open: 2, overdue: 0, closed: 1 });
    expect(await row(ymd(2), ymd(-30), ymd(-1))).toMatchObject({ open: 2, overdue: 1, closed: 0 }); // resolved after the period
    const mine = async (ownerId: number) => (await supervisionByUnit(db, boss, { period: customPeriod(day(ymd(0)), day(ymd(0))), ownerId }, day(ymd(0)))).find((r) => r.unitId === own.unitId);
    expect(await mine(own.id)).toMatchObject({ open: 2 }); // the officer's own work
    expect(await mine(boss.id)).toBeUndefined();
    expect(await supervisionByUnit(db, otherManager, { period: customPeriod(day(ymd(0)), day(ymd(0))) }, day(ymd(0)))).not.toContainEqual(expect.objectContaining({ unitId: own.unitId }));
  });
});

/** Three signed projects of a fresh unit in a sector of their own (so a filter on it names exactly them), and the unit's people. */
async function unitWithSet() {
  const own = await makeActor("OFFICER");
  const boss = await makeActor("MANAGER", own.unitId);
  const colleague = await makeActor("OFFICER", own.unitId);
  const sector = await makeSector();
  const projects = [await makeProject(own, { path: ["INTENT", "NEGOTIATION", "SIGNED"] }), await makeProject(colleague, { path: ["INTENT", "NEGOTIATION", "SIGNED"] }), await makeProject(own, { path: ["INTENT", "NEGOTIATION", "SIGNED"] })];
  await db.project.updateMany({ where: { id: { in: projects.map((p) => p.id) } }, data: { sectorId: sector.id } });
  const query = `stage=SIGNED&sectorId=${sector.id}`;
  return { own, boss, colleague, sector, projects, query, ids: projects.map((p) => p.id).sort((a, b) => a - b) };
}

const unitOrderInput = (unitId: number, extra: Record<string, unknown>) =>
  ZIssueSupervision.parse({ unitId: String(unitId), requestId: newRequestId(), requirement: "本单位签约未开工项目：请逐一报送开工计划", answerDueOn: ymd(10), ...extra });

const setOf = async (orderId: number) => (await db.supervisionOrderProject.findMany({ where: { orderId }, select: { projectId: true }, orderBy: { projectId: "asc" } })).map((r) => r.projectId);

describe("supervision orders on a unit's set of projects", () => {
  it("issues ONE order on the projects the list's filter shows, answered by the unit's manager; it shows on each project and counts once", async () => {
    const u = await unitWithSet();
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query }));
    expect(await setOf(issued.id)).toEqual(u.ids);
    expect(await db.supervisionOrder.count({ where: { projects: { some: { projectId: { in: u.ids } } } } })).toBe(1);
    const order = await db.supervisionOrder.findUniqueOrThrow({ where: { id: issued.id } });
    expect(order).toMatchObject({ unitId: u.own.unitId, assigneeId: u.boss.id, status: "OPEN" }); // the unit's one manager
    for (const p of u.projects) {
      const [view] = await listProjectSupervision(db, u.own, p.id, day(ymd(0)));
      expect(view.id).toBe(issued.id);
      expect(view.projects.map((x) => x.id)).toEqual(u.ids);
    }
    // An owner of one project of the set is not who answers a unit's order; the assignee (the manager) is.
    expect((await listProjectSupervision(db, u.own, u.projects[0].id, day(ymd(0))))[0].can.answer).toBe(false);
    expect((await supervisionWork(db, u.own, day(ymd(0)))).toAnswer.some((r) => r.id === issued.id)).toBe(false);
    const work = await supervisionWork(db, u.boss, day(ymd(0)));
    expect(work.toAnswer.filter((r) => r.id === issued.id)).toEqual([expect.objectContaining({ projectCount: 3, projectId: u.ids[0] })]);
    const counts = (await supervisionByUnit(db, u.boss, { period: customPeriod(day(ymd(0)), day(ymd(0))) }, day(ymd(0)))).find((r) => r.unitId === u.own.unitId);
    expect(counts).toMatchObject({ open: 1, overdue: 0 });
    // The audit row names the set.
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "supervision_order", entityId: String(issued.id), action: "supervision.issue" } });
    expect((audit.after as { projectIds: number[] }).projectIds).toEqual(u.ids);
  });

  it("goes plan → progress → escalate → resolved at the city level, like any order", async () => {
    const u = await unitWithSet();
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query }));
    const planned = await addSupervisionStep(db, u.boss, answer(issued.id, issued.version));
    expect(planned.status).toBe("ANSWERED");
    const noted = await addSupervisionStep(db, u.boss, answer(issued.id, planned.version, "PROGRESS"));
    const escalated = await addSupervisionStep(db, u.boss, close(issued.id, noted.version, "ESCALATE"));
    expect(escalated.status).toBe("ESCALATED");
    expect((await supervisionWork(db, cityManager, day(ymd(0)))).toReview?.some((r) => r.id === issued.id)).toBe(true);
    const resolved = await addSupervisionStep(db, cityManager, close(issued.id, escalated.version, "RESOLVE"));
    expect(resolved.status).toBe("RESOLVED");
    expect(await audits(issued.id)).toEqual(["supervision.issue", "supervision.plan", "supervision.progress", "supervision.escalate", "supervision.resolve"]);
  });

  it("names someone else of the unit to answer; that user answers it from My work", async () => {
    const u = await unitWithSet();
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query, assigneeId: String(u.colleague.id) }));
    expect((await supervisionWork(db, u.colleague, day(ymd(0)))).toAnswer.some((r) => r.id === issued.id)).toBe(true);
    const planned = await addSupervisionStep(db, u.colleague, answer(issued.id, issued.version));
    expect(planned.status).toBe("ANSWERED");
    const stranger = await makeActor("OFFICER");
    await expect(issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query, assigneeId: String(stranger.id) }))).rejects.toMatchObject({ fieldErrors: { assigneeId: "choose" } });
  });

  it("freezes the set when issued: a project that matches the filter later is not in it", async () => {
    const u = await unitWithSet();
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query }));
    const late = await makeProject(u.own, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    await db.project.update({ where: { id: late.id }, data: { sectorId: u.sector.id } });
    expect(await setOf(issued.id)).toEqual(u.ids);
    expect(await listProjectSupervision(db, u.boss, late.id, day(ymd(0)))).toEqual([]);
  });

  it("takes ticked projects too, all of one unit in scope; refuses a mix of units and an empty set", async () => {
    const u = await unitWithSet();
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { projectIds: `${u.ids[0]},${u.ids[2]}` }));
    expect(await setOf(issued.id)).toEqual([u.ids[0], u.ids[2]]);
    const other = await unitWithSet();
    // A city manager picks from two units: one order goes to one unit.
    await expect(issueSupervision(db, cityManager, unitOrderInput(u.own.unitId, { projectIds: `${u.ids[0]},${other.ids[0]}` }))).rejects.toMatchObject({ messageKey: "supervision.rules.oneUnit" });
    await expect(issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: `stage=LOST&sectorId=${u.sector.id}` }))).rejects.toMatchObject({ messageKey: "supervision.rules.noProjects" });
  });

  it("keeps another unit out: its manager cannot issue to it nor see, answer or close its order; the unit's officer sees it", async () => {
    const u = await unitWithSet();
    await expect(issueSupervision(db, otherManager, unitOrderInput(u.own.unitId, { query: u.query }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(issueSupervision(db, otherManager, unitOrderInput(otherManager.unitId, { projectIds: String(u.ids[0]) }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(issueSupervision(db, u.own, unitOrderInput(u.own.unitId, { query: u.query }))).rejects.toBeInstanceOf(ForbiddenError);
    const issued = await issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query }));
    for (const p of u.projects) expect(await listProjectSupervision(db, otherManager, p.id, day(ymd(0)))).toEqual([]);
    await expect(addSupervisionStep(db, otherManager, answer(issued.id, issued.version))).rejects.toBeInstanceOf(NotFoundError);
    await expect(addSupervisionStep(db, otherManager, close(issued.id, issued.version, "RESOLVE"))).rejects.toBeInstanceOf(NotFoundError);
    expect((await supervisionWork(db, otherManager, day(ymd(0)))).toReview?.some((r) => r.id === issued.id)).toBe(false);
    expect(await supervisionByUnit(db, otherManager, { period: customPeriod(day(ymd(0)), day(ymd(0))) }, day(ymd(0)))).not.toContainEqual(expect.objectContaining({ unitId: u.own.unitId }));
    // The unit's officer sees it on the projects they can see, and may not close it.
    expect((await listProjectSupervision(db, u.colleague, u.projects[1].id, day(ymd(0))))[0]?.id).toBe(issued.id);
    await expect(addSupervisionStep(db, u.own, close(issued.id, issued.version, "RESOLVE"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a step against a stale version, and a double submit issues one order", async () => {
    const u = await unitWithSet();
    const requestId = newRequestId();
    const [a, b] = await Promise.all([
      issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query, requestId })),
      issueSupervision(db, u.boss, unitOrderInput(u.own.unitId, { query: u.query, requestId })),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.supervisionOrder.count({ where: { projects: { some: { projectId: { in: u.ids } } } } })).toBe(1);
    const planned = await addSupervisionStep(db, u.boss, answer(a.id, a.version));
    await expect(addSupervisionStep(db, cityManager, close(a.id, a.version, "RESOLVE"))).rejects.toBeInstanceOf(ConflictError);
    expect((await db.supervisionOrder.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(planned.version);
  });
});
