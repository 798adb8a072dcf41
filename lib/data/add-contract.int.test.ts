/**
 * A further contract on a project already signed (issue 16): an upgrade, a
 * capital increase or a repeat signing, recorded from the project page. How
 * each counts is the rule's (lib/domain/signings.ts); this checks the action
 * records it once, in scope, versioned and audited, and that the counting
 * (the report's reconciliation, the dashboard's signed total) follows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { addContract, getProjectRecognition, getReconciliation } from "@/lib/data/signings";
import { ZAddContract } from "@/lib/validation/signings";
import { yearPeriod } from "@/lib/domain/period";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import { footprint, makeActor, makeAgreementKind, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor, manager: TestActor, stranger: TestActor;
let kindId: number;
let eventId: number;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  manager = await makeActor("MANAGER", officer.unitId);
  stranger = await makeActor("OFFICER");
  kindId = (await makeAgreementKind()).id;
  const s = uniq();
  eventId = (await db.promotionEvent.create({ data: { nameZh: `深圳推介会${s}`, cityZh: "深圳", startsOn: new Date("2024-05-10"), endsOn: new Date("2024-05-11"), unitId: officer.unitId } })).id;
});

const version = async (projectId: number) => (await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { version: true } })).version;

/** The form's fields as strings, through the action's schema. */
async function input(projectId: number, fields: Record<string, string>, requestId = newRequestId()) {
  return ZAddContract.parse({ projectId: String(projectId), version: String(await version(projectId)), requestId, agreementKindId: String(kindId), ...fields });
}

/** A signed project whose first contract (2024-01-10, 100m) is of `kind`. */
async function signed(kind: "FORMAL" | "FRAMEWORK") {
  const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-01-10" });
  await db.contract.updateMany({ where: { projectId: p.id }, data: { kind, contractedInvestmentCny: "100000000" } });
  return p;
}

const in2024 = () => ({ period: yearPeriod(2024), unitId: officer.unitId });

describe("adding a contract to a signed project", () => {
  it("an upgrade of a framework agreement counts no new amount: the first date and amount stay", async () => {
    const p = await signed("FRAMEWORK");
    const before = await getReconciliation(db, manager, in2024());
    const r = await addContract(db, officer, await input(p.id, { kind: "UPGRADE", signedOn: "2024-03-01", contractedInvestmentCny: "1.5亿" }));
    expect(r).toMatchObject({ role: "UPGRADE", counted: false, version: 2 });
    const after = await getReconciliation(db, manager, in2024());
    expect(after.counted.cny).toBe(before.counted.cny);
    expect(after.upgrades.signings).toBe(before.upgrades.signings + 1);
    const page = await getProjectRecognition(db, officer, { projectId: p.id });
    expect(page.signings.map((s) => [s.role, s.cny])).toEqual([
      ["BASE", "100000000"],
      ["UPGRADE", "150000000"],
    ]);
  });

  it("a capital increase counts only the increase, in its own period", async () => {
    const p = await signed("FORMAL");
    const before = await getReconciliation(db, manager, in2024());
    const r = await addContract(db, manager, await input(p.id, { kind: "CAPITAL_INCREASE", signedOn: "2024-06-01", contractedInvestmentCny: "3000万" }));
    expect(r).toMatchObject({ role: "INCREASE", counted: true });
    const after = await getReconciliation(db, manager, in2024());
    expect(Number(after.counted.cny) - Number(before.counted.cny)).toBe(30_000_000);
    // One project in the year however many of its signings count.
    expect(after.counted.projects).toBe(before.counted.projects);
  });

  it("a second formal signing at another event is a repeat: recorded with its event, flagged, never counted", async () => {
    const p = await signed("FORMAL");
    const before = await getReconciliation(db, manager, in2024());
    const r = await addContract(db, officer, await input(p.id, { kind: "FORMAL", signedOn: "2024-05-10", contractedInvestmentCny: "100000000", eventId: String(eventId), note: "深圳推介会上再签" }));
    expect(r).toMatchObject({ role: "REPEAT", counted: false });
    const after = await getReconciliation(db, manager, in2024());
    expect(after.counted.cny).toBe(before.counted.cny);
    expect(after.repeats.signings).toBe(before.repeats.signings + 1);
    const page = await getProjectRecognition(db, officer, { projectId: p.id });
    expect(page.signings[1]).toMatchObject({ role: "REPEAT", event: { id: eventId } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "contract.create", entityId: String(r.contractId) } });
    expect(audit).toMatchObject({ actorId: officer.id, entity: "contract" });
    expect(audit.after).toMatchObject({ projectId: p.id, kind: "FORMAL", eventId, role: "REPEAT", counted: false });
  });

  it("a double submit records one contract", async () => {
    const p = await signed("FORMAL");
    const same = await input(p.id, { kind: "CAPITAL_INCREASE", signedOn: "2024-07-01", contractedInvestmentCny: "20000000" });
    const [a, b] = await Promise.all([addContract(db, officer, same), addContract(db, officer, same)]);
    expect(a.contractId).toBe(b.contractId);
    expect(await db.contract.count({ where: { projectId: p.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: "contract.create", entityId: String(a.contractId) } })).toBe(1);
  });

  it("refuses a stale version, a project out of scope, an unsigned project and a date before the first contact, writing nothing", async () => {
    const p = await signed("FORMAL");
    const stale = await input(p.id, { kind: "CAPITAL_INCREASE", signedOn: "2024-07-01", contractedInvestmentCny: "20000000" });
    await db.project.update({ where: { id: p.id }, data: { version: { increment: 1 } } });
    const untouched = await footprint(p.id);
    await expect(addContract(db, officer, stale)).rejects.toBeInstanceOf(ConflictError);
    await expect(addContract(db, stranger, await input(p.id, { kind: "CAPITAL_INCREASE", signedOn: "2024-07-01", contractedInvestmentCny: "1" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(addContract(db, officer, await input(p.id, { kind: "CAPITAL_INCREASE", signedOn: "2022-12-31", contractedInvestmentCny: "1" }))).rejects.toBeInstanceOf(RuleError);
    await expect(addContract(db, officer, await input(p.id, { kind: "UPGRADE", signedOn: "2024-07-01", contractedInvestmentCny: "1", eventId: "2147483000" }))).rejects.toBeInstanceOf(RuleError);
    expect(await footprint(p.id)).toEqual(untouched);

    const lead = await makeProject(officer, { path: ["INTENT"] });
    const leadBefore = await footprint(lead.id);
    await expect(addContract(db, officer, await input(lead.id, { kind: "FORMAL", signedOn: "2024-07-01", contractedInvestmentCny: "1" }))).rejects.toMatchObject({ messageKey: "signings.add.notSigned" });
    expect(await footprint(lead.id)).toEqual(leadBefore);
  });
});
