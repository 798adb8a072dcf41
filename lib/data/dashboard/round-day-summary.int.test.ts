/**
 * round_day_summary (rounds per day, unit and owner) is kept current by
 * triggers in the same transaction as every write: after each kind of write
 * below, the summary of the test's unit equals the count taken from the rounds
 * themselves, and the dashboard's work numbers follow.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { logRound } from "@/lib/data/rounds";
import { reassignOwner } from "@/lib/data/projects";
import { getWork } from "@/lib/data/dashboard";
import { ZLogRound } from "@/lib/validation/round";
import { quarterPeriod } from "@/lib/domain/period";
import { makeActor, makeProject, makeSector, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officerA: TestActor, officerB: TestActor, manager: TestActor;

beforeAll(async () => {
  officerA = await makeActor("OFFICER");
  officerB = await makeActor("OFFICER", officerA.unitId);
  manager = await makeActor("MANAGER", officerA.unitId);
});

const round = (projectId: number, heldOn: string, by: TestActor = officerA) =>
  logRound(db, by, ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format: "VIDEO", summary: "双方交流了用地方案。", heldOn }));

/** The summary rows of the test unit, and the same rows counted from negotiation_round. */
async function summaryAndTruth(unitId: number) {
  const summary = await db.$queryRaw<{ day: Date; owner_id: number; rounds: number }[]>`
    SELECT day, owner_id, rounds FROM round_day_summary WHERE unit_id = ${unitId} ORDER BY day, owner_id`;
  const truth = await db.$queryRaw<{ day: Date; owner_id: number; rounds: number }[]>`
    SELECT r.held_on AS day, p.owner_id, COUNT(*)::int AS rounds
      FROM negotiation_round r JOIN project p ON p.id = r.project_id
     WHERE p.unit_id = ${unitId} GROUP BY 1, 2 ORDER BY 1, 2`;
  return { summary, truth };
}

async function expectInStep(unitId = officerA.unitId) {
  const { summary, truth } = await summaryAndTruth(unitId);
  expect(summary).toEqual(truth);
  return summary;
}

describe("round_day_summary", () => {
  it("counts a logged round on its day for the project's owner, and two rounds on one day once each", async () => {
    const p = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    await round(p.id, "2024-02-05");
    await round(p.id, "2024-02-05");
    await round(p.id, "2024-02-07");
    const rows = await expectInStep();
    expect(rows.filter((r) => r.owner_id === officerA.id).map((r) => [r.day.toISOString().slice(0, 10), r.rounds])).toEqual(
      expect.arrayContaining([
        ["2024-02-05", 2],
        ["2024-02-07", 1],
      ]),
    );
  });

  it("moves a project's past rounds to its new owner when it is reassigned", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    await round(p.id, "2024-03-04");
    await round(p.id, "2024-03-12");
    const before = await getWork(db, manager, { period: quarterPeriod(2024, 1) });
    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await reassignOwner(db, manager, { projectId: p.id, version: current.version, ownerId: officerB.id });
    await expectInStep();
    const after = await getWork(db, manager, { period: quarterPeriod(2024, 1) });
    const rounds = (w: typeof after, id: number) => w.byOwner.find((o) => o.id === id)?.rounds ?? 0;
    expect(rounds(after, officerB.id) - rounds(before, officerB.id)).toBe(2);
    expect(rounds(before, officerA.id) - rounds(after, officerA.id)).toBe(2);
    expect(after.roundsTotal).toBe(before.roundsTotal);
  });

  it("follows a round moved to another day, a round deleted, and a project deleted with its rounds", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    const r1 = await round(p.id, "2024-01-10");
    await round(p.id, "2024-01-11");
    await db.negotiationRound.update({ where: { id: r1.id }, data: { heldOn: new Date("2024-01-20T00:00:00Z") } });
    await expectInStep();
    await db.negotiationRound.delete({ where: { id: r1.id } });
    await expectInStep();
    const gone = await makeProject(officerA, { path: ["INTENT"] });
    await round(gone.id, "2024-01-11");
    await db.$executeRaw`DELETE FROM project WHERE id = ${gone.id}`;
    await expectInStep();
  });

  it("gives the same work numbers through the summary and, filtered by sector, from the rounds themselves", async () => {
    const sector = await makeSector();
    const p = await makeProject(officerB, { path: ["INTENT"] });
    await db.project.update({ where: { id: p.id }, data: { sectorId: sector.id } });
    await round(p.id, "2024-02-20", officerB);
    await round(p.id, "2024-02-21", officerB);
    const period = quarterPeriod(2024, 1);
    const bySummary = await getWork(db, manager, { period, ownerId: officerB.id });
    const bySector = await getWork(db, manager, { period, sectorId: sector.id });
    expect(bySector.roundsTotal).toBe(2);
    expect(bySector.byWeek.map((w) => [w.week.toISOString().slice(0, 10), w.rounds])).toEqual([["2024-02-19", 2]]);
    expect(bySector.byOwner.map((o) => [o.id, o.rounds, o.projects])).toEqual([[officerB.id, 2, 1]]);
    // The owner filter reads the summary: the same week holds these two rounds among B's others.
    expect(bySummary.byWeek.find((w) => w.week.toISOString().startsWith("2024-02-19"))?.rounds).toBeGreaterThanOrEqual(2);
    await expectInStep();
  });

  it("keeps itself current without scanning the summary: each write touches only its own days", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    const other = await makeProject(officerB, { path: ["INTENT"] });
    await round(p.id, "2024-04-02");
    /** Runs the write in a transaction where the planner avoids sequential scans wherever an index can serve, and counts the scans of the summary it made. */
    const summaryScans = (write: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) =>
      db.$transaction(async (tx) => {
        // The view also holds this connection's counts not yet reported by earlier transactions: take the difference.
        const scans = async () =>
          Number((await tx.$queryRaw<{ scans: bigint }[]>`
            SELECT seq_scan AS scans FROM pg_stat_xact_user_tables WHERE relname = 'round_day_summary'`)[0]?.scans ?? 0);
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const before = await scans();
        await write(tx);
        return (await scans()) - before;
      });
    const heldOn = new Date("2024-04-03T00:00:00Z");
    // Logging a round inserts it and updates its project (round_count, last_round_on).
    expect(await summaryScans((tx) => tx.negotiationRound.create({ data: { projectId: p.id, number: 90, heldOn, format: "VIDEO", summary: "回访。", ourParticipants: "招商一科", createdById: officerA.id } }))).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET round_count = round_count + 1 WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE negotiation_round SET held_on = '2024-04-09' WHERE project_id = ${p.id} AND held_on = ${heldOn}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET owner_id = ${officerB.id} WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM negotiation_round WHERE project_id = ${p.id} AND held_on = '2024-04-09'`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM project WHERE id = ${other.id}`)).toBe(0);
    await expectInStep();
  });
});
