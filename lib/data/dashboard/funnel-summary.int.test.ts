/**
 * The funnel's summaries (migration 20261204090000_funnel_summary: funnel_period_fact per project and calendar period,
 * funnel_summary per period, unit, owner, sector, chain and stage, funnel_unit_summary per period, unit, slot and stage)
 * are kept current by triggers in the same transaction as every write. After each kind of write below — a project
 * created, a stage moved through the form, a move recorded late (into an earlier period, converting what it passed),
 * several projects' changes in one statement, a change moved to another day, another stage, another project, deleted; a
 * project reassigned, moved to another unit and back, given another sector and chain, two projects moved in one
 * statement, a project deleted with its changes — the facts equal those computed from the stage changes, each summary
 * equals the facts counted again, and the funnel read from the summaries for every month, quarter and year touched
 * (unit-wide, and narrowed by owner, sector and chain) equals the funnel counted from the stage changes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { reassignOwner } from "@/lib/data/projects";
import { funnelStages } from "@/lib/data/dashboard/funnel";
import { monthPeriod, quarterPeriod, yearPeriod, type Period } from "@/lib/domain/period";
import { FORWARD_STAGES } from "@/lib/domain/stages";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { makeActor, makeProject, makeSummaryCast, moveAsForm, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officerA: TestActor, officerB: TestActor, manager: TestActor, elsewhere: TestActor, otherManager: TestActor;
let sector: { id: number }, chain: { id: number };

beforeAll(async () => {
  ({ officerA, officerB, manager, elsewhere, otherManager, sector, chain } = await makeSummaryCast());
});

/** Every month, quarter and year a stage change of the test's units was ever in (kept across checks: a period emptied still counts). */
const touched = new Map<string, Period>();

async function expectInStep(what: string) {
  const units = [officerA.unitId, elsewhere.unitId];
  const projects = (await db.project.findMany({ where: { unitId: { in: units } }, select: { id: true } })).map((p) => p.id);

  // The facts, as computed again from the stage changes.
  const facts = `SELECT project_id, months::int AS months, starts_on, best::int AS best, entered::int AS entered, converted::int AS converted`;
  expect({ what, facts: await db.$queryRawUnsafe(`${facts} FROM funnel_period_fact WHERE project_id = ANY($1::int[]) ORDER BY 1, 2, 3`, projects) }).toEqual({
    what,
    facts: await db.$queryRawUnsafe(`${facts} FROM funnel_facts_of($1::int[]) ORDER BY 1, 2, 3`, projects),
  });

  // Each summary, as the facts counted again under their project's unit, owner, sector and chain (zero rows skipped).
  const perStage = `FROM funnel_period_fact f JOIN project p ON p.id = f.project_id
    CROSS JOIN unnest(enum_range(NULL::"Stage")) WITH ORDINALITY st(stage, i)
    WHERE p.unit_id = ANY($1::int[])`;
  const counts = `SUM(CASE WHEN funnel_stage_rank(st.stage) BETWEEN 1 AND f.best THEN 1 ELSE 0 END)::int AS reached,
    SUM((f.entered::int >> (st.i::int - 1)) & 1)::int AS entered, SUM((f.converted::int >> (st.i::int - 1)) & 1)::int AS converted`;
  const nonZero = `(reached <> 0 OR entered <> 0 OR converted <> 0)`;
  expect({ what, fine: await db.$queryRawUnsafe(`SELECT * FROM (SELECT months::int AS months, starts_on, unit_id, owner_id, sector_id, chain_id, stage::text AS stage, reached, entered, converted FROM funnel_summary WHERE unit_id = ANY($1::int[])) s WHERE ${nonZero} ORDER BY 1, 2, 3, 4, 5, 6, 7`, units) }).toEqual({
    what,
    fine: await db.$queryRawUnsafe(`SELECT * FROM (SELECT f.months::int AS months, f.starts_on, p.unit_id, p.owner_id, COALESCE(p.sector_id, 0) AS sector_id, COALESCE(p.chain_id, 0) AS chain_id, st.stage::text AS stage, ${counts} ${perStage} GROUP BY 1, 2, 3, 4, 5, 6, 7) s WHERE ${nonZero} ORDER BY 1, 2, 3, 4, 5, 6, 7`, units),
  });
  expect({ what, unit: await db.$queryRawUnsafe(`SELECT * FROM (SELECT months::int AS months, starts_on, unit_id, slot::int AS slot, stage::text AS stage, reached, entered, converted FROM funnel_unit_summary WHERE unit_id = ANY($1::int[])) s WHERE ${nonZero} ORDER BY 1, 2, 3, 4, 5`, units) }).toEqual({
    what,
    unit: await db.$queryRawUnsafe(`SELECT * FROM (SELECT f.months::int AS months, f.starts_on, p.unit_id, p.owner_id % 8 AS slot, st.stage::text AS stage, ${counts} ${perStage} GROUP BY 1, 2, 3, 4, 5) s WHERE ${nonZero} ORDER BY 1, 2, 3, 4, 5`, units),
  });

  // The funnel from the summaries, as counted from the stage changes, for each period touched.
  const days = await db.$queryRaw<{ day: Date }[]>`
    SELECT DISTINCT ((sc.changed_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day FROM stage_change sc JOIN project p ON p.id = sc.project_id
     WHERE p.unit_id = ANY(${units}::int[])`;
  for (const { day } of days) {
    const [y, m] = [day.getUTCFullYear(), day.getUTCMonth() + 1];
    for (const p of [monthPeriod(y, m), quarterPeriod(y, Math.ceil(m / 3)), yearPeriod(y)]) touched.set(p.label, p);
  }
  for (const period of touched.values())
    for (const [user, narrow] of [
      [manager, {}],
      [otherManager, {}],
      [manager, { ownerId: officerB.id }],
      [manager, { sectorId: sector.id }],
      [otherManager, { chainId: chain.id }],
    ] as [TestActor, Omit<DashboardFilters, "period">][]) {
      const filters = { period, ...narrow };
      expect({ what, period: period.label, narrow, funnel: await funnelStages(db, user, filters) }).toEqual({
        what,
        period: period.label,
        narrow,
        funnel: await funnelStages(db, user, filters, { counted: true }),
      });
    }
}

const at = (s: string) => new Date(s);

describe("the funnel's summaries", () => {
  it("rank the stages as FORWARD_STAGES does", async () => {
    const rows = await db.$queryRaw<{ stage: string; rank: number }[]>`
      SELECT s::text AS stage, funnel_stage_rank(s) AS rank FROM unnest(enum_range(NULL::"Stage")) s`;
    expect(Object.fromEntries(rows.map((r) => [r.stage, r.rank]))).toEqual({
      ...Object.fromEntries(FORWARD_STAGES.map((s, i) => [s, i + 1])),
      ON_HOLD: 0,
      LOST: 0,
    });
  });

  it("follow every kind of write, and give the funnel as counted from the stage changes", async () => {
    // Projects made with a history in January 2023 (first contact, then each stage the next day).
    const p = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    const q = await makeProject(officerA, { path: ["INTENT"] });
    const r = await makeProject(officerB, { path: ["INTENT", "NEGOTIATION", "ON_HOLD"] });
    await expectInStep("created");

    // Through the form, today: q moves on, r comes back from hold.
    await moveAsForm(officerA, q.id, "NEGOTIATION");
    await moveAsForm(manager, r.id, "NEGOTIATION", { reason: "恢复洽谈" });
    await expectInStep("moved through the form");

    // A move recorded late, into March 2023: p signed then, which converts its January entries.
    const late = await db.stageChange.create({
      data: { projectId: p.id, fromStage: "NEGOTIATION", toStage: "SIGNED", changedById: officerA.id, changedAt: at("2023-03-10T02:00:00Z") },
    });
    await expectInStep("recorded late");

    // Two projects' changes in one statement, one of them just before midnight in Shanghai (the next day's date in UTC-8 terms).
    await db.stageChange.createMany({
      data: [
        { projectId: q.id, fromStage: "NEGOTIATION", toStage: "LOST", reason: "投资方撤回", changedById: officerA.id, changedAt: at("2023-06-30T15:30:00Z") },
        { projectId: p.id, fromStage: "SIGNED", toStage: "CONSTRUCTION", changedById: officerA.id, changedAt: at("2023-06-30T16:30:00Z") },
      ],
    });
    await expectInStep("two in one statement");

    // A change moved to another day (another quarter and year), given another stage, moved to another project; deleted.
    await db.$executeRaw`UPDATE stage_change SET changed_at = '2024-02-01T02:00:00Z' WHERE id = ${late.id}`;
    await expectInStep("moved to another day");
    await db.$executeRaw`UPDATE stage_change SET to_stage = 'OPERATING' WHERE id = ${late.id}`;
    await expectInStep("given another stage");
    await db.$executeRaw`UPDATE stage_change SET project_id = ${q.id} WHERE id = ${late.id}`;
    await expectInStep("moved to another project");
    await db.$executeRaw`UPDATE stage_change SET reason = '补录' WHERE id = ${late.id}`;
    await expectInStep("a reason edited");
    await db.$executeRaw`DELETE FROM stage_change WHERE id = ${late.id}`;
    await expectInStep("deleted");

    // A project reassigned, moved to another unit and back, given a sector and a chain; two projects moved in one statement.
    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await reassignOwner(db, manager, { projectId: p.id, version: current.version, ownerId: officerB.id });
    await expectInStep("reassigned");
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId}, owner_id = ${elsewhere.id}, chain_id = ${chain.id} WHERE id = ${q.id}`;
    await expectInStep("moved to another unit");
    await db.$executeRaw`UPDATE project SET unit_id = ${officerA.unitId}, owner_id = ${officerA.id} WHERE id = ${q.id}`;
    await expectInStep("moved back");
    await db.$executeRaw`UPDATE project SET sector_id = ${sector.id} WHERE id IN (${p.id}, ${r.id})`;
    await expectInStep("given a sector");
    await db.$executeRaw`UPDATE project SET owner_id = CASE WHEN owner_id = ${officerA.id}::int THEN ${officerB.id}::int ELSE ${officerA.id}::int END WHERE id IN (${p.id}, ${q.id})`;
    await expectInStep("two swapped in one statement");

    // A project deleted with its stage changes.
    await db.$executeRaw`DELETE FROM project WHERE id = ${q.id}`;
    await expectInStep("deleted with its changes");
    expect(await db.funnelPeriodFact.count({ where: { projectId: q.id } })).toBe(0);
  });

  it("place a change on its day at UTC+8, as the counted funnel does, in China's summer time of 1986–1991 too", async () => {
    const officer = await makeActor("OFFICER");
    const county = await makeActor("MANAGER", officer.unitId);
    const p = await makeProject(officer);
    // 23:30 on 31 July 1990 at UTC+8; the zone's rules of that summer (UTC+9) would make it 1 August.
    await db.stageChange.create({ data: { projectId: p.id, fromStage: "FIRST_CONTACT", toStage: "INTENT", changedById: officer.id, changedAt: at("1990-07-31T15:30:00Z") } });
    const intent = async (period: Period, counted = false) => (await funnelStages(db, county, { period }, { counted })).stages.find((s) => s.stage === "INTENT")!.entered;
    expect([await intent(monthPeriod(1990, 7)), await intent(monthPeriod(1990, 8))]).toEqual([1, 0]);
    expect([await intent(monthPeriod(1990, 7), true), await intent(monthPeriod(1990, 8), true)]).toEqual([1, 0]);
  });

  it("count a project once per period at its furthest stage, and what it entered and later passed", async () => {
    const officer = await makeActor("OFFICER");
    const county = await makeActor("MANAGER", officer.unitId);
    // Into INTENT in January 2023 and again in February (after a move back), NEGOTIATION in May; created in January.
    const p = await makeProject(officer, { path: ["INTENT"] });
    await db.stageChange.createMany({
      data: [
        { projectId: p.id, fromStage: "INTENT", toStage: "FIRST_CONTACT", changedById: officer.id, changedAt: at("2023-02-01T02:00:00Z") },
        { projectId: p.id, fromStage: "FIRST_CONTACT", toStage: "INTENT", changedById: officer.id, changedAt: at("2023-02-02T02:00:00Z") },
        { projectId: p.id, fromStage: "INTENT", toStage: "NEGOTIATION", changedById: officer.id, changedAt: at("2023-05-02T02:00:00Z") },
      ],
    });
    const q1 = await funnelStages(db, county, { period: quarterPeriod(2023, 1) });
    const row = (stage: string) => q1.stages.find((s) => s.stage === stage)!;
    expect(row("FIRST_CONTACT")).toMatchObject({ reached: 1, entered: 1, converted: 1 });
    expect(row("INTENT")).toMatchObject({ reached: 1, entered: 1, converted: 1, rate: 1 });
    expect(row("NEGOTIATION")).toMatchObject({ reached: 0, entered: 0, converted: 0, rate: null });
    const year = await funnelStages(db, county, { period: yearPeriod(2023) });
    expect(year.stages.find((s) => s.stage === "NEGOTIATION")).toMatchObject({ reached: 1, entered: 1, converted: 0 });
    expect(year.stages.find((s) => s.stage === "INTENT")).toMatchObject({ reached: 1, entered: 1, converted: 1 });
  });
});
