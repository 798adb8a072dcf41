import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent, getEventPage, listEvents, updateEvent } from "@/lib/data/events";
import { ConflictError, ForbiddenError, RuleError } from "@/lib/errors";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { ZCreateEvent, ZUpdateEvent } from "@/lib/validation/event";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

async function actor(opts: { role?: Role; unitId?: number; city?: boolean } = {}) {
  const unitId = opts.unitId ?? (await makeUnit(opts.city ? "CITY" : "COUNTY")).id;
  const user = await makeUser({ role: opts.role ?? "OFFICER", unitId });
  const unit = await testDb().unit.findUniqueOrThrow({ where: { id: unitId } });
  return { id: user.id, role: user.role, unitId, unitIsCity: unit.kind === "CITY" };
}

function eventInput(unitId: number, overrides: Record<string, unknown> = {}) {
  return ZCreateEvent.parse({
    nameZh: `2024江州市（深圳）投资推介会${uniq()}`,
    nameEn: "2024 Jiangzhou Investment Conference (Shenzhen)",
    cityZh: "深圳",
    cityEn: "Shenzhen",
    startsOn: "2024-05-20",
    endsOn: "2024-05-21",
    unitId: String(unitId),
    requestId: randomUUID(),
    ...overrides,
  });
}

let companyId: number | undefined;
async function lead(eventId: number, unitId: number, ownerId: number, opts: { stage?: Stage; contracts?: string[] } = {}) {
  companyId ??= (await testDb().company.create({ data: { nameZh: `线索公司${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } })).id;
  const project = await testDb().project.create({
    data: { companyId, unitId, ownerId, eventId, title: `线索${uniq()}`, stage: opts.stage ?? "FIRST_CONTACT", plannedInvestmentCny: "100000000" },
  });
  if (opts.contracts?.length) {
    const kind = await testDb().referenceItem.upsert({
      where: { kind_code: { kind: "AGREEMENT_KIND", code: "test_formal" } },
      update: {},
      create: { kind: "AGREEMENT_KIND", code: "test_formal", nameZh: "正式投资合同", nameEn: "Formal contract" },
    });
    for (const amount of opts.contracts) {
      await testDb().contract.create({
        data: { projectId: project.id, signedOn: new Date("2024-06-01T00:00:00Z"), contractedInvestmentCny: amount, agreementKindId: kind.id, createdById: ownerId },
      });
    }
  }
  return project;
}

describe("events: who may organise them", () => {
  it("refuses an officer, also when called past the action's role check", async () => {
    const officer = await actor();
    await expect(createEvent(testDb(), officer, eventInput(officer.unitId))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await testDb().auditLog.count({ where: { action: "event.create", actorId: officer.id } })).toBe(0);
  });

  it("lets a county manager organise for their own unit only; a city manager for any", async () => {
    const countyManager = await actor({ role: "MANAGER" });
    const cityManager = await actor({ role: "MANAGER", city: true });
    const other = await makeUnit();
    const own = await createEvent(testDb(), countyManager, eventInput(countyManager.unitId));
    expect(own.id).toBeGreaterThan(0);
    await expect(createEvent(testDb(), countyManager, eventInput(other.id))).rejects.toBeInstanceOf(ForbiddenError);
    const city = await createEvent(testDb(), cityManager, eventInput(other.id));
    // A county manager sees the city's event but cannot edit it.
    const page = await getEventPage(testDb(), countyManager, { id: city.id });
    expect(page.canEdit).toBe(false);
    const edit = ZUpdateEvent.parse({ ...eventInput(other.id), startsOn: "2024-05-20", endsOn: "2024-05-21", id: city.id, version: 1 });
    await expect(updateEvent(testDb(), countyManager, edit)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("events: create and edit", () => {
  it("refuses an end before the start, in the schema and in the data layer", async () => {
    const manager = await actor({ role: "MANAGER" });
    const bad = ZCreateEvent.safeParse({ ...eventInput(manager.unitId), startsOn: "2024-05-21", endsOn: "2024-05-20" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["endsOn"], message: "endBeforeStart" });
    const oneDay = ZCreateEvent.safeParse({ ...eventInput(manager.unitId), startsOn: "2024-05-21", endsOn: "2024-05-21" });
    expect(oneDay.success).toBe(true);
    const input = { ...eventInput(manager.unitId), startsOn: new Date("2024-05-21T00:00:00Z"), endsOn: new Date("2024-05-20T00:00:00Z") };
    await expect(createEvent(testDb(), manager, input)).rejects.toBeInstanceOf(RuleError);
    expect(await testDb().promotionEvent.count({ where: { nameZh: input.nameZh } })).toBe(0);
  });

  it("creates one event per submit and audits it; edits carry the version", async () => {
    const manager = await actor({ role: "MANAGER" });
    const input = eventInput(manager.unitId);
    const [a, b] = await Promise.all([createEvent(testDb(), manager, input), createEvent(testDb(), manager, input)]);
    expect(b.id).toBe(a.id);
    expect(await testDb().promotionEvent.count({ where: { nameZh: input.nameZh } })).toBe(1);
    expect(await testDb().auditLog.count({ where: { action: "event.create", entityId: String(a.id) } })).toBe(1);

    const edit = ZUpdateEvent.parse({ ...input, startsOn: "2024-05-20", endsOn: "2024-05-22", cityEn: undefined, id: a.id, version: 1 });
    await updateEvent(testDb(), manager, edit);
    await expect(updateEvent(testDb(), manager, { ...edit, nameZh: "过时的修改" })).rejects.toBeInstanceOf(ConflictError);
    const row = await testDb().promotionEvent.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ nameZh: input.nameZh, cityEn: null, version: 2 });
    expect(row.endsOn.toISOString().slice(0, 10)).toBe("2024-05-22");
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "event.update", entityId: String(a.id) } });
    expect(audit.before).toMatchObject({ endsOn: "2024-05-21", cityEn: "Shenzhen", version: 1 });
    expect(audit.after).toMatchObject({ endsOn: "2024-05-22", cityEn: null, version: 2 });
  });
});

describe("events: leads, signed and value per event", () => {
  it("counts leads, signed leads and contracted value per event, within the user's scope", async () => {
    const city = await makeUnit("CITY");
    const unitA = await makeUnit();
    const unitB = await makeUnit();
    const admin = await actor({ role: "ADMIN", unitId: city.id });
    const officerA = await actor({ unitId: unitA.id });
    const officerB = await actor({ unitId: unitB.id });
    const beijing = await createEvent(testDb(), admin, eventInput(city.id));
    const shenzhen = await createEvent(testDb(), admin, eventInput(city.id, { startsOn: "2024-11-02", endsOn: "2024-11-03" }));
    const empty = await createEvent(testDb(), admin, eventInput(city.id, { startsOn: "2024-12-02", endsOn: "2024-12-02" }));

    // Beijing: A has 3 leads, 1 signed with two phases (3亿 + 1.5亿); B has 2 leads, 1 signed (8亿).
    await lead(beijing.id, unitA.id, officerA.id);
    await lead(beijing.id, unitA.id, officerA.id, { stage: "NEGOTIATION" });
    await lead(beijing.id, unitA.id, officerA.id, { stage: "CONSTRUCTION", contracts: ["300000000.00", "150000000.50"] });
    await lead(beijing.id, unitB.id, officerB.id);
    const secret = await lead(beijing.id, unitB.id, officerB.id, { stage: "SIGNED", contracts: ["800000000"] });
    // Shenzhen: one lead of B.
    await lead(shenzhen.id, unitB.id, officerB.id);

    const byId = async (user: typeof admin) => new Map((await listEvents(testDb(), user)).map((e) => [e.id, e]));
    const all = await byId(admin);
    expect(all.get(beijing.id)).toMatchObject({ leadCount: 5, signedCount: 2, signedValueCny: "1250000000.50" });
    expect(all.get(shenzhen.id)).toMatchObject({ leadCount: 1, signedCount: 0, signedValueCny: "0" });
    expect(all.get(empty.id)).toMatchObject({ leadCount: 0, signedCount: 0, signedValueCny: "0" });

    const forA = await byId(officerA);
    expect(forA.get(beijing.id)).toMatchObject({ leadCount: 3, signedCount: 1, signedValueCny: "450000000.50" });
    expect(forA.get(shenzhen.id)).toMatchObject({ leadCount: 0, signedCount: 0 });
    const forB = await byId(officerB);
    expect(forB.get(beijing.id)).toMatchObject({ leadCount: 2, signedCount: 1, signedValueCny: "800000000.00" });

    const page = await getEventPage(testDb(), officerA, { id: beijing.id });
    expect(page.leads).toHaveLength(3);
    expect(page.leads.map((l) => l.id)).not.toContain(secret.id);
    expect(JSON.stringify(page)).not.toContain(secret.title);
    expect(page.event.leadCount).toBe(3);
    expect(page.canEdit).toBe(false);
  });
});
