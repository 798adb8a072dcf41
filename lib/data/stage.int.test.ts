import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import { getJourneyState, listAgreementKinds, transitionStage } from "@/lib/data/stage";
import { ZTransitionStage } from "@/lib/validation/stage";
import { planMove, targetStages } from "@/lib/domain/stages";
import { footprint, makeActor, moveAsForm, makeAgreementKind, makeProject, makeSector, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();

let officer: TestActor;
let kindId: number;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  kindId = (await makeAgreementKind()).id;
});

const move = moveAsForm;

const contract = () => ({ signedOn: "2024-03-01", contractedInvestmentCny: "1,200,000,000", agreementKindId: String(kindId) });

async function refused(promise: Promise<unknown>, messageKey: string, fields: string[] = []) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RuleError);
  expect((error as RuleError).messageKey).toBe(messageKey);
  expect(Object.keys((error as RuleError).fieldErrors).sort()).toEqual([...fields].sort());
}

describe("forward moves need what the stage needs", () => {
  it("INTENT needs a visit date or a stated-intent note", async () => {
    const p = await makeProject(officer);
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "INTENT"), "journey.rules.stageNeedsData", ["intentNote"]);
    expect(await footprint(p.id)).toEqual(before);

    const moved = await move(officer, p.id, "INTENT", { intentNote: "董事长来访，表示有意在园区投资" });
    expect(moved.stage).toBe("INTENT");
    const change = await db.stageChange.findUniqueOrThrow({ where: { id: moved.stageChangeId } });
    expect(change).toMatchObject({ fromStage: "FIRST_CONTACT", toStage: "INTENT", changedById: officer.id, reason: "董事长来访，表示有意在园区投资" });

    const q = await makeProject(officer);
    const byVisit = await move(officer, q.id, "INTENT", { visitOn: "2024-05-06" });
    expect((await db.stageChange.findUniqueOrThrow({ where: { id: byVisit.stageChangeId } })).reason).toBe("2024-05-06");
  });

  it("NEGOTIATION follows INTENT with nothing more", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    expect((await move(officer, p.id, "NEGOTIATION")).stage).toBe("NEGOTIATION");
  });

  it("SIGNED needs signing date, contracted investment and agreement kind, and creates the contract", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "SIGNED"), "journey.rules.stageNeedsData", ["signedOn", "contractedInvestmentCny", "agreementKindId"]);
    const { signedOn, contractedInvestmentCny, agreementKindId } = contract();
    await refused(move(officer, p.id, "SIGNED", { contractedInvestmentCny, agreementKindId }), "journey.rules.stageNeedsData", ["signedOn"]);
    await refused(move(officer, p.id, "SIGNED", { signedOn, agreementKindId }), "journey.rules.stageNeedsData", ["contractedInvestmentCny"]);
    await refused(move(officer, p.id, "SIGNED", { signedOn, contractedInvestmentCny }), "journey.rules.stageNeedsData", ["agreementKindId"]);
    expect(await footprint(p.id)).toEqual(before);

    const moved = await move(officer, p.id, "SIGNED", { ...contract(), contractedForeignUsd: "20000000", contractNote: "正式投资合同" });
    expect(moved.contractId).not.toBeNull();
    const row = await db.contract.findUniqueOrThrow({ where: { id: moved.contractId! } });
    expect(row.signedOn.toISOString()).toBe("2024-03-01T00:00:00.000Z");
    expect(row.contractedInvestmentCny.toString()).toBe("1200000000");
    expect(row.contractedForeignUsd?.toString()).toBe("20000000");
    expect(row).toMatchObject({ agreementKindId: kindId, projectId: p.id, createdById: officer.id, note: "正式投资合同" });
  });

  it("SIGNED refuses an unknown, retired or wrong-kind agreement kind and a future signing date", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const before = await footprint(p.id);
    const retired = await makeAgreementKind(true);
    const sector = await makeSector();
    for (const id of [2_000_000_000, retired.id, sector.id]) {
      await refused(move(officer, p.id, "SIGNED", { ...contract(), agreementKindId: String(id) }), "invalid", ["agreementKindId"]);
    }
    expect(ZTransitionStage.safeParse({ projectId: "1", version: "1", requestId: newRequestId(), toStage: "SIGNED", ...contract(), signedOn: ymd(1) }).success).toBe(false);
    expect(await footprint(p.id)).toEqual(before);
  });

  it("CONSTRUCTION needs a start date on or after the signing date and creates the start", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-03-01" });
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "CONSTRUCTION"), "journey.rules.stageNeedsData", ["startedOn"]);
    await refused(move(officer, p.id, "CONSTRUCTION", { startedOn: "2024-02-29" }), "journey.rules.datesOutOfOrder", ["startedOn"]);
    expect(await footprint(p.id)).toEqual(before);

    const moved = await move(officer, p.id, "CONSTRUCTION", { startedOn: "2024-03-01", startNote: "一期开工" });
    const start = await db.constructionStart.findUniqueOrThrow({ where: { id: moved.constructionStartId! } });
    expect(start).toMatchObject({ projectId: p.id, note: "一期开工", startedOn: new Date("2024-03-01T00:00:00Z") });
  });

  it("no construction before signing: a project in negotiation cannot start construction without a contract", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "CONSTRUCTION", { startedOn: "2024-04-01" }), "journey.rules.skipNeedsData", ["signedOn", "contractedInvestmentCny", "agreementKindId"]);
    // with the contract in the same move, the start may not precede its signing
    await refused(move(officer, p.id, "CONSTRUCTION", { ...contract(), startedOn: "2024-02-01" }), "journey.rules.datesOutOfOrder", ["startedOn"]);
    expect(await footprint(p.id)).toEqual(before);
  });

  it("OPERATING only from CONSTRUCTION", async () => {
    const signed = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    await refused(move(officer, signed.id, "OPERATING", { startedOn: "2024-04-01" }), "journey.rules.operatingOnlyFromConstruction", ["toStage"]);
    const building = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"] });
    expect((await move(officer, building.id, "OPERATING")).stage).toBe("OPERATING");
  });

  it("a move to the stage the project is in is refused", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    await refused(move(officer, p.id, "INTENT", { intentNote: "x" }), "journey.rules.sameStage", ["toStage"]);
  });
});

describe("skipping stages", () => {
  it("without the skipped stages' data is refused with a clear message", async () => {
    const p = await makeProject(officer);
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "NEGOTIATION"), "journey.rules.skipNeedsData", ["intentNote"]);
    await refused(move(officer, p.id, "SIGNED"), "journey.rules.skipNeedsData", ["signedOn", "contractedInvestmentCny", "agreementKindId"]);
    await refused(move(officer, p.id, "CONSTRUCTION", contract()), "journey.rules.skipNeedsData", ["startedOn"]);
    expect(await footprint(p.id)).toEqual(before);
  });

  it("with the skipped stages' data is allowed: one stage change, the contract and the start", async () => {
    const p = await makeProject(officer);
    const moved = await move(officer, p.id, "SIGNED", contract());
    expect(moved.stage).toBe("SIGNED");
    expect(await db.stageChange.findUniqueOrThrow({ where: { id: moved.stageChangeId } })).toMatchObject({ fromStage: "FIRST_CONTACT", toStage: "SIGNED" });
    expect(await db.contract.count({ where: { projectId: p.id } })).toBe(1);

    const q = await makeProject(officer);
    const built = await move(officer, q.id, "CONSTRUCTION", { ...contract(), startedOn: "2024-05-01" });
    expect(built.contractId).not.toBeNull();
    expect(built.constructionStartId).not.toBeNull();

    const r = await makeProject(officer);
    expect((await move(officer, r.id, "NEGOTIATION", { visitOn: "2024-01-10" })).stage).toBe("NEGOTIATION");
  });
});

describe("backward, on hold, lost and revival need a reason", () => {
  it("a backward move without a reason is refused; with one it is recorded on the change and the project", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const before = await footprint(p.id);
    await refused(move(officer, p.id, "INTENT"), "journey.rules.reasonRequired", ["reason"]);
    expect(await footprint(p.id)).toEqual(before);
    const moved = await move(officer, p.id, "INTENT", { reason: "投资方要求重新考察选址" });
    const project = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(project).toMatchObject({ stage: "INTENT", stageReason: "投资方要求重新考察选址", version: before.project.version + 1 });
    expect((await db.stageChange.findUniqueOrThrow({ where: { id: moved.stageChangeId } })).reason).toBe("投资方要求重新考察选址");
  });

  it("ON_HOLD and LOST without a reason are refused, from any stage", async () => {
    for (const target of ["ON_HOLD", "LOST"] as const) {
      const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
      const before = await footprint(p.id);
      await refused(move(officer, p.id, target), "journey.rules.reasonRequired", ["reason"]);
      await refused(move(officer, p.id, target, { reason: "   " }), "journey.rules.reasonRequired", ["reason"]);
      expect(await footprint(p.id)).toEqual(before);
      await move(officer, p.id, target, { reason: "集团资金链紧张" });
      expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ stage: target, stageReason: "集团资金链紧张" });
    }
  });

  it("reviving goes back to the stage before the pause (read from the history), or an earlier one, with a reason", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    await move(officer, p.id, "ON_HOLD", { reason: "等待集团董事会决策" });
    await move(officer, p.id, "LOST", { reason: "转投外省" });
    const state = await getJourneyState(db, officer, { projectId: p.id });
    expect(state.facts.reviveTo).toBe("NEGOTIATION");
    // back to where it was or earlier; further on (with the data) or to hold; never straight to operation
    expect(targetStages("LOST", state.facts)).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "ON_HOLD"]);

    await refused(move(officer, p.id, "NEGOTIATION"), "journey.rules.reasonRequired", ["reason"]);
    const revived = await move(officer, p.id, "NEGOTIATION", { reason: "对方重新启动项目" });
    expect(revived.stage).toBe("NEGOTIATION");
    expect(await db.stageChange.findUniqueOrThrow({ where: { id: revived.stageChangeId } })).toMatchObject({ fromStage: "LOST", toStage: "NEGOTIATION", reason: "对方重新启动项目" });

    const q = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED", "ON_HOLD"] });
    expect((await move(officer, q.id, "INTENT", { reason: "重新评估" })).stage).toBe("INTENT");
    expect((await db.project.findUniqueOrThrow({ where: { id: q.id } })).stageReason).toBe("重新评估");
  });

  it("reviving past the stage before the pause needs that stage's data, as a forward move would", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "ON_HOLD"] });
    await refused(move(officer, p.id, "SIGNED", { reason: "对方同意签约" }), "journey.rules.stageNeedsData", ["signedOn", "contractedInvestmentCny", "agreementKindId"]);
    await refused(move(officer, p.id, "OPERATING", { reason: "x" }), "journey.rules.operatingOnlyFromConstruction", ["toStage"]);
    const moved = await move(officer, p.id, "SIGNED", { reason: "对方同意签约", ...contract() });
    expect(moved.contractId).not.toBeNull();
  });

  it("moving forward again after a step back keeps the existing contract (no second one needed)", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    await move(officer, p.id, "NEGOTIATION", { reason: "合同条款重新谈判" });
    const again = await move(officer, p.id, "SIGNED");
    expect(again.contractId).toBeNull();
    expect(await db.contract.count({ where: { projectId: p.id } })).toBe(1);
  });
});

describe("access: a project of another unit is not found, and nothing is written", () => {
  it("for an officer and a county manager; a city manager and an admin may move it", async () => {
    const owner = await makeActor("OFFICER");
    const outsiders = [await makeActor("OFFICER"), await makeActor("MANAGER")];
    for (const user of outsiders) {
      const p = await makeProject(owner, { path: ["INTENT"] });
      const before = await footprint(p.id);
      await expect(getJourneyState(db, user, { projectId: p.id })).rejects.toBeInstanceOf(NotFoundError);
      await expect(move(user, p.id, "NEGOTIATION")).rejects.toBeInstanceOf(NotFoundError);
      await expect(move(user, p.id, "LOST", { reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
      expect(await footprint(p.id)).toEqual(before);
    }
    const sameUnitManager = await makeActor("MANAGER", owner.unitId);
    const cityManager = await makeActor("MANAGER", undefined, "CITY");
    const admin = await makeActor("ADMIN");
    for (const user of [owner, sameUnitManager, cityManager, admin]) {
      const p = await makeProject(owner, { path: ["INTENT"] });
      expect((await getJourneyState(db, user, { projectId: p.id })).stage).toBe("INTENT");
      const moved = await move(user, p.id, "NEGOTIATION");
      expect((await db.stageChange.findUniqueOrThrow({ where: { id: moved.stageChangeId } })).changedById).toBe(user.id);
    }
  });

  it("an unknown project id is not found", async () => {
    const input = ZTransitionStage.parse({ projectId: "2000000000", version: "1", requestId: newRequestId(), toStage: "INTENT", intentNote: "x" });
    await expect(transitionStage(db, officer, input)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("versions and double submits", () => {
  it("a move against an older version is a conflict with the project as it is now; nothing is written", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    const stale = p.version;
    await move(officer, p.id, "NEGOTIATION");
    const before = await footprint(p.id);
    const input = ZTransitionStage.parse({ projectId: String(p.id), version: String(stale), requestId: newRequestId(), toStage: "LOST", reason: "x" });
    const error = await transitionStage(db, officer, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).answer).toMatchObject({ values: { stage: "NEGOTIATION" }, version: stale + 1 });
    expect(await footprint(p.id)).toEqual(before);
  });

  it("the same move submitted twice (one after the other, or at once) moves once and creates one contract", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const input = ZTransitionStage.parse({ projectId: String(p.id), version: String(p.version), requestId: newRequestId(), toStage: "SIGNED", ...contract() });
    const [a, b] = await Promise.all([transitionStage(db, officer, input), transitionStage(db, officer, input)]);
    const c = await transitionStage(db, officer, input);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await db.stageChange.count({ where: { projectId: p.id, toStage: "SIGNED" } })).toBe(1);
    expect(await db.contract.count({ where: { projectId: p.id } })).toBe(1);
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ stage: "SIGNED", version: p.version + 1 });
    expect(await db.auditLog.count({ where: { action: "project.stage", entityId: String(p.id) } })).toBe(1);
  });

  it("a construction start submitted twice creates one start", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const input = ZTransitionStage.parse({ projectId: String(p.id), version: String(p.version), requestId: newRequestId(), toStage: "CONSTRUCTION", startedOn: "2024-01-01" });
    await Promise.all([transitionStage(db, officer, input), transitionStage(db, officer, input)]);
    expect(await db.constructionStart.count({ where: { projectId: p.id } })).toBe(1);
  });
});

describe("audit", () => {
  it("every move writes who, before and after; a contract and a start get their own rows", async () => {
    const p = await makeProject(officer);
    const moved = await move(officer, p.id, "CONSTRUCTION", { ...contract(), startedOn: "2024-06-01" });
    const rows = await db.auditLog.findMany({ where: { actorId: officer.id, OR: [{ entity: "project", entityId: String(p.id) }, { after: { path: ["projectId"], equals: p.id } }] }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["project.stage", "contract.create", "construction_start.create"]);
    expect(rows[0].before).toMatchObject({ stage: "FIRST_CONTACT", version: p.version });
    expect(rows[0].after).toMatchObject({ stage: "CONSTRUCTION", version: p.version + 1, stageChangeId: moved.stageChangeId });
    expect(rows[1]).toMatchObject({ entity: "contract", entityId: String(moved.contractId), before: null });
    expect(rows[1].after).toMatchObject({ contractedInvestmentCny: "1200000000", agreementKindId: kindId });
    expect(rows[2].after).toMatchObject({ startedOn: "2024-06-01T00:00:00.000Z" });
  });
});

describe("bad input is refused by the shared schema", () => {
  const base = () => ({ projectId: "1", version: "1", requestId: newRequestId(), toStage: "SIGNED" });
  it.each([
    ["a negative amount", { contractedInvestmentCny: "-5" }],
    ["a zero amount", { contractedInvestmentCny: "0" }],
    ["an absurd amount", { contractedInvestmentCny: "99999999999999999" }],
    ["three decimals", { contractedInvestmentCny: "1.234" }],
    ["a negative dollar amount", { contractedForeignUsd: "-1" }],
    ["a reason over 500 characters", { reason: "因".repeat(501) }],
    ["a note over 1000 characters", { contractNote: "x".repeat(1001) }],
    ["a start date in the future", { startedOn: ymd(2) }],
    ["a bad date", { signedOn: "2024-02-30x" }],
    ["an unknown stage", { toStage: "DONE" }],
    ["a request id that is not a uuid", { requestId: "abc" }],
    ["a non-numeric agreement kind", { agreementKindId: "formal" }],
  ])("%s", (_name, extra) => {
    expect(ZTransitionStage.safeParse({ ...base(), ...extra }).success).toBe(false);
  });
});

describe("planMove", () => {
  const facts = { hasContract: false, hasStart: false, reviveTo: null };
  it("names what each move needs", () => {
    expect(planMove("FIRST_CONTACT", "INTENT", facts)).toEqual({ ok: true, kind: "forward", skips: false, needs: { reason: false, intent: true, contract: false, start: false } });
    expect(planMove("FIRST_CONTACT", "SIGNED", facts)).toMatchObject({ kind: "forward", skips: true, needs: { intent: false, contract: true } });
    expect(planMove("SIGNED", "NEGOTIATION", facts)).toMatchObject({ kind: "backward", needs: { reason: true } });
    expect(planMove("SIGNED", "OPERATING", facts)).toEqual({ ok: false, refusal: "operatingOnlyFromConstruction" });
    expect(planMove("ON_HOLD", "NEGOTIATION", { ...facts, reviveTo: "SIGNED" })).toMatchObject({ kind: "revive", needs: { reason: true, contract: false } });
  });
});

describe("journey state for the forms", () => {
  it("has the stage, version, next round number and the agreement kinds", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const state = await getJourneyState(db, officer, { projectId: p.id });
    expect(state).toMatchObject({ id: p.id, stage: "SIGNED", version: p.version, nextRoundNumber: 1, facts: { hasContract: true, hasStart: false } });
    const kinds = await listAgreementKinds(db, officer);
    expect(kinds.map((k) => k.id)).toContain(kindId);
  });
});
