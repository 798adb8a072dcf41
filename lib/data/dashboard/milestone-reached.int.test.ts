/**
 * The day each milestone was first reached (migration 20261205090000_milestone_reached) is kept by triggers in the
 * transaction that writes construction starts and actuals. After each kind of write below — a start recorded through
 * the stage form, an actual through the commitments form, an earlier start, a start's day moved, a start moved to
 * another project, two actuals in one statement, a start and an actual deleted, a project deleted — the table equals a
 * recount by the rule (lib/domain/delivery-rates.ts: the earliest actual of its kind; 开工 the first construction
 * start, never an actual), and the delivery rates read from it match what the dates say. And when two officials record
 * actuals of one project at once, the earlier day stands whichever commits first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { testDb } from "@/test/factories";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";
import { recordCommitment, recordCommitmentActual } from "@/lib/data/commitments";
import { ZRecordCommitment, ZRecordCommitmentActual } from "@/lib/validation/commitments";
import { getDeliveryRates } from "@/lib/data/dashboard/delivery-rates";
import { yearPeriod } from "@/lib/domain/period";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { makeActor, makeProject, moveAsForm, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);
let officer: TestActor, manager: TestActor;
let projects: number[];

/** The rule, recounted from the records. */
async function recount(ids: number[]) {
  return db.$queryRawUnsafe(
    `SELECT project_id, kind::text AS kind, to_char(reached_on, 'YYYY-MM-DD') AS reached_on FROM (
       SELECT project_id, 'CONSTRUCTION_START' AS kind, MIN(started_on) AS reached_on FROM construction_start WHERE project_id = ANY($1::int[]) GROUP BY 1
       UNION ALL
       SELECT project_id, kind::text, MIN(reported_on) FROM commitment_actual WHERE project_id = ANY($1::int[]) AND kind <> 'CONSTRUCTION_START' GROUP BY 1, 2) r
     ORDER BY 1, 2`,
    ids,
  );
}

async function expectInStep(what: string) {
  expect({
    what,
    kept: await db.$queryRawUnsafe(
      `SELECT project_id, kind::text AS kind, to_char(reached_on, 'YYYY-MM-DD') AS reached_on FROM milestone_reached WHERE project_id = ANY($1::int[]) ORDER BY 1, 2`,
      projects,
    ),
  }).toEqual({ what, kept: await recount(projects) });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  manager = await makeActor("MANAGER", officer.unitId);
  const year = ymd().slice(0, 4);
  const a = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: `${year}-01-02`, contractOn: `${year}-01-10` });
  const b = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: `${year}-01-02`, contractOn: `${year}-01-12` });
  projects = [a.id, b.id];
  // Each promises a start and production, due on the 20th of January (before any cutoff of the year).
  for (const id of projects)
    for (const kind of ["CONSTRUCTION_START", "PRODUCTION"])
      await recordCommitment(db, officer, ZRecordCommitment.parse({ projectId: String(id), requestId: newRequestId(), kind, dueOn: `${year}-01-20` }));
});

describe("milestone_reached", () => {
  it("equals a recount after every kind of write, and the delivery rates read it", async () => {
    const [a, b] = projects;
    const year = ymd().slice(0, 4);
    await expectInStep("nothing reached");

    await moveAsForm(officer, a, "CONSTRUCTION", { startedOn: `${year}-01-15` });
    await expectInStep("a start through the stage form");
    await recordCommitmentActual(db, officer, ZRecordCommitmentActual.parse({ projectId: String(a), requestId: newRequestId(), kind: "PRODUCTION", reportedOn: `${year}-01-25` }));
    await expectInStep("an actual through the commitments form");

    const filters = { period: yearPeriod(Number(year)) } as DashboardFilters;
    let rates = await getDeliveryRates(db, manager, filters);
    // a started on time (15th ≤ 20th), produced late (25th); b reached nothing.
    expect({ started: rates.overall.started, producing: rates.overall.producing, startDue: rates.overall.startDue, startMet: rates.overall.startMet, productionMet: rates.overall.productionMet })
      .toEqual({ started: 1, producing: 1, startDue: 2, startMet: 1, productionMet: 0 });

    // An earlier actual of production: the earliest is the day reached, and production is now met.
    await db.commitmentActual.create({ data: { projectId: a, kind: "PRODUCTION", reportedOn: day(`${year}-01-18`), createdById: officer.id } });
    await expectInStep("an earlier actual");
    rates = await getDeliveryRates(db, manager, filters);
    expect(rates.overall.productionMet).toBe(1);

    // b: two starts in one statement; then the earlier one's day moved later, then it moves to project a.
    await db.constructionStart.createMany({ data: [{ projectId: b, startedOn: day(`${year}-01-22`), createdById: officer.id }, { projectId: b, startedOn: day(`${year}-01-19`), createdById: officer.id }] });
    await expectInStep("two starts in one statement");
    rates = await getDeliveryRates(db, manager, filters);
    expect(rates.overall.startMet).toBe(2);
    const early = await db.constructionStart.findFirstOrThrow({ where: { projectId: b }, orderBy: { startedOn: "asc" } });
    await db.constructionStart.update({ where: { id: early.id }, data: { startedOn: day(`${year}-01-28`) } });
    await expectInStep("a start's day moved");
    rates = await getDeliveryRates(db, manager, filters);
    expect(rates.overall.startMet).toBe(1);
    await db.constructionStart.update({ where: { id: early.id }, data: { projectId: a, startedOn: day(`${year}-01-05`) } });
    await expectInStep("a start moved to another project");

    // An actual of 开工 counts for nothing: the start is the construction start record.
    await db.commitmentActual.createMany({
      data: [
        { projectId: b, kind: "CONSTRUCTION_START", reportedOn: day(`${year}-01-03`), createdById: officer.id },
        { projectId: b, kind: "FULL_PRODUCTION", reportedOn: day(`${year}-01-26`), createdById: officer.id },
      ],
    });
    await expectInStep("two actuals in one statement, one of 开工");

    await db.constructionStart.deleteMany({ where: { projectId: b } });
    await expectInStep("a project's starts deleted");
    await db.commitmentActual.deleteMany({ where: { projectId: a, reportedOn: day(`${year}-01-18`) } });
    await expectInStep("an actual deleted");
    rates = await getDeliveryRates(db, manager, filters);
    expect({ started: rates.overall.started, startMet: rates.overall.startMet, productionMet: rates.overall.productionMet }).toEqual({ started: 1, startMet: 1, productionMet: 0 });

    await db.project.delete({ where: { id: b } });
    await expectInStep("a project deleted");
    expect(await db.$queryRawUnsafe(`SELECT 1 FROM milestone_reached WHERE project_id = $1`, b)).toEqual([]);
  });

  it.skipIf(!onServer)("keeps the earlier day when two writers record one project's actuals at once (on a PostgreSQL server)", async () => {
    const year = ymd().slice(0, 4);
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: `${year}-01-02`, contractOn: `${year}-01-10` });
    projects.push(p.id);
    /** A connection in a transaction, with its backend's pid (asked now: later its queries may wait). */
    const connect = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      const pid = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      await c.query("BEGIN");
      return Object.assign(c, { pid });
    };
    const actual = (c: pg.Client, on: string) =>
      c.query(`INSERT INTO commitment_actual (project_id, kind, reported_on, created_by_id, updated_at) VALUES ($1, 'PRODUCTION', $2, $3, now())`, [p.id, on, officer.id]);
    /** Until backend `pid` waits on a lock `by` holds (asked outside their transactions). */
    const waitBlocked = async (pid: number, by: number) => {
      for (let i = 0; i < 1000; i++) {
        const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND $2 = ANY(pg_blocking_pids(pid))`, pid, by);
        if (n > 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`backend ${pid} never waited on ${by}`);
    };
    // The first writer's day is the earlier; the second, writing while the first is open, must not put its own over it.
    const [one, two] = [await connect(), await connect()];
    try {
      await actual(one, `${year}-01-18`);
      const second = actual(two, `${year}-01-25`);
      await waitBlocked(two.pid, one.pid);
      await one.query("COMMIT");
      await second;
      await two.query("COMMIT");
    } finally {
      await Promise.allSettled([one.end(), two.end()]);
    }
    await expectInStep("two writers at once");
    expect(await db.$queryRawUnsafe(`SELECT to_char(reached_on, 'YYYY-MM-DD') AS day FROM milestone_reached WHERE project_id = $1 AND kind = 'PRODUCTION'`, p.id)).toEqual([{ day: `${year}-01-18` }]);
  });
});
