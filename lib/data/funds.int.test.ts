import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { NotFoundError, RuleError } from "@/lib/errors";
import { recordFunds } from "@/lib/data/funds";
import { ZRecordFunds } from "@/lib/validation/stage";
import { footprint, makeActor, makeProject, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
});

function input(projectId: number, extra: Record<string, unknown> = {}) {
  return ZRecordFunds.parse({ projectId: String(projectId), requestId: newRequestId(), amount: "30,000,000", currency: "CNY", receivedOn: "2024-08-01", ...extra });
}

describe("funds in place", () => {
  it("are recorded on signed, construction and operating projects", async () => {
    for (const path of [["SIGNED"], ["SIGNED", "CONSTRUCTION"], ["SIGNED", "CONSTRUCTION", "OPERATING"]] as const) {
      const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", ...path], contractOn: "2024-06-01" });
      const r = await recordFunds(db, officer, input(p.id, { currency: "USD", amount: "1500000.50", note: "外资到位" }));
      const row = await db.fundsInPlace.findUniqueOrThrow({ where: { id: r.id } });
      expect(row.amount.toString()).toBe("1500000.5");
      expect(row).toMatchObject({ currency: "USD", note: "外资到位", createdById: officer.id, receivedOn: new Date("2024-08-01T00:00:00Z") });
    }
  });

  it("are refused before signing: earlier stages, on hold and lost", async () => {
    for (const path of [[], ["INTENT"], ["INTENT", "NEGOTIATION"], ["INTENT", "ON_HOLD"], ["INTENT", "LOST"]] as const) {
      const p = await makeProject(officer, { path: [...path] });
      const before = await footprint(p.id);
      await expect(recordFunds(db, officer, input(p.id))).rejects.toMatchObject({ messageKey: "journey.rules.fundsNotSigned" });
      expect(await footprint(p.id)).toEqual(before);
    }
  });

  it("may not be dated before the signing date", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-06-01" });
    const before = await footprint(p.id);
    const error = await recordFunds(db, officer, input(p.id, { receivedOn: "2024-05-31" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fieldErrors).toEqual({ receivedOn: "journey.validation.dates.before.signed" });
    expect((error as RuleError).fieldValues).toEqual({ receivedOn: { date: new Date("2024-06-01T00:00:00Z") } });
    expect(await footprint(p.id)).toEqual(before);
    await recordFunds(db, officer, input(p.id, { receivedOn: "2024-06-01" }));
  });

  it("submitted twice are one row, with one audit row holding the amount", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const once = input(p.id);
    const [a, b] = await Promise.all([recordFunds(db, officer, once), recordFunds(db, officer, once)]);
    expect(b).toEqual(a);
    expect(await recordFunds(db, officer, once)).toEqual(a);
    expect(await db.fundsInPlace.count({ where: { projectId: p.id } })).toBe(1);
    const audits = await db.auditLog.findMany({ where: { action: "funds.create", entityId: String(a.id) } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: officer.id, entity: "funds_in_place", before: null });
    expect(audits[0].after).toMatchObject({ amount: "30000000", currency: "CNY", projectId: p.id });
  });

  it("on another unit's project are not found for an officer and a county manager", async () => {
    const owner = await makeActor("OFFICER");
    const p = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
    const before = await footprint(p.id);
    for (const user of [await makeActor("OFFICER"), await makeActor("MANAGER")]) {
      await expect(recordFunds(db, user, input(p.id))).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await footprint(p.id)).toEqual(before);
    for (const user of [await makeActor("MANAGER", undefined, "CITY"), await makeActor("ADMIN")]) {
      await recordFunds(db, user, input(p.id));
    }
    expect(await db.fundsInPlace.count({ where: { projectId: p.id } })).toBe(2);
    await expect(recordFunds(db, officer, input(2_000_000_000))).rejects.toBeInstanceOf(NotFoundError);
  });

  describe("bad input is refused by the shared schema", () => {
    const base = () => ({ projectId: "1", requestId: newRequestId(), amount: "100", currency: "CNY", receivedOn: "2024-01-01" });
    it.each([
      ["a negative amount", { amount: "-100" }],
      ["a zero amount", { amount: "0" }],
      ["an absurd amount", { amount: "10000000000001" }],
      ["words for an amount", { amount: "a lot" }],
      ["an unknown currency", { currency: "EUR" }],
      ["a date in the future", { receivedOn: ymd(1) }],
      ["no date", { receivedOn: undefined }],
      ["a note over 1000 characters", { note: "x".repeat(1001) }],
    ])("%s", (_name, extra) => {
      expect(ZRecordFunds.safeParse({ ...base(), ...extra }).success).toBe(false);
    });
  });
});
