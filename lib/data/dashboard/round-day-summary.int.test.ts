/**
 * The rounds' summaries (migration 20261202000000_round_summary_grains: round_day_summary per day, unit and owner;
 * round_week_summary per week part, unit and slot; round_month_summary per month, unit and owner — rounds, visits out
 * and visits in) are kept current by one set of triggers in the same transaction as every write. After each kind of
 * write below — rounds and visits logged, several in one statement, a round moved to another day, given another
 * format, moved to another project, deleted; a project reassigned, moved to another unit and back, two projects moved
 * in one statement, a project deleted with its rounds — every grain of the test's units equals a recount of the rounds
 * themselves; no write scans a summary; and the dashboard's rounds per week / owner / unit and the activity index's
 * rounds and visits, read from the summaries for year, quarter, month and custom periods cut anywhere, equal the
 * rounds counted directly.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { logRound } from "@/lib/data/rounds";
import { reassignOwner } from "@/lib/data/projects";
import { getWork } from "@/lib/data/dashboard";
import { activityByUnitWeek } from "@/lib/data/activity";
import { periodSplit, weekPartOf } from "@/lib/data/round-summaries";
import { ZLogRound } from "@/lib/validation/round";
import { customPeriod, monthPeriod, quarterPeriod, yearPeriod, type Period } from "@/lib/domain/period";
import { makeActor, makeProject, makeSector, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officerA: TestActor, officerB: TestActor, manager: TestActor, elsewhere: TestActor, city: TestActor;

beforeAll(async () => {
  officerA = await makeActor("OFFICER");
  officerB = await makeActor("OFFICER", officerA.unitId);
  manager = await makeActor("MANAGER", officerA.unitId);
  elsewhere = await makeActor("OFFICER");
  city = await makeActor("MANAGER", undefined, "CITY");
});

type Format = "VISIT_INVESTOR" | "VISIT_HERE" | "VIDEO" | "PHONE";
const round = (projectId: number, heldOn: string, format: Format = "VIDEO", by: TestActor = officerA) =>
  logRound(db, by, ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format, summary: "双方交流了用地方案。", heldOn }));

const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** Each grain's non-zero rows for the test's units, and the same rows counted from negotiation_round. */
async function expectInStep() {
  const units = [officerA.unitId, elsewhere.unitId];
  const counts = `COUNT(*)::int AS rounds, COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int AS visits_out, COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int AS visits_in`;
  const truth = (key: string, what = counts) =>
    db.$queryRawUnsafe<unknown[]>(
      `SELECT ${key}, ${what} FROM negotiation_round r JOIN project p ON p.id = r.project_id
        WHERE p.unit_id = ANY($1::int[]) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      units,
    );
  const nonZero = `unit_id = ANY($1::int[]) AND (rounds <> 0 OR visits_out <> 0 OR visits_in <> 0)`;
  expect(await db.$queryRawUnsafe(`SELECT day, unit_id, owner_id, rounds, visits_out, visits_in FROM round_day_summary WHERE ${nonZero} ORDER BY 1, 2, 3`, units)).toEqual(
    await truth("r.held_on AS day, p.unit_id, p.owner_id"),
  );
  // The week part: the later of the round's Monday and its month's 1st (written here without round_week_part).
  expect(await db.$queryRawUnsafe(`SELECT starts_on, unit_id, slot::int AS slot, rounds, visits_out, visits_in FROM round_week_summary WHERE ${nonZero} ORDER BY 1, 2, 3`, units)).toEqual(
    await truth(`GREATEST(date_trunc('week', r.held_on::timestamp), date_trunc('month', r.held_on::timestamp))::date AS starts_on, p.unit_id, (p.owner_id % 8)::int AS slot`),
  );
  expect(await db.$queryRawUnsafe(`SELECT month, unit_id, owner_id, rounds FROM round_month_summary WHERE unit_id = ANY($1::int[]) AND rounds <> 0 ORDER BY 1, 2, 3`, units)).toEqual(
    await truth(`date_trunc('month', r.held_on::timestamp)::date AS month, p.unit_id, p.owner_id`, "COUNT(*)::int AS rounds"),
  );
}

/** The rounds of `unitId` in `period` per week, owner and unit, and the activity index's rounds and visits per week, counted from the rounds. */
async function roundsCounted(unitId: number, period: Period) {
  const rows = await db.$queryRaw<{ day: Date; owner_id: number; format: string }[]>`
    SELECT r.held_on AS day, p.owner_id, r.format::text AS format FROM negotiation_round r JOIN project p ON p.id = r.project_id
     WHERE p.unit_id = ${unitId} AND r.held_on >= ${period.from}::date AND r.held_on < ${period.to}::date`;
  const add = (m: Map<string | number, number>, k: string | number, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  const weeks = new Map<string | number, number>(), owners = new Map<string | number, number>(), visits = new Map<string | number, number>();
  for (const r of rows) {
    const monday = new Date(r.day.getTime() - ((r.day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    add(weeks, monday);
    add(owners, r.owner_id);
    if (r.format === "VISIT_INVESTOR") add(visits, `${monday} out`);
    if (r.format === "VISIT_HERE") add(visits, `${monday} in`);
  }
  const sorted = (m: Map<string | number, number>) => [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { total: rows.length, weeks: sorted(weeks), owners: sorted(owners), visits: sorted(visits) };
}

/** The same numbers as the dashboard reads them from the summaries (work section, activity index), for the unit's manager and for the city filtered to the unit. */
async function expectReadersCount(period: Period) {
  const truth = await roundsCounted(officerA.unitId, period);
  for (const [user, filters] of [
    [manager, { period }],
    [city, { period, unitId: officerA.unitId }],
  ] as const) {
    const work = await getWork(db, user, filters);
    expect(work.roundsTotal).toBe(truth.total);
    expect(work.byWeek.map((w) => [w.week.toISOString().slice(0, 10), w.rounds])).toEqual(truth.weeks);
    expect(work.byOwner.filter((o) => o.rounds).map((o) => [o.id, o.rounds]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(truth.owners);
    expect(work.byUnit.filter((u) => u.rounds).map((u) => [u.id, u.rounds])).toEqual(truth.total ? [[officerA.unitId, truth.total]] : []);
  }
  // An owner filter reads the days of that owner.
  const own = await getWork(db, manager, { period, ownerId: officerA.id });
  expect(own.roundsTotal).toBe(truth.owners.find(([id]) => id === officerA.id)?.[1] ?? 0);
  const index = (await activityByUnitWeek(db, manager, period)).filter((r) => r.unitId === officerA.unitId);
  expect(index.reduce((n, r) => n + r.counts.rounds, 0)).toBe(truth.total);
  expect(index.filter((r) => r.counts.rounds).map((r) => [r.week.toISOString().slice(0, 10), r.counts.rounds])).toEqual(truth.weeks);
  const visits = index.flatMap((r) => {
    const w = r.week.toISOString().slice(0, 10);
    return [...(r.counts.visitsOut ? [[`${w} out`, r.counts.visitsOut]] : []), ...(r.counts.visitsIn ? [[`${w} in`, r.counts.visitsIn]] : [])];
  });
  expect(visits.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(truth.visits);
}

describe("a period read from the grains", () => {
  it("is whole week parts and months for a month, quarter or year, and edge days only for a custom period", () => {
    for (const p of [yearPeriod(2025), quarterPeriod(2024, 3), monthPeriod(2024, 2)]) {
      expect(periodSplit(p).weeks).toEqual({ whole: { from: p.from, to: p.to }, edges: [] });
      expect(periodSplit(p).months).toEqual({ whole: { from: p.from, to: p.to }, edges: [] });
    }
    // Wednesday 2024-01-10 .. Sunday 2024-03-17: whole parts from Monday 01-15 to Monday 03-18 (the day after), months February only.
    const custom = customPeriod(day("2024-01-10"), day("2024-03-17"));
    expect(periodSplit(custom).weeks).toEqual({ whole: { from: day("2024-01-15"), to: day("2024-03-18") }, edges: [{ from: day("2024-01-10"), to: day("2024-01-15") }] });
    expect(periodSplit(custom).months).toEqual({
      whole: { from: day("2024-02-01"), to: day("2024-03-01") },
      edges: [
        { from: day("2024-01-10"), to: day("2024-02-01") },
        { from: day("2024-03-01"), to: day("2024-03-18") },
      ],
    });
    // Inside one week part: all edge.
    const short = customPeriod(day("2024-05-07"), day("2024-05-09"));
    expect(periodSplit(short).weeks).toEqual({ whole: null, edges: [{ from: short.from, to: short.to }] });
  });

  it("names week parts as the database does", async () => {
    const days = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000 * 3));
    const sql = await db.$queryRaw<{ part: Date }[]>`SELECT round_week_part(d::date) AS part FROM unnest(${days.map((d) => d.toISOString().slice(0, 10))}::date[]) WITH ORDINALITY AS t(d, i) ORDER BY i`;
    expect(sql.map((r) => r.part.toISOString())).toEqual(days.map((d) => weekPartOf(d).toISOString()));
  });
});

describe("the rounds' summaries", () => {
  it("count rounds and visits on their day for the project's owner, and follow every kind of write", async () => {
    const p = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    const q = await makeProject(officerA, { path: ["INTENT"] });
    await round(p.id, "2024-02-05", "VISIT_INVESTOR");
    await round(p.id, "2024-02-05", "VISIT_HERE");
    const video = await round(p.id, "2024-02-07", "VIDEO");
    const out = await round(q.id, "2024-02-07", "VISIT_INVESTOR");
    // Across a month's start inside a week (Thursday 2024-02-29, Friday 03-01) and a year's.
    await round(q.id, "2024-02-29", "PHONE");
    await round(q.id, "2024-03-01", "VISIT_HERE");
    await round(p.id, "2023-12-31", "PHONE");
    await expectInStep();
    // Several rounds in one statement.
    await db.$executeRaw`INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
      VALUES (${q.id}, 50, '2024-03-01', 'VISIT_HERE', '招商局', '来访。', ${officerA.id}, now()), (${q.id}, 51, '2024-03-01', 'VISIT_HERE', '招商局', '来访。', ${officerA.id}, now()),
             (${q.id}, 52, '2024-03-02', 'PHONE', '招商局', '电话。', ${officerA.id}, now())`;
    await expectInStep();
    // Another day (into another week and month), another format (into and out of the visits), another project.
    await db.$executeRaw`UPDATE negotiation_round SET held_on = '2024-04-20' WHERE id = ${out.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE negotiation_round SET format = 'VISIT_HERE' WHERE id = ${video.id}`;
    await db.$executeRaw`UPDATE negotiation_round SET format = 'PHONE' WHERE id = ${out.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE negotiation_round SET format = 'VISIT_INVESTOR' WHERE id = ${out.id}`;
    await db.$executeRaw`UPDATE negotiation_round SET project_id = ${p.id}, number = 99 WHERE id = ${out.id}`;
    await expectInStep();
    // An update that moves nothing, and rounds of two projects moved in one statement.
    await db.$executeRaw`UPDATE negotiation_round SET summary = summary || '。' WHERE project_id = ${p.id}`;
    await db.$executeRaw`UPDATE negotiation_round SET held_on = held_on + 1 WHERE project_id IN (${p.id}, ${q.id}) AND held_on < '2024-03-01'`;
    await expectInStep();
    // A round deleted.
    await db.negotiationRound.delete({ where: { id: video.id } });
    await expectInStep();
    // A project reassigned, moved to another unit, and back; two projects given other owners in one statement.
    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await reassignOwner(db, manager, { projectId: p.id, version: current.version, ownerId: officerB.id });
    await expectInStep();
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId}, owner_id = ${elsewhere.id} WHERE id = ${q.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE project SET unit_id = ${officerA.unitId}, owner_id = ${officerA.id} WHERE id = ${q.id}`;
    await expectInStep();
    await db.$executeRaw`UPDATE project SET owner_id = CASE WHEN owner_id = ${officerA.id}::int THEN ${officerB.id}::int ELSE ${officerA.id}::int END WHERE id IN (${p.id}, ${q.id})`;
    await expectInStep();
    // A project deleted with its rounds.
    await db.$executeRaw`DELETE FROM project WHERE id = ${q.id}`;
    await expectInStep();
  });

  it("give the dashboard's rounds and the activity index's rounds and visits for any period, cut anywhere", async () => {
    const p = await makeProject(officerA, { path: ["INTENT", "NEGOTIATION"] });
    const q = await makeProject(officerB, { path: ["INTENT"] });
    // Rounds on edges: Sunday 2023-12-31, Monday 2024-01-01, mid-week month starts (Thursday 2024-02-01, Friday 03-01), a leap day.
    for (const [pid, on, f, by] of [
      [p.id, "2023-12-31", "PHONE", officerA],
      [p.id, "2024-01-01", "VISIT_INVESTOR", officerA],
      [p.id, "2024-01-10", "VISIT_HERE", officerA],
      [q.id, "2024-01-31", "VIDEO", officerB],
      [q.id, "2024-02-01", "VISIT_HERE", officerB],
      [p.id, "2024-02-29", "VISIT_INVESTOR", officerA],
      [q.id, "2024-03-01", "PHONE", officerB],
      [p.id, "2024-03-17", "VISIT_HERE", officerA],
      [q.id, "2024-03-18", "VISIT_INVESTOR", officerB],
      [p.id, "2024-12-31", "VIDEO", officerA],
    ] as const) await round(pid, on, f, by);
    await expectInStep();
    for (const period of [
      yearPeriod(2024),
      quarterPeriod(2024, 1),
      monthPeriod(2024, 2),
      customPeriod(day("2024-01-10"), day("2024-03-17")),
      customPeriod(day("2024-01-02"), day("2024-03-01")),
      customPeriod(day("2024-02-28"), day("2024-03-02")),
      customPeriod(day("2023-12-30"), day("2024-01-01")),
    ])
      await expectReadersCount(period);
    // Filtered by sector, the rounds are counted from the rounds themselves: the same numbers.
    const sector = await makeSector();
    await db.project.update({ where: { id: q.id }, data: { sectorId: sector.id } });
    const bySector = await getWork(db, manager, { period: quarterPeriod(2024, 1), sectorId: sector.id });
    expect(bySector.roundsTotal).toBe(4);
    expect(bySector.byOwner.map((o) => [o.id, o.rounds, o.projects])).toEqual([[officerB.id, 4, 1]]);
  });

  it("keep themselves current without scanning a summary: each write touches only its own rows", async () => {
    const p = await makeProject(officerA, { path: ["INTENT"] });
    const other = await makeProject(officerB, { path: ["INTENT"] });
    await round(p.id, "2024-04-02", "VISIT_HERE");
    await round(other.id, "2024-04-02", "VISIT_HERE", officerB);
    /** Runs the write in a transaction where the planner avoids sequential scans wherever an index can serve, and counts the scans of the summaries it made. */
    const summaryScans = (write: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) =>
      db.$transaction(async (tx) => {
        // The view also holds this connection's counts not yet reported by earlier transactions: take the difference.
        const scans = async () =>
          Number((await tx.$queryRaw<{ scans: bigint }[]>`
            SELECT COALESCE(SUM(seq_scan), 0)::bigint AS scans FROM pg_stat_xact_user_tables
             WHERE relname IN ('round_day_summary', 'round_week_summary', 'round_month_summary')`)[0]?.scans ?? 0);
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const before = await scans();
        await write(tx);
        return (await scans()) - before;
      });
    const heldOn = new Date("2024-04-03T00:00:00Z");
    // Logging a round inserts it and updates its project (round_count, last_round_on).
    expect(await summaryScans((tx) => tx.negotiationRound.create({ data: { projectId: p.id, number: 90, heldOn, format: "VISIT_INVESTOR", summary: "回访。", ourParticipants: "招商一科", createdById: officerA.id } }))).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET round_count = round_count + 1 WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE negotiation_round SET held_on = '2024-05-09' WHERE project_id = ${p.id} AND held_on = ${heldOn}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE negotiation_round SET format = 'PHONE' WHERE project_id = ${p.id} AND held_on = '2024-05-09'`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`UPDATE project SET owner_id = ${officerB.id} WHERE id = ${p.id}`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM negotiation_round WHERE project_id = ${p.id} AND held_on = '2024-05-09'`)).toBe(0);
    expect(await summaryScans((tx) => tx.$executeRaw`DELETE FROM project WHERE id = ${other.id}`)).toBe(0);
    await expectInStep();
  });
});
