/**
 * The journey's dates stay in order (lib/domain/journey-dates.ts) in every
 * write of the data layer: a refused write names the date it conflicts with,
 * next to the field, and writes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { RuleError } from "@/lib/errors";
import type { Stage } from "@/lib/generated/prisma/enums";
import { logRound } from "@/lib/data/rounds";
import { recordFunds } from "@/lib/data/funds";
import { ZLogRound } from "@/lib/validation/round";
import { ZRecordFunds } from "@/lib/validation/stage";
import { footprint, makeActor, moveAsForm, makeAgreementKind, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor;
let kindId: number;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  kindId = (await makeAgreementKind()).id;
});

const move = (projectId: number, toStage: Stage, extra: Record<string, unknown>) => moveAsForm(officer, projectId, toStage, extra);
const sign = (signedOn: string) => ({ signedOn, contractedInvestmentCny: "300,000,000", agreementKindId: String(kindId) });

/** The call is refused with the order's message, one field error naming `date`, and nothing written. */
async function outOfOrder(projectId: number, call: () => Promise<unknown>, field: string, key: string, date: string) {
  const before = await footprint(projectId);
  const error = await call().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RuleError);
  expect((error as RuleError).messageKey).toBe("journey.rules.datesOutOfOrder");
  expect((error as RuleError).fieldErrors).toEqual({ [field]: `journey.validation.dates.${key}` });
  expect((error as RuleError).fieldValues).toEqual({ [field]: { date: new Date(`${date}T00:00:00Z`) } });
  expect(await footprint(projectId)).toEqual(before);
}

describe("the journey's dates stay in order", () => {
  it("a contract signed before the project's first contact is refused (issue 13's reproduction)", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"], firstContactOn: "2024-03-01" });
    await outOfOrder(p.id, () => move(p.id, "SIGNED", sign("2024-02-29")), "signedOn", "before.firstContact", "2024-03-01");
    expect((await move(p.id, "SIGNED", sign("2024-03-01"))).stage).toBe("SIGNED");
  });

  it("a skip to construction checks both: the signing after the first contact, the start after the signing", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"], firstContactOn: "2024-03-01" });
    await outOfOrder(p.id, () => move(p.id, "CONSTRUCTION", { ...sign("2024-01-10"), startedOn: "2024-04-01" }), "signedOn", "before.firstContact", "2024-03-01");
    await outOfOrder(p.id, () => move(p.id, "CONSTRUCTION", { ...sign("2024-03-10"), startedOn: "2024-03-09" }), "startedOn", "before.signed", "2024-03-10");
  });

  it("a round held before the first contact is refused", async () => {
    const p = await makeProject(officer, { path: ["INTENT"], firstContactOn: "2024-03-01" });
    const round = (heldOn: string) => logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "VISIT_HERE", summary: "首轮洽谈。", heldOn }));
    await outOfOrder(p.id, () => round("2024-02-28"), "heldOn", "before.firstContact", "2024-03-01");
    expect((await round("2024-03-01")).number).toBe(1);
  });

  it("funds in place before the signing, or before the construction start, are refused", async () => {
    const funds = (projectId: number, receivedOn: string) =>
      recordFunds(db, officer, ZRecordFunds.parse({ projectId: String(projectId), requestId: newRequestId(), amount: "10,000,000", currency: "CNY", receivedOn }));
    const signed = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: "2024-01-02", contractOn: "2024-06-01" });
    await outOfOrder(signed.id, () => funds(signed.id, "2024-05-31"), "receivedOn", "before.signed", "2024-06-01");
    const started = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], contractOn: "2024-06-01", startedOn: "2024-07-01" });
    await outOfOrder(started.id, () => funds(started.id, "2024-06-15"), "receivedOn", "before.start", "2024-07-01");
    await funds(started.id, "2024-07-01");
  });
});
