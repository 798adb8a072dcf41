import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getCommitments, milestoneAlertsSql, recordCommitment, recordCommitmentActual } from "@/lib/data/commitments";
import { projectScopeSql } from "@/lib/data/sql-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import { MILESTONE_SETTINGS } from "@/lib/domain/milestones";
import { recordFunds } from "@/lib/data/funds";
import { getMyWork } from "@/lib/data/my-work";
import { ZRecordCommitment, ZRecordCommitmentActual } from "@/lib/validation/commitments";
import { ZRecordFunds } from "@/lib/validation/stage";
import { makeActor, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";
import { blockedBy, holder, namedClient } from "@/test/held";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";

/** Two transactions at once need a PostgreSQL server: on the embedded PGlite (one backend) a held lock stops every other connection. */
const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);

const db = testDb();
let officer: TestActor;
let otherOfficer: TestActor;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  otherOfficer = await makeActor("OFFICER");
});

const signed = (opts: { path?: ("CONSTRUCTION" | "OPERATING")[]; startedOn?: string } = {}) =>
  makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED", ...(opts.path ?? [])], contractOn: "2024-06-01", startedOn: opts.startedOn });

const promise = (projectId: number, fields: Record<string, string | number>) =>
  ZRecordCommitment.parse({ projectId: String(projectId), requestId: newRequestId(), ...fields });
const actual = (projectId: number, fields: Record<string, string>) =>
  ZRecordCommitmentActual.parse({ projectId: String(projectId), requestId: newRequestId(), ...fields });

const milestone = (view: Awaited<ReturnType<typeof getCommitments>>, kind: string) => view!.milestones.find((m) => m.kind === kind)!;
const figure = (view: Awaited<ReturnType<typeof getCommitments>>, kind: string) => view!.figures.find((f) => f.kind === kind)!;

describe("commitments", () => {
  it("are recorded with one audit row each, and show in the plan", async () => {
    const p = await signed();
    const r = await recordCommitment(db, officer, promise(p.id, { kind: "PRODUCTION", dueOn: "2026-06-30" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "JOBS", value: "800" }));
    const row = await db.commitment.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ kind: "PRODUCTION", createdById: officer.id, replacedAt: null, dueOn: new Date("2026-06-30T00:00:00Z") });
    expect(await db.auditLog.count({ where: { entity: "commitment", entityId: String(r.id), action: "commitment.create" } })).toBe(1);
    const view = await getCommitments(db, officer, p.id, "2026-01-01");
    expect(milestone(view, "PRODUCTION")).toMatchObject({ current: { dueOn: "2026-06-30" }, reachedOn: null, colour: "GREEN" });
    expect(figure(view, "JOBS").current?.value).toBe("800");
  });

  it("amended: the new promise is in force and the old keeps what it promised and when it was replaced", async () => {
    const p = await signed();
    const first = await recordCommitment(db, officer, promise(p.id, { kind: "CONSTRUCTION_START", dueOn: "2025-03-01" }));
    // A second promise of the same kind without amending is refused.
    await expect(recordCommitment(db, officer, promise(p.id, { kind: "CONSTRUCTION_START", dueOn: "2025-09-01" }))).rejects.toMatchObject({ messageKey: "commitments.rules.alreadyPromised" });
    const second = await recordCommitment(db, officer, promise(p.id, { kind: "CONSTRUCTION_START", dueOn: "2025-09-01", replacesId: first.id, version: 1 }));
    const old = await db.commitment.findUniqueOrThrow({ where: { id: first.id } });
    expect(old.dueOn).toEqual(new Date("2025-03-01T00:00:00Z"));
    expect(old.replacedById).toBe(second.id);
    expect(old.replacedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { entity: "commitment", entityId: String(first.id), action: "commitment.replace" } })).toBe(1);

    const view = await getCommitments(db, officer, p.id, "2025-06-01");
    const m = milestone(view, "CONSTRUCTION_START");
    expect(m.current?.dueOn).toBe("2025-09-01");
    expect(m.history.map((h) => h.dueOn)).toEqual(["2025-03-01"]);
    // Past the old deadline but not the amended one: not red.
    expect(m.colour).toBe("GREEN");
  });

  it("refuses an amendment made against a stale version", async () => {
    const p = await signed();
    const first = await recordCommitment(db, officer, promise(p.id, { kind: "LAND", value: "120" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "LAND", value: "150", replacesId: first.id, version: 1 }));
    const current = await db.commitment.findFirstOrThrow({ where: { projectId: p.id, kind: "LAND", replacedAt: null } });
    // Someone amended meanwhile: the form's replacesId points at a replaced row.
    await expect(recordCommitment(db, officer, promise(p.id, { kind: "LAND", value: "160", replacesId: first.id, version: 1 }))).rejects.toMatchObject({
      messageKey: "commitments.rules.alreadyPromised",
    });
    // The current one at an old version.
    const error = await recordCommitment(db, officer, promise(p.id, { kind: "LAND", value: "160", replacesId: current.id, version: 7 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await db.commitment.count({ where: { projectId: p.id } })).toBe(2);
  });

  it("submitted twice are one record", async () => {
    const p = await signed();
    const once = promise(p.id, { kind: "ANNUAL_TAX", value: "5000万" });
    const [a, b] = await Promise.all([recordCommitment(db, officer, once), recordCommitment(db, officer, once)]);
    expect(b).toEqual(a);
    expect(await db.commitment.count({ where: { projectId: p.id } })).toBe(1);
    const onceActual = actual(p.id, { kind: "ANNUAL_TAX", value: "3000万", reportedOn: "2025-12-31" });
    const [c, d] = await Promise.all([recordCommitmentActual(db, officer, onceActual), recordCommitmentActual(db, officer, onceActual)]);
    expect(d).toEqual(c);
    expect(await db.commitmentActual.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("are not found for another unit's officer, and refused before the signing", async () => {
    const p = await signed();
    await expect(recordCommitment(db, otherOfficer, promise(p.id, { kind: "JOBS", value: "10" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordCommitmentActual(db, otherOfficer, actual(p.id, { kind: "PRODUCTION", reportedOn: "2025-01-01" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCommitments(db, otherOfficer, p.id, "2025-01-01")).rejects.toBeInstanceOf(NotFoundError);
    const unsigned = await makeProject(officer, { path: ["INTENT"] });
    await expect(recordCommitment(db, officer, promise(unsigned.id, { kind: "JOBS", value: "10" }))).rejects.toMatchObject({ messageKey: "commitments.rules.notSigned" });
    expect(await getCommitments(db, officer, unsigned.id, "2025-01-01")).toBeNull();
  });
});

describe("actuals and colours", () => {
  it("reported figures show beside the promise with who entered them; funds in place count for investment", async () => {
    const p = await signed();
    await recordCommitment(db, officer, promise(p.id, { kind: "INVESTMENT_TOTAL", value: "10亿" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "JOBS", value: "800" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "JOBS", value: "300", reportedOn: "2024-12-31" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "JOBS", value: "450", reportedOn: "2025-06-30" }));
    await recordFunds(db, officer, ZRecordFunds.parse({ projectId: String(p.id), requestId: newRequestId(), amount: "2亿", currency: "CNY", receivedOn: "2024-08-01" }));
    const view = await getCommitments(db, officer, p.id, "2025-07-01");
    expect(figure(view, "JOBS")).toMatchObject({ actual: "450", actualOn: "2025-06-30", actualBy: officer.name });
    expect(figure(view, "INVESTMENT_TOTAL")).toMatchObject({ current: { value: "1000000000" }, actual: "200000000.00" });
    // Funds are read from their own records, not recorded twice.
    await expect(recordCommitmentActual(db, officer, actual(p.id, { kind: "INVESTMENT_TOTAL", value: "1", reportedOn: "2025-01-01" }))).rejects.toMatchObject({
      messageKey: "commitments.rules.recordedElsewhere",
    });
  });

  it("groups reported output and tax by year, and works out 亩均产出 / 亩均税收 on the land promised", async () => {
    const p = await signed();
    await recordCommitment(db, officer, promise(p.id, { kind: "LAND", value: "200" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "ANNUAL_OUTPUT", value: "3亿" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "ANNUAL_TAX", value: "1500万" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "ANNUAL_OUTPUT", value: "8000万", reportedOn: "2024-06-30" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "ANNUAL_OUTPUT", value: "1亿", reportedOn: "2024-12-31" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "ANNUAL_TAX", value: "400万", reportedOn: "2024-12-31" }));
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "ANNUAL_OUTPUT", value: "2.4亿", reportedOn: "2025-12-31" }));
    const view = (await getCommitments(db, officer, p.id, "2026-01-10"))!;
    expect(view.years).toEqual([
      { year: 2025, values: { ANNUAL_OUTPUT: 240000000 } },
      { year: 2024, values: { ANNUAL_OUTPUT: 100000000, ANNUAL_TAX: 4000000 } },
    ]);
    expect(view.perMu).toEqual({
      promised: { output: 1500000, tax: 75000 },
      years: [
        { year: 2025, output: 1200000, tax: null },
        { year: 2024, output: 500000, tax: 20000 },
      ],
    });
  });

  it("change colour as today moves: green, yellow within 30 days, red past due, green once reached (late)", async () => {
    const p = await signed();
    await recordCommitment(db, officer, promise(p.id, { kind: "LAND_HANDOVER", dueOn: "2025-03-01" }));
    const colourOn = async (today: string) => milestone(await getCommitments(db, officer, p.id, today), "LAND_HANDOVER").colour;
    expect(await colourOn("2025-01-01")).toBe("GREEN");
    expect(await colourOn("2025-01-30")).toBe("YELLOW");
    expect(await colourOn("2025-03-01")).toBe("YELLOW");
    expect(await colourOn("2025-03-02")).toBe("RED");
    await recordCommitmentActual(db, officer, actual(p.id, { kind: "LAND_HANDOVER", reportedOn: "2025-04-10" }));
    const m = milestone(await getCommitments(db, officer, p.id, "2025-05-01"), "LAND_HANDOVER");
    expect(m).toMatchObject({ reachedOn: "2025-04-10", colour: "GREEN" });
  });

  it("construction start is reached by the project's construction start record", async () => {
    const p = await signed({ path: ["CONSTRUCTION"], startedOn: "2024-09-01" });
    await recordCommitment(db, officer, promise(p.id, { kind: "CONSTRUCTION_START", dueOn: "2024-08-01" }));
    const m = milestone(await getCommitments(db, officer, p.id, "2025-01-01"), "CONSTRUCTION_START");
    expect(m).toMatchObject({ reachedOn: "2024-09-01", colour: "GREEN" });
  });

  it("funds behind the promised schedule by more than 20% turn the next milestone yellow", async () => {
    const p = await signed();
    // Signed 2024-06-01; 10亿 due 2026-06-01; nothing in place by 2025-06-01 (half way): 50% behind.
    await recordCommitment(db, officer, promise(p.id, { kind: "INVESTMENT_TOTAL", value: "10亿", dueOn: "2026-06-01" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "PRODUCTION", dueOn: "2027-01-01" }));
    expect(milestone(await getCommitments(db, officer, p.id, "2025-06-01"), "PRODUCTION").colour).toBe("YELLOW");
    await recordFunds(db, officer, ZRecordFunds.parse({ projectId: String(p.id), requestId: newRequestId(), amount: "4亿", currency: "CNY", receivedOn: "2024-12-01" }));
    expect(milestone(await getCommitments(db, officer, p.id, "2025-06-01"), "PRODUCTION").colour).toBe("GREEN");
  });
});

describe("My work's milestones", () => {
  it("lists the officer's red then yellow milestones, not green, reached or amended-away ones, and not other units'", async () => {
    const owner = await makeActor("OFFICER");
    const p = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-06-01" });
    const q = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], contractOn: "2024-06-01", startedOn: "2024-09-01" });
    const mine = (projectId: number, fields: Record<string, string | number>) => recordCommitment(db, owner, promise(projectId, fields));
    await mine(p.id, { kind: "PRODUCTION", dueOn: "2025-03-05" }); // yellow on 2025-03-01
    await mine(p.id, { kind: "LAND_HANDOVER", dueOn: "2025-02-01" }); // red
    await mine(p.id, { kind: "STATISTICS", dueOn: "2025-09-01" }); // green
    const old = await mine(q.id, { kind: "FULL_PRODUCTION", dueOn: "2025-01-01" }); // red, then amended to green
    await mine(q.id, { kind: "FULL_PRODUCTION", dueOn: "2026-01-01", replacesId: old.id, version: 1 });
    await mine(q.id, { kind: "CONSTRUCTION_START", dueOn: "2024-08-01" }); // reached by the start record
    await recordCommitmentActual(db, owner, actual(q.id, { kind: "LAND_HANDOVER", reportedOn: "2024-07-01" }));
    await mine(q.id, { kind: "LAND_HANDOVER", dueOn: "2024-06-30" }); // reached

    const work = await getMyWork(db, owner, { today: new Date("2025-03-01T00:00:00Z") });
    expect(work.milestones.map((m) => [m.projectId, m.kind, m.colour, m.daysUntil])).toEqual([
      [p.id, "LAND_HANDOVER", "RED", -28],
      [p.id, "PRODUCTION", "YELLOW", 4],
    ]);
    const later = await getMyWork(db, owner, { today: new Date("2025-03-06T00:00:00Z") });
    expect(later.milestones.map((m) => m.colour)).toEqual(["RED", "RED"]);
    expect((await getMyWork(db, otherOfficer, { today: new Date("2025-03-01T00:00:00Z") })).milestones.filter((m) => m.projectId === p.id)).toEqual([]);
  });
});

describe("My work's milestones at the edge days, and how they are read", () => {
  const TODAY = "2025-05-10";
  const shift = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it("due yesterday is red, due today and due in N days are yellow, due in N + 1 days is not listed; a started project's other milestones still are", async () => {
    const [setting] = await db.$queryRaw<{ n: number | null }[]>`SELECT milestone_warn_days AS n FROM installation_setting WHERE id = 1`;
    const warnDays = setting?.n ?? MILESTONE_SETTINGS.warnDays;
    const owner = await makeActor("OFFICER");
    const p = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-06-01" });
    const started = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], contractOn: "2024-06-01", startedOn: "2024-09-01" });
    const mine = (projectId: number, kind: string, dueOn: string) => recordCommitment(db, owner, promise(projectId, { kind, dueOn }));
    await mine(p.id, "LAND_HANDOVER", shift(-1));
    await mine(p.id, "CONSTRUCTION_START", shift(0));
    await mine(p.id, "PRODUCTION", shift(warnDays));
    await mine(p.id, "FULL_PRODUCTION", shift(warnDays + 1));
    // The start record reaches only the construction start: its production, due the same day, is still red.
    await mine(started.id, "CONSTRUCTION_START", shift(-1));
    await mine(started.id, "PRODUCTION", shift(-1));

    const work = await getMyWork(db, owner, { today: new Date(`${TODAY}T00:00:00Z`) });
    const [first, second] = [p.id, started.id].sort((a, b) => a - b);
    const red = (id: number) => (id === p.id ? [[p.id, "LAND_HANDOVER", "RED", -1]] : [[started.id, "PRODUCTION", "RED", -1]]);
    // By deadline, then project, then kind.
    expect(work.milestones.map((m) => [m.projectId, m.kind, m.colour, m.daysUntil])).toEqual([
      ...red(first),
      ...red(second),
      [p.id, "CONSTRUCTION_START", "YELLOW", 0],
      [p.id, "PRODUCTION", "YELLOW", warnDays],
    ]);
  });

  it("reads milestones along their deadline index — a unit's along its own range — checking reached ones by index probes, not by hashing every construction start", async () => {
    const manager = await makeActor("MANAGER");
    const city = await makeActor("MANAGER", undefined, "CITY");
    // Sequential scans and sorts priced out (this database is small): can the index give the order at all?
    const planOf = (user: TestActor) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        await tx.$executeRaw`SET LOCAL enable_sort = off`;
        const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${milestoneAlertsSql({ scope: projectScopeSql(user, "m"), where: null }, TODAY, 50)}`);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    // A county manager's unit view: its unit's range only.
    const county = await planOf(manager);
    expect(county).toMatch(new RegExp(`Index Only Scan using commitment_unit_milestone_due_idx on commitment m [^\\n]*\\n\\s+Index Cond: \\(\\(unit_id = ${manager.unitId}\\) AND \\(due_on <=`));
    // Every unit: by deadline alone.
    expect(await planOf(city)).toContain("Index Only Scan using commitment_milestone_due_idx on commitment m");
    for (const plan of [county, await planOf(city)]) {
      expect(plan).not.toMatch(/Sort/);
      // "Reached" as anti joins: no subplan run per milestone or hashed over every start or actual.
      expect(plan).not.toMatch(/SubPlan/);
      expect(plan).toMatch(/Anti Join/);
    }
  });
});

describe("a commitment's unit (commitment.unit_id, kept by triggers)", () => {
  /** The test's commitments whose unit is not their project's; and how many there are, so that none is not vacuous. */
  async function expectUnitsInStep(projectIds: number[]) {
    const off = await db.$queryRaw<unknown[]>`
      SELECT m.id, m.unit_id, p.unit_id AS project_unit FROM commitment m JOIN project p ON p.id = m.project_id
       WHERE m.project_id = ANY(${projectIds}::int[]) AND m.unit_id IS DISTINCT FROM p.unit_id`;
    expect(off).toEqual([]);
    expect(await db.commitment.count({ where: { projectId: { in: projectIds } } })).toBeGreaterThan(0);
  }
  const unitOf = async (commitmentId: number) => (await db.commitment.findUniqueOrThrow({ where: { id: commitmentId }, select: { unitId: true } })).unitId;

  it("is its project's unit after every kind of write that can change it", async () => {
    const elsewhere = await makeActor("OFFICER");
    const [p, q] = [await signed(), await signed()];
    // Inserted (the form, the importer: writeCommitment), amended (a new row, the old one replaced).
    const first = await recordCommitment(db, officer, promise(p.id, { kind: "LAND_HANDOVER", dueOn: "2025-03-01" }));
    await recordCommitment(db, officer, promise(p.id, { kind: "LAND_HANDOVER", dueOn: "2025-06-01", replacesId: first.id, version: 1 }));
    await recordCommitment(db, officer, promise(p.id, { kind: "JOBS", value: "800" }));
    const onQ = await recordCommitment(db, officer, promise(q.id, { kind: "PRODUCTION", dueOn: "2026-06-30" }));
    await expectUnitsInStep([p.id, q.id]);
    expect(await unitOf(first.id)).toBe(officer.unitId);

    // A project moved to another unit, and back; edited without moving.
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId} WHERE id = ${p.id}`;
    await expectUnitsInStep([p.id, q.id]);
    expect(await unitOf(first.id)).toBe(elsewhere.unitId);
    await db.$executeRaw`UPDATE project SET unit_id = ${officer.unitId}, title = title || '′' WHERE id = ${p.id}`;
    await db.$executeRaw`UPDATE project SET title = title || '″' WHERE id = ${p.id}`;
    await expectUnitsInStep([p.id, q.id]);
    expect(await unitOf(first.id)).toBe(officer.unitId);

    // Two projects moved in one statement.
    await db.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId} WHERE id IN (${p.id}, ${q.id})`;
    await expectUnitsInStep([p.id, q.id]);
    expect(await unitOf(onQ.id)).toBe(elsewhere.unitId);

    // A commitment given to another project; its unit written by hand is put right.
    const r = await signed();
    await db.$executeRaw`UPDATE commitment SET project_id = ${r.id} WHERE id = ${onQ.id}`;
    expect(await unitOf(onQ.id)).toBe(officer.unitId);
    await db.$executeRaw`UPDATE commitment SET unit_id = ${elsewhere.unitId} WHERE id = ${onQ.id}`;
    await expectUnitsInStep([p.id, q.id, r.id]);

    // Written with the triggers off (a bulk load), it would name no unit: refused (migration 20261202120100).
    const bulk = db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`INSERT INTO commitment (project_id, contract_id, kind, value, created_by_id, updated_at)
        SELECT project_id, contract_id, 'JOBS', 1, created_by_id, now() FROM commitment WHERE id = ${onQ.id}`;
    });
    await expect(bulk).rejects.toThrow(/commitment_unit_set/);
  });

  it.skipIf(!onServer)("an insert waits for a move of its project in progress and takes the unit it committed; a move waits for an insert in progress and takes it along", async () => {
    const elsewhere = await makeActor("OFFICER");
    const { db: named, name } = namedClient("commitment-unit", 2);
    try {
      // The move first: the insert, past its scope check (the project is still the officer's), waits for it.
      const p = await signed();
      const move = await holder();
      await move.query(`UPDATE project SET unit_id = $1 WHERE id = $2`, [elsewhere.unitId, p.id]);
      const insert = recordCommitment(named, officer, promise(p.id, { kind: "PRODUCTION", dueOn: "2026-06-30" }));
      await blockedBy(name, move.pid, "%commitment%");
      await move.query("COMMIT");
      await move.release();
      expect(await unitOf((await insert).id)).toBe(elsewhere.unitId);

      // The insert first: the move waits for it, then carries the inserted row along.
      const q = await signed();
      const add = await holder();
      const { rows } = await add.query<{ id: number }>(
        `INSERT INTO commitment (project_id, contract_id, kind, due_on, created_by_id, updated_at)
         SELECT $1, k.id, 'STATISTICS', '2027-01-01', $2, now() FROM contract k WHERE k.project_id = $1 LIMIT 1 RETURNING id`,
        [q.id, officer.id],
      );
      // .then: a Prisma query is sent when asked for its result.
      const moved = named.$executeRaw`UPDATE project SET unit_id = ${elsewhere.unitId} WHERE id = ${q.id}`.then((n) => n);
      await blockedBy(name, add.pid, "%UPDATE project%");
      await add.query("COMMIT");
      await add.release();
      await moved;
      expect(await unitOf(rows[0].id)).toBe(elsewhere.unitId);
      await expectUnitsInStep([p.id, q.id]);
    } finally {
      await named.$disconnect();
    }
  });

  it("a unit's My work shows the milestones of its projects, and they follow a project moved to another unit", async () => {
    const owner = await makeActor("OFFICER");
    const manager = await makeActor("MANAGER", owner.unitId);
    const other = await makeActor("OFFICER");
    const otherManager = await makeActor("MANAGER", other.unitId);
    const p = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-06-01" });
    await recordCommitment(db, owner, promise(p.id, { kind: "LAND_HANDOVER", dueOn: "2025-02-01" }));
    const today = new Date("2025-03-01T00:00:00Z");
    const shown = async (user: TestActor) => (await getMyWork(db, user, { view: "unit", today })).milestones.filter((m) => m.projectId === p.id).map((m) => m.kind);
    expect(await shown(manager)).toEqual(["LAND_HANDOVER"]);
    expect(await shown(otherManager)).toEqual([]);
    await db.$executeRaw`UPDATE project SET unit_id = ${other.unitId}, owner_id = ${other.id} WHERE id = ${p.id}`;
    expect(await shown(manager)).toEqual([]);
    expect(await shown(otherManager)).toEqual(["LAND_HANDOVER"]);
  });
});
