/**
 * Projects per stage (migration 20261204100000_project_stage_summary: per unit, owner, sector, chain and stage, and per
 * unit, slot and stage, the projects and the sums of their planned yuan and foreign US dollars) are kept current by triggers in the same
 * transaction as every write to project. After each kind of write below — projects created, a stage moved through the
 * form, amounts set, changed and cleared, a project reassigned, moved to another unit and back, given a sector and a
 * chain, two projects changed in one statement, a round logged (which changes none of it), a project deleted — the
 * summary of the test's units equals a recount of the projects, and the dashboard's pipeline read from it equals the
 * projects counted directly, unit-wide and narrowed by owner, sector and chain, and so do the pipeline board's column
 * totals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { reassignOwner } from "@/lib/data/projects";
import { logRound } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { pipelineByStage } from "@/lib/data/dashboard/pipeline";
import { pipelineTotals } from "@/lib/data/pipeline";
import { PIPELINE_STAGES } from "@/lib/domain/stages";
import { yearPeriod } from "@/lib/domain/period";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { makeProject, makeSummaryCast, moveAsForm, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officerA: TestActor, officerB: TestActor, manager: TestActor, elsewhere: TestActor, otherManager: TestActor;
let sector: { id: number }, chain: { id: number };

beforeAll(async () => {
  ({ officerA, officerB, manager, elsewhere, otherManager, sector, chain } = await makeSummaryCast());
});

async function expectInStep(what: string) {
  const units = [officerA.unitId, elsewhere.unitId];
  const cols = `unit_id, owner_id, sector_id, chain_id, stage::text AS stage, projects, planned_cny::text AS planned_cny, planned_cny_n, foreign_usd::text AS foreign_usd, foreign_usd_n`;
  expect({
    what,
    summary: await db.$queryRawUnsafe(`SELECT ${cols} FROM project_stage_summary WHERE unit_id = ANY($1::int[]) AND projects <> 0 ORDER BY 1, 2, 3, 4, 5`, units),
  }).toEqual({
    what,
    summary: await db.$queryRawUnsafe(
      `SELECT ${cols} FROM (
         SELECT p.unit_id, p.owner_id, COALESCE(p.sector_id, 0) AS sector_id, COALESCE(p.chain_id, 0) AS chain_id, p.stage, COUNT(*)::int AS projects,
                COALESCE(SUM(p.planned_investment_cny), 0)::numeric(20, 2) AS planned_cny, COUNT(p.planned_investment_cny)::int AS planned_cny_n,
                COALESCE(SUM(p.foreign_investment_usd), 0)::numeric(20, 2) AS foreign_usd, COUNT(p.foreign_investment_usd)::int AS foreign_usd_n
           FROM project p WHERE p.unit_id = ANY($1::int[]) GROUP BY 1, 2, 3, 4, 5) r ORDER BY 1, 2, 3, 4, 5`,
      units,
    ),
  });
  // The unit grain: the same counted per unit, slot (owner % 8) and stage.
  const unitCols = `unit_id, slot::int AS slot, stage::text AS stage, projects, planned_cny::text AS planned_cny, planned_cny_n, foreign_usd::text AS foreign_usd, foreign_usd_n`;
  expect({
    what,
    unitGrain: await db.$queryRawUnsafe(`SELECT ${unitCols} FROM project_stage_unit_summary WHERE unit_id = ANY($1::int[]) AND projects <> 0 ORDER BY 1, 2, 3`, units),
  }).toEqual({
    what,
    unitGrain: await db.$queryRawUnsafe(
      `SELECT ${unitCols} FROM (
         SELECT p.unit_id, p.owner_id % 8 AS slot, p.stage, COUNT(*)::int AS projects,
                COALESCE(SUM(p.planned_investment_cny), 0)::numeric(20, 2) AS planned_cny, COUNT(p.planned_investment_cny)::int AS planned_cny_n,
                COALESCE(SUM(p.foreign_investment_usd), 0)::numeric(20, 2) AS foreign_usd, COUNT(p.foreign_investment_usd)::int AS foreign_usd_n
           FROM project p WHERE p.unit_id = ANY($1::int[]) GROUP BY 1, 2, 3) r ORDER BY 1, 2, 3`,
      units,
    ),
  });
  // Rows brought to zero hold nothing.
  for (const table of ["project_stage_summary", "project_stage_unit_summary"])
    expect(await db.$queryRawUnsafe(`SELECT * FROM ${table} WHERE unit_id = ANY($1::int[]) AND projects = 0 AND (planned_cny <> 0 OR planned_cny_n <> 0 OR foreign_usd <> 0 OR foreign_usd_n <> 0)`, units)).toEqual([]);

  const period = yearPeriod(Number(ymd().slice(0, 4)));
  for (const [user, narrow] of [
    [manager, {}],
    [otherManager, {}],
    [manager, { ownerId: officerB.id }],
    [manager, { sectorId: sector.id }],
    [otherManager, { chainId: chain.id }],
  ] as [TestActor, Omit<DashboardFilters, "period">][]) {
    const where = [`p.unit_id = ${user.unitId}`];
    if (narrow.ownerId) where.push(`p.owner_id = ${narrow.ownerId}`);
    if (narrow.sectorId) where.push(`p.sector_id = ${narrow.sectorId}`);
    if (narrow.chainId) where.push(`p.chain_id = ${narrow.chainId}`);
    const counted = await db.$queryRawUnsafe<{ stage: string; count: number; cny: string | null; usd: string | null }[]>(
      `SELECT p.stage::text AS stage, COUNT(*)::int AS count, SUM(p.planned_investment_cny)::text AS cny, SUM(p.foreign_investment_usd)::text AS usd
         FROM project p WHERE ${where.join(" AND ")} GROUP BY p.stage`,
    );
    const expected = PIPELINE_STAGES.map((stage) => {
      const r = counted.find((c) => c.stage === stage);
      return { stage, count: r?.count ?? 0, plannedCny: r?.cny ?? "0", plannedUsd: r?.usd ?? "0" };
    });
    expect({ what, narrow, pipeline: await pipelineByStage(db, user, { period, ...narrow }) }).toEqual({ what, narrow, pipeline: expected });
  }

  // The pipeline board's column totals (a unit, an owner; every stage, a stage with no amount summing to "0").
  for (const [user, narrow] of [
    [manager, {}],
    [otherManager, {}],
    [manager, { ownerId: officerB.id }],
  ] as [TestActor, { ownerId?: number }][]) {
    const counted = await db.$queryRawUnsafe<{ stage: string; count: number; sum_cny: string }[]>(
      `SELECT p.stage::text AS stage, COUNT(*)::int AS count, COALESCE(SUM(p.planned_investment_cny), 0)::text AS sum_cny
         FROM project p WHERE p.unit_id = ${user.unitId} ${narrow.ownerId ? `AND p.owner_id = ${narrow.ownerId}` : ""} GROUP BY p.stage`,
    );
    const byStage = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : 1);
    const totals = await pipelineTotals(db, user, narrow);
    expect({ what, narrow, totals: [...totals.entries()].sort(byStage) }).toEqual({
      what,
      narrow,
      totals: counted.map((r): [string, unknown] => [r.stage, { count: r.count, sumCny: r.sum_cny }]).sort(byStage),
    });
  }
}

describe("projects per stage", () => {
  it("follow every kind of write, and give the dashboard's pipeline as counted from the projects", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    const q = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    const r = await makeProject(officerB, { path: ["INTENT", "NEGOTIATION"] });
    const s = await makeProject(elsewhere, { path: ["INTENT"] });
    await expectInStep("created");

    await moveAsForm(officerA, p.id, "NEGOTIATION");
    await expectInStep("moved through the form");

    // Amounts: set in US dollars, changed, cleared (a stage with no amount sums to nothing, not zero).
    await db.$executeRaw`UPDATE project SET foreign_investment_usd = 12000000.50 WHERE id = ${q.id}`;
    await db.$executeRaw`UPDATE project SET planned_investment_cny = 760000000.25 WHERE id = ${r.id}`;
    await expectInStep("amounts changed");
    await db.$executeRaw`UPDATE project SET planned_investment_cny = NULL WHERE id = ${s.id}`;
    await expectInStep("an amount cleared");

    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await reassignOwner(db, manager, { projectId: p.id, version: current.version, ownerId: officerB.id });
    await expectInStep("reassigned");
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId}, owner_id = ${elsewhere.id}, chain_id = ${chain.id} WHERE id = ${q.id}`;
    await expectInStep("moved to another unit");
    await db.$executeRaw`UPDATE project SET unit_id = ${officerA.unitId}, owner_id = ${officerA.id} WHERE id = ${q.id}`;
    await expectInStep("moved back");
    await db.$executeRaw`UPDATE project SET sector_id = ${sector.id}, stage = 'INTENT' WHERE id IN (${p.id}, ${r.id})`;
    await expectInStep("two changed in one statement");

    // A logged round changes nothing kept here (and writes nothing to it).
    const before = await db.$queryRaw`SELECT * FROM project_stage_summary WHERE unit_id = ${officerA.unitId} ORDER BY 1, 2, 3, 4, 5`;
    const beforeUnit = await db.$queryRaw`SELECT * FROM project_stage_unit_summary WHERE unit_id = ${officerA.unitId} ORDER BY 1, 2, 3`;
    await logRound(db, officerA, ZLogRound.parse({ projectId: String(q.id), requestId: newRequestId(), format: "VIDEO", summary: "双方交流了用地方案。", heldOn: ymd() }));
    expect(await db.$queryRaw`SELECT * FROM project_stage_summary WHERE unit_id = ${officerA.unitId} ORDER BY 1, 2, 3, 4, 5`).toEqual(before);
    expect(await db.$queryRaw`SELECT * FROM project_stage_unit_summary WHERE unit_id = ${officerA.unitId} ORDER BY 1, 2, 3`).toEqual(beforeUnit);

    await db.$executeRaw`DELETE FROM project WHERE id IN (${q.id}, ${s.id})`;
    await expectInStep("deleted");
  });
});
