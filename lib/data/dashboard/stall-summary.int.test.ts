/**
 * project_day_summary / project_month_summary (projects per stage, unit and day
 * of their last activity and of their next follow-up; migration
 * 20261201170000) are kept current by triggers in the same transaction as
 * every write to project. After each kind of write below — a round, a stage
 * move, a follow-up date change, a change of the stall limits, a project moved
 * to another unit, a project deleted — the summaries equal a recount of the
 * projects, and the dashboard's stalled and overdue counts read from them equal
 * the counts taken from the projects by the one rule (stalledSql, overdueSql),
 * for the city, a county and the unit filter, on days that put the cutoffs at
 * the start, middle and end of months.
 *
 * Its own database (test/own-database.ts): the stall limits are one row for the
 * whole installation, and the recount covers every project of the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import { makeUnit, testDb } from "@/test/factories";
import { makeActor, makeProject, moveAsForm, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";
import { logRound } from "@/lib/data/rounds";
import { getInstallationSettings, updateMilestoneSettings } from "@/lib/data/settings";
import { countedFromProjects, countedFromSummaries, stalledAndOverdue } from "@/lib/data/dashboard/work";
import { ZLogRound } from "@/lib/validation/round";
import { quarterPeriod } from "@/lib/domain/period";
import type { Stage } from "@/lib/generated/prisma/enums";

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
beforeAll(async () => {
  own = await ownDatabase("crm_test_stall_summary");
  process.env.DATABASE_URL = own.url;
});
afterAll(async () => {
  await testDb().$disconnect();
  await own?.dispose();
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const plus = (iso: string, n: number) => new Date(day(iso).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * "Today"s that put the cutoffs (today − limit − 0/30/60, and yesterday for overdue) all over their months: the
 * 1st, 15th and 28th of four months of 2026, and month ends.
 */
const TODAYS = [
  ...["01", "04", "07", "10"].flatMap((m) => [`2026-${m}-01`, `2026-${m}-15`, `2026-${m}-28`]),
  "2026-06-30", "2026-03-31", "2026-02-28",
];

type Row = { stage: Stage; day: Date; unit_id: number; last_activity: number; follow_ups: number };

/** The day summary and the month summary against a recount of every project. */
async function expectSummariesInStep() {
  const db = testDb();
  const summary = await db.$queryRaw<Row[]>`
    SELECT stage, day, unit_id, last_activity, follow_ups FROM project_day_summary
     WHERE last_activity <> 0 OR follow_ups <> 0 ORDER BY 1, 2, 3`;
  const truth = await db.$queryRaw<Row[]>`
    SELECT stage, day, unit_id, SUM(a)::int AS last_activity, SUM(f)::int AS follow_ups
      FROM (SELECT stage, COALESCE(last_round_on, first_contact_on) AS day, unit_id, 1 AS a, 0 AS f FROM project
            UNION ALL
            SELECT stage, next_follow_up_on, unit_id, 0, 1 FROM project WHERE next_follow_up_on IS NOT NULL) x
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  expect(summary).toEqual(truth);
  const months = await db.$queryRaw<Row[]>`
    SELECT stage, month AS day, unit_id, last_activity, follow_ups FROM project_month_summary
     WHERE last_activity <> 0 OR follow_ups <> 0 ORDER BY 1, 2, 3`;
  const monthsTruth = await db.$queryRaw<Row[]>`
    SELECT stage, date_trunc('month', day::timestamp)::date AS day, unit_id, SUM(last_activity)::int AS last_activity, SUM(follow_ups)::int AS follow_ups
      FROM project_day_summary GROUP BY 1, 2, 3 HAVING SUM(last_activity) <> 0 OR SUM(follow_ups) <> 0 ORDER BY 1, 2, 3`;
  expect(months).toEqual(monthsTruth);
}

describe("stalled and overdue from the day and month summaries", () => {
  let unitA: number, unitB: number;
  let officerA: TestActor, managerA: TestActor, officerB: TestActor, admin: TestActor;
  const projects: { id: number; stage: Stage }[] = [];

  /** The summaries in step, and for every "today", every actor and the unit filter, the counts equal the projects' own. */
  async function expectCountsAgree() {
    await expectSummariesInStep();
    const db = testDb();
    const seen: number[] = [];
    for (const today of TODAYS) {
      for (const [actor, filters] of [
        [admin, {}],
        [admin, { unitId: unitB }],
        [managerA, {}],
      ] as const) {
        const fromProjects = await countedFromProjects(db, actor, filters, day(today));
        expect(await countedFromSummaries(db, actor, filters, day(today)), `${today} ${actor.role} ${JSON.stringify(filters)}`).toEqual(fromProjects);
        seen.push(fromProjects.s0, fromProjects.s30, fromProjects.s60, fromProjects.overdue);
      }
    }
    // The data puts projects on both sides of the cutoffs: the counts are not all zero nor all the same.
    expect(new Set(seen).size).toBeGreaterThan(4);
  }

  beforeAll(async () => {
    unitA = (await makeUnit("COUNTY")).id;
    unitB = (await makeUnit("COUNTY")).id;
    officerA = await makeActor("OFFICER", unitA);
    managerA = await makeActor("MANAGER", unitA);
    officerB = await makeActor("OFFICER", unitB);
    admin = await makeActor("ADMIN");
    // Projects silent since every third day of 2025-09 … 2026-10, in the stall stages and beyond, with follow-ups
    // on every other day around them, in two units.
    const paths: Stage[][] = [[], ["INTENT"], ["INTENT", "NEGOTIATION"], ["INTENT", "NEGOTIATION", "SIGNED"], ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], ["LOST"]];
    for (let i = 0; i < 140; i++) {
      const owner = i % 3 === 0 ? officerB : officerA;
      const path = paths[i % paths.length];
      const p = await makeProject(owner, { path, firstContactOn: plus("2025-09-01", i * 3) });
      if (i % 2 === 0) await testDb().project.update({ where: { id: p.id }, data: { nextFollowUpOn: day(plus("2026-01-01", i * 2)) } });
      projects.push({ id: p.id, stage: path.length ? path[path.length - 1] : "FIRST_CONTACT" });
    }
  }, 120_000);

  it("agrees after the projects are created", async () => {
    await expectCountsAgree();
  });

  it("agrees after rounds are logged, today's and back-dated, one with a next meeting", async () => {
    const negotiating = projects.filter((p) => p.stage === "NEGOTIATION").slice(0, 3);
    const [a, b, c] = negotiating;
    const round = (projectId: number, heldOn: string, extra: Record<string, string> = {}) =>
      logRound(testDb(), admin, ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format: "VIDEO", summary: "双方交流了用地方案。", heldOn, ...extra }));
    await round(a.id, "2026-05-20");
    await round(b.id, "2026-04-30", { nextMeetingOn: "2026-12-20" });
    await round(c.id, "2026-06-01");
    await round(c.id, "2026-02-03"); // earlier than its last: the last activity stays
    await expectCountsAgree();
  });

  it("agrees after stage moves (into and out of the stall stages) and a follow-up date change", async () => {
    const intent = projects.find((p) => p.stage === "INTENT")!;
    await moveAsForm(admin, intent.id, "NEGOTIATION");
    const firstContact = projects.find((p) => p.stage === "FIRST_CONTACT")!;
    await moveAsForm(admin, firstContact.id, "LOST", { reason: "投资方撤回" });
    const withFollowUp = await testDb().project.findFirstOrThrow({ where: { nextFollowUpOn: { not: null }, stage: "NEGOTIATION" } });
    await testDb().project.update({ where: { id: withFollowUp.id }, data: { nextFollowUpOn: day("2026-06-29") } });
    const without = await testDb().project.findFirstOrThrow({ where: { nextFollowUpOn: null, stage: "INTENT" } });
    await testDb().project.update({ where: { id: without.id }, data: { nextFollowUpOn: day("2026-03-02") } });
    await testDb().project.update({ where: { id: withFollowUp.id }, data: { nextFollowUpOn: null, title: "改名" } });
    await expectCountsAgree();
  });

  it("agrees after the stall limits change, and the counts move with them", async () => {
    const before = await countedFromSummaries(testDb(), admin, {}, day("2026-06-15"));
    const { version } = await getInstallationSettings(testDb());
    await updateMilestoneSettings(testDb(), admin, {
      version, warnDays: 30, fundsBehindPercent: 20, stallFirstContact: 7, stallIntent: 45, stallNegotiation: 90, stallSigned: 365,
    });
    await expectCountsAgree();
    expect(await countedFromSummaries(testDb(), admin, {}, day("2026-06-15"))).not.toEqual(before);
  });

  it("agrees after a project moves to another unit, and after projects are deleted (one and several at once)", async () => {
    const moved = projects.find((p) => p.stage === "SIGNED")!;
    await testDb().$executeRaw`UPDATE project SET unit_id = ${unitB}, owner_id = ${officerB.id} WHERE id = ${moved.id}`;
    await expectCountsAgree();
    const [one, ...more] = projects.filter((p) => p.stage === "INTENT" || p.stage === "LOST").slice(0, 5);
    await testDb().$executeRaw`DELETE FROM project WHERE id = ${one.id}`;
    await testDb().$executeRaw`DELETE FROM project WHERE id = ANY(${more.map((p) => p.id)}::int[])`;
    await expectCountsAgree();
  });

  it("counts an owner's, a sector's or a chain's projects from the projects themselves, by the same rule", async () => {
    const today = day("2026-06-15");
    const period = quarterPeriod(2026, 2);
    const owner = await stalledAndOverdue(testDb(), admin, { period, ownerId: officerB.id }, new Date("2026-06-15T04:00:00Z"));
    const direct = await countedFromProjects(testDb(), admin, { ownerId: officerB.id }, today);
    expect(owner.stalled.map((s) => s.count)).toEqual([direct.s0, direct.s30, direct.s60]);
    expect(owner.overdue).toBe(direct.overdue);
    const city = await stalledAndOverdue(testDb(), admin, { period }, new Date("2026-06-15T04:00:00Z"));
    const all = await countedFromProjects(testDb(), admin, {}, today);
    expect(city.stalled.map((s) => s.count)).toEqual([all.s0, all.s30, all.s60]);
    expect(city.overdue).toBe(all.overdue);
  });
});
