/**
 * round_visit_day_summary (visits per day, unit and owner: rounds of format VISIT_INVESTOR / VISIT_HERE; migration
 * 20261201231000) is kept current by triggers in the same transaction as every write: after each kind of write
 * below — visits and other rounds logged, several in one statement, a round moved to another day, given another
 * format, moved to another project, deleted; a project reassigned, moved to another unit, deleted with its rounds —
 * the summary of the test's units equals the count taken from the rounds themselves, and the activity index's
 * visits (read from the summary) equal the visits counted from the rounds. No write scans the summary.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { logRound } from "@/lib/data/rounds";
import { reassignOwner } from "@/lib/data/projects";
import { activityByUnitWeek } from "@/lib/data/activity";
import { ZLogRound } from "@/lib/validation/round";
import { yearPeriod } from "@/lib/domain/period";
import { makeActor, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officerA: TestActor, officerB: TestActor, manager: TestActor, elsewhere: TestActor;

beforeAll(async () => {
  officerA = await makeActor("OFFICER");
  officerB = await makeActor("OFFICER", officerA.unitId);
  manager = await makeActor("MANAGER", officerA.unitId);
  elsewhere = await makeActor("OFFICER");
});

type Format = "VISIT_INVESTOR" | "VISIT_HERE" | "VIDEO" | "PHONE";
const round = (projectId: number, heldOn: string, format: Format, by: TestActor = officerA) =>
  logRound(db, by, ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format, summary: "双方交流了用地方案。", heldOn }));

/** The summary's non-zero rows of the test units, and the same rows counted from negotiation_round. */
async function expectInStep() {
  const units = [officerA.unitId, elsewhere.unitId];
  const summary = await db.$queryRaw<unknown[]>`
    SELECT day, unit_id, owner_id, visits_out, visits_in FROM round_visit_day_summary
     WHERE unit_id = ANY(${units}::int[]) AND (visits_out <> 0 OR visits_in <> 0) ORDER BY 1, 2, 3`;
  const truth = await db.$queryRaw<unknown[]>`
    SELECT r.held_on AS day, p.unit_id, p.owner_id, COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int AS visits_out,
           COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int AS visits_in
      FROM negotiation_round r JOIN project p ON p.id = r.project_id
     WHERE p.unit_id = ANY(${units}::int[]) AND r.format IN ('VISIT_INVESTOR', 'VISIT_HERE') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  expect(summary).toEqual(truth);
  // The activity index reads the summary: its visits per week equal the rounds' own.
  const weeks = await db.$queryRaw<{ week: Date; o: number; i: number }[]>`
    SELECT date_trunc('week', r.held_on)::date AS week, COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int AS o, COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int AS i
      FROM negotiation_round r JOIN project p ON p.id = r.project_id
     WHERE p.unit_id = ${officerA.unitId} AND r.held_on >= '2024-01-01' AND r.held_on < '2025-01-01' GROUP BY 1 ORDER BY 1`;
  const index = (await activityByUnitWeek(db, manager, yearPeriod(2024))).filter((r) => r.counts.visitsOut || r.counts.visitsIn);
  expect(index.map((r) => [r.week, r.counts.visitsOut, r.counts.visitsIn])).toEqual(weeks.filter((w) => w.o || w.i).map((w) => [w.week, w.o, w.i]));
}

describe("round_visit_day_summary", () => {
  it("counts visits on their day for the project's owner, and follows every kind of write", async () => {
    const p = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    const q = await makeProject(officerA, { path: ["INTENT"] });
    await round(p.id, "2024-02-05", "VISIT_INVESTOR");
    await round(p.id, "2024-02-05", "VISIT_HERE");
    const video = await round(p.id, "2024-02-07", "VIDEO");
    const out = await round(q.id, "2024-02-07", "VISIT_INVESTOR");
    await expectInStep();
    // Several rounds in one statement.
    await db.$executeRaw`INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
      VALUES (${q.id}, 50, '2024-03-01', 'VISIT_HERE', '招商局', '来访。', ${officerA.id}, now()), (${q.id}, 51, '2024-03-01', 'VISIT_HERE', '招商局', '来访。', ${officerA.id}, now()),
             (${q.id}, 52, '2024-03-02', 'PHONE', '招商局', '电话。', ${officerA.id}, now())`;
    await expectInStep();
    // Another day, another format (into and out of the visits), another project.
    await db.$executeRaw`UPDATE negotiation_round SET held_on = '2024-02-20' WHERE id = ${out.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE negotiation_round SET format = 'VISIT_HERE' WHERE id = ${video.id}`;
    await db.$executeRaw`UPDATE negotiation_round SET format = 'PHONE' WHERE id = ${out.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE negotiation_round SET format = 'VISIT_INVESTOR' WHERE id = ${out.id}`;
    await db.$executeRaw`UPDATE negotiation_round SET project_id = ${p.id}, number = 99 WHERE id = ${out.id}`;
    await expectInStep();
    // A round deleted.
    await db.$executeRaw`DELETE FROM negotiation_round WHERE id = ${video.id}`;
    await expectInStep();
    // A project reassigned, moved to another unit, and back.
    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await reassignOwner(db, manager, { projectId: p.id, version: current.version, ownerId: officerB.id });
    await expectInStep();
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId}, owner_id = ${elsewhere.id} WHERE id = ${q.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE project SET unit_id = ${officerA.unitId}, owner_id = ${officerA.id} WHERE id = ${q.id}`;
    await expectInStep();
    // A project deleted with its rounds.
    await db.$executeRaw`DELETE FROM project WHERE id = ${q.id}`;
    await expectInStep();
  });

  it("keeps itself current without scanning the summary", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    const other = await makeProject(officerB, { path: ["INTENT"] });
    await round(p.id, "2024-04-02", "VISIT_HERE");
    await round(other.id, "2024-04-02", "VISIT_HERE", officerB);
    const summaryScans = (write: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) =>
      db.$transaction(async (tx) => {
        const scans = async () =>
          Number((await tx.$queryRaw<{ scans: bigint }[]>`
            SELECT seq_scan AS scans FROM pg_stat_xact_user_tables WHERE relname = 'round_visit_day_summary'`)[0]?.scans ?? 0);
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const before = await scans();
        await write(tx);
        return (await scans()) - before;
      });
    const heldOn = new Date("2024-04-03T00:00:00Z");
    expect(await summaryScans((tx) => tx.negotiationRound.create({ data: { projectId: p.id, number: 90, heldOn, format: "VISIT_INVESTOR", summary: "回访。", ourParticipants: "招商一科", createdById: officerA.id } }))).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET round_count = round_count + 1 WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE negotiation_round SET held_on = '2024-04-09' WHERE project_id = ${p.id} AND held_on = ${heldOn}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET owner_id = ${officerB.id} WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM negotiation_round WHERE project_id = ${p.id} AND held_on = '2024-04-09'`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM project WHERE id = ${other.id}`)).toBe(0);
    await expectInStep();
  });
});
