import { beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { boardFilter, getPipeline, pipelineTotals, type PipelineColumn } from "@/lib/data/pipeline";
import { fromSearchParams, projectsHref } from "@/lib/domain/project-filter";
import { listProjects } from "@/lib/data/project-list";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";

type Made = Awaited<ReturnType<typeof makeUser>>;

function actor(user: Made, unitIsCity = false): CurrentUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, unitId: user.unitId, unitNameZh: "", unitNameEn: "", unitIsCity };
}

async function makeProject(opts: { unitId: number; ownerId: number; stage: Stage; amount?: string | null; title?: string; stageEnteredAt?: Date; lastRoundOn?: Date }) {
  const s = uniq();
  const company = await testDb().company.create({ data: { nameZh: `看板企业${s}`, nameEn: `Board Co ${s}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return testDb().project.create({
    data: {
      companyId: company.id,
      title: opts.title ?? `看板项目${s}`,
      unitId: opts.unitId,
      ownerId: opts.ownerId,
      stage: opts.stage,
      plannedInvestmentCny: opts.amount ?? null,
      stageEnteredAt: opts.stageEnteredAt,
      lastRoundOn: opts.lastRoundOn,
    },
  });
}

const column = (columns: PipelineColumn[], stage: Stage) => columns.find((c) => c.stage === stage)!;
const ids = (columns: PipelineColumn[]) => columns.flatMap((c) => c.cards.map((card) => card.id));

describe("pipeline board", () => {
  let officerA: CurrentUser, officerA2: CurrentUser, managerA: CurrentUser, officerB: CurrentUser, cityManager: CurrentUser, admin: CurrentUser;
  let unitA: number, unitB: number;
  const projectsA: number[] = [];
  const projectsB: number[] = [];
  let aliceIntent: number;
  let oldNegotiation: number;

  beforeAll(async () => {
    unitA = (await makeUnit("COUNTY")).id;
    unitB = (await makeUnit("DISTRICT")).id;
    const city = await makeUnit("CITY");
    officerA = actor(await makeUser({ unitId: unitA }));
    officerA2 = actor(await makeUser({ unitId: unitA }));
    managerA = actor(await makeUser({ unitId: unitA, role: "MANAGER" }));
    officerB = actor(await makeUser({ unitId: unitB }));
    cityManager = actor(await makeUser({ unitId: city.id, role: "MANAGER" }), true);
    admin = actor(await makeUser({ unitId: unitB, role: "ADMIN" }));

    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    oldNegotiation = (await makeProject({ unitId: unitA, ownerId: officerA.id, stage: "NEGOTIATION", amount: "100000000.50", stageEnteredAt: tenDaysAgo, lastRoundOn: new Date("2026-03-02T00:00:00Z") })).id;
    projectsA.push(oldNegotiation);
    projectsA.push((await makeProject({ unitId: unitA, ownerId: officerA.id, stage: "NEGOTIATION", amount: "250000000.25" })).id);
    projectsA.push((await makeProject({ unitId: unitA, ownerId: officerA.id, stage: "NEGOTIATION", amount: null })).id);
    projectsA.push((await makeProject({ unitId: unitA, ownerId: officerA.id, stage: "SIGNED", amount: "5000000000" })).id);
    projectsA.push((await makeProject({ unitId: unitA, ownerId: officerA.id, stage: "LOST", amount: "1000" })).id);
    aliceIntent = (await makeProject({ unitId: unitA, ownerId: officerA2.id, stage: "INTENT", amount: "30000000" })).id;
    projectsA.push(aliceIntent);
    projectsB.push((await makeProject({ unitId: unitB, ownerId: officerB.id, stage: "NEGOTIATION", amount: "700000000" })).id);
    projectsB.push((await makeProject({ unitId: unitB, ownerId: officerB.id, stage: "NEGOTIATION", amount: "700000000" })).id);
  });

  it("has one column per stage, journey first, on hold and lost last", async () => {
    const columns = await getPipeline(testDb(), officerA);
    expect(columns.map((c) => c.stage)).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING", "ON_HOLD", "LOST"]);
  });

  it("counts and sums planned investment per column exactly (SQL aggregate, decimals kept)", async () => {
    const columns = await getPipeline(testDb(), officerA);
    expect(column(columns, "NEGOTIATION")).toMatchObject({ count: 3, more: 0 });
    expect(new Decimal(column(columns, "NEGOTIATION").sumCny).eq("350000000.75")).toBe(true);
    expect(column(columns, "SIGNED").count).toBe(1);
    expect(new Decimal(column(columns, "SIGNED").sumCny).eq("5000000000")).toBe(true);
    expect(column(columns, "INTENT").count).toBe(1);
    expect(column(columns, "LOST").count).toBe(1);
    expect(new Decimal(column(columns, "LOST").sumCny).eq(1000)).toBe(true);
    expect(column(columns, "FIRST_CONTACT")).toMatchObject({ count: 0, sumCny: "0", cards: [], more: 0 });
  });

  it("gives each card what the board shows and the dialog needs", async () => {
    const columns = await getPipeline(testDb(), officerA);
    const card = column(columns, "NEGOTIATION").cards.find((c) => c.id === oldNegotiation)!;
    expect(card).toMatchObject({ version: 1, stage: "NEGOTIATION", plannedInvestmentCny: "100000000.5", ownerName: officerA.name });
    expect(card.companyNameZh).toMatch(/^看板企业/);
    expect(card.companyNameEn).toMatch(/^Board Co /);
    expect(card.daysInStage).toBe(10);
    expect(card.lastRoundOn?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("an officer of county A never sees county B's cards or counts; nor does A's manager", async () => {
    for (const user of [officerA, managerA]) {
      const columns = await getPipeline(testDb(), user);
      expect(ids(columns).sort()).toEqual([...projectsA].sort());
      expect(column(columns, "NEGOTIATION").count).toBe(3);
      // Asking for B's unit in the URL does not widen the scope.
      const asked = await getPipeline(testDb(), user, { unitId: unitB });
      expect(ids(asked)).toEqual([]);
      expect(asked.every((c) => c.count === 0)).toBe(true);
    }
    const columnsB = await getPipeline(testDb(), officerB);
    expect(ids(columnsB).sort()).toEqual([...projectsB].sort());
    expect(column(columnsB, "NEGOTIATION").count).toBe(2);
    expect(new Decimal(column(columnsB, "NEGOTIATION").sumCny).eq("1400000000")).toBe(true);
  });

  it("a city manager and an admin see both counties, and can narrow to one", async () => {
    for (const user of [cityManager, admin]) {
      const totals = await pipelineTotals(testDb(), user);
      expect(totals.get("NEGOTIATION")!.count).toBeGreaterThanOrEqual(5);
      const a = await getPipeline(testDb(), user, { unitId: unitA });
      expect(ids(a).sort()).toEqual([...projectsA].sort());
      const b = await getPipeline(testDb(), user, { unitId: unitB });
      expect(ids(b).sort()).toEqual([...projectsB].sort());
      expect(column(b, "NEGOTIATION").count).toBe(2);
    }
  });

  it("'mine' (the owner filter on the user's id) keeps only the user's own projects, and the columns link to the same list", async () => {
    const columns = await getPipeline(testDb(), officerA2, { ownerId: officerA2.id });
    expect(projectsHref({ ...boardFilter({ ownerId: officerA2.id }), stage: "INTENT" })).toBe(`/projects?stage=INTENT&ownerId=${officerA2.id}`);
    const list = await listProjects(testDb(), officerA2, fromSearchParams({ stage: "INTENT", ownerId: String(officerA2.id) }));
    expect(list.rows.map((r) => r.id)).toEqual([aliceIntent]);
    expect(ids(columns)).toEqual([aliceIntent]);
    expect(column(columns, "INTENT").count).toBe(1);
    expect(column(columns, "NEGOTIATION").count).toBe(0);
  });

  it("limits cards per column to the most recently updated, counting the rest", async () => {
    const newest = projectsA[2];
    await testDb().project.update({ where: { id: newest }, data: { jobs: 10 } }); // bumps updated_at
    const columns = await getPipeline(testDb(), officerA, { cardLimit: 1 });
    const negotiation = column(columns, "NEGOTIATION");
    expect(negotiation.cards.map((c) => c.id)).toEqual([newest]);
    expect(negotiation).toMatchObject({ count: 3, more: 2 });
  });

  it("column totals are kept between reads and follow a change at once", async () => {
    const unit = (await makeUnit("COUNTY")).id;
    const officer = actor(await makeUser({ unitId: unit }));
    const project = await makeProject({ unitId: unit, ownerId: officer.id, stage: "INTENT", amount: "1000000" });
    const before = await pipelineTotals(testDb(), officer);
    expect(before.get("INTENT")).toEqual({ count: 1, sumCny: "1000000.00" });
    // Nothing changed in between: the same totals, not computed again.
    expect(await pipelineTotals(testDb(), officer)).toBe(before);

    await testDb().project.update({ where: { id: project.id }, data: { stage: "NEGOTIATION", plannedInvestmentCny: "2500000" } });
    const after = await pipelineTotals(testDb(), officer);
    expect(after.get("INTENT")).toBeUndefined();
    expect(after.get("NEGOTIATION")).toEqual({ count: 1, sumCny: "2500000.00" });
    const board = await getPipeline(testDb(), officer);
    expect(column(board, "NEGOTIATION")).toMatchObject({ count: 1, sumCny: "2500000.00", more: 0 });
  });
});
