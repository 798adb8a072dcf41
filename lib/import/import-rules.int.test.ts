/**
 * The importer goes through the app's rules (issue 11): it asks for what a
 * move through the app asks for, refuses what the app refuses, and writes the
 * stage history, contract, start and audit rows a move writes; chain links
 * pass the project form's loop check; the round columns stay a recount.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { RuleError } from "@/lib/errors";
import type { Stage } from "@/lib/generated/prisma/enums";
import { importProjects } from "@/lib/import/import-projects";
import { COLUMN_OF_FIELD } from "@/lib/import/journey";
import { csv, fixture, row, setUpImportFixture, signedRow } from "@/lib/import/import.test-helpers";
import { journeyFacts } from "@/lib/data/stage";
import { logRound } from "@/lib/data/rounds";
import { writeAudit, writeAudits, type AuditEntry } from "@/lib/audit/write-audit";
import type { MoveField } from "@/lib/domain/stage-move";
import { ZLogRound } from "@/lib/validation/round";
import { makeActor, makeProject, moveAsForm, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let actor: TestActor;
let kindId: number;

beforeAll(async () => {
  await setUpImportFixture();
  const unit = await db.unit.findUniqueOrThrow({ where: { code: fixture.unitCode } });
  actor = await makeActor("OFFICER", unit.id);
  kindId = (await db.referenceItem.findFirstOrThrow({ where: { kind: "AGREEMENT_KIND", code: fixture.refs.kind } })).id;
});

/** A move through the app, as the form sends it. */
const move = (projectId: number, toStage: Stage, extra: Record<string, unknown> = {}) => moveAsForm(actor, projectId, toStage, extra);

const byExt = (ext: string) =>
  db.project.findUniqueOrThrow({ where: { externalId: ext }, include: { stageChanges: { orderBy: { id: "asc" } }, contracts: true, starts: true } });

const issues = (r: Awaited<ReturnType<typeof importProjects>>) => (r.ok ? [] : r.errors.map((e) => `${e.row}:${e.column}:${e.key}`).sort());

describe("the importer asks for what the app asks for", () => {
  it("a CONSTRUCTION row without a contract: the same fields the app's move lacks, and nothing written", async () => {
    const app = await makeProject(actor);
    const error = await move(app.id, "CONSTRUCTION", { startedOn: "2023-09-01" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    const lacking = Object.keys((error as RuleError).fieldErrors) as MoveField[];
    expect(lacking.sort()).toEqual(["agreementKindId", "contractedInvestmentCny", "signedOn"]);

    const p = uniq();
    const result = await importProjects(db, fixture.admin, csv([row(`${p}-c`, { stage: "construction", construction_start_date: "2023-09-01" })]));
    expect(issues(result)).toEqual(lacking.map((f) => `2:${COLUMN_OF_FIELD[f]}:requiredForStage`).sort());
    expect(await db.project.count({ where: { externalId: `${p}-c` } })).toBe(0);
  });

  it("OPERATING only through CONSTRUCTION, as in the app: two moves, and the start they need", async () => {
    const app = await makeProject(actor);
    const refused = await move(app.id, "OPERATING", { signedOn: "2023-06-30", contractedInvestmentCny: "1", agreementKindId: String(kindId), startedOn: "2023-09-01" }).catch((e: unknown) => e);
    expect((refused as RuleError).messageKey).toBe("journey.rules.operatingOnlyFromConstruction");

    const p = uniq();
    expect(issues(await importProjects(db, fixture.admin, csv([signedRow(`${p}-o`, { stage: "operating" })])))).toEqual(["2:construction_start_date:requiredForStage"]);
    expect(await importProjects(db, fixture.admin, csv([signedRow(`${p}-o`, { stage: "operating", construction_start_date: "2023-09-01" })]))).toMatchObject({ ok: true });
    const o = await byExt(`${p}-o`);
    expect(o.stageChanges.map((c) => [c.fromStage, c.toStage])).toEqual([
      [null, "FIRST_CONTACT"],
      ["FIRST_CONTACT", "CONSTRUCTION"],
      ["CONSTRUCTION", "OPERATING"],
    ]);
    expect([o.contracts.length, o.starts.length, o.version]).toEqual([1, 1, 3]);
  });

  it("a paused row with a contract reaches SIGNED first, so a revive returns there", async () => {
    const p = uniq();
    expect(await importProjects(db, fixture.admin, csv([signedRow(`${p}-h`, { stage: "on_hold" })]))).toMatchObject({ ok: true });
    const h = await byExt(`${p}-h`);
    expect(h.stageChanges.map((c) => [c.fromStage, c.toStage, c.reason])).toEqual([
      [null, "FIRST_CONTACT", null],
      ["FIRST_CONTACT", "SIGNED", null],
      ["SIGNED", "ON_HOLD", "import"],
    ]);
    expect(h.stageReason).toBe("import");
    expect(await journeyFacts(db, h.id)).toMatchObject({ hasContract: true, hasStart: false, reviveTo: "SIGNED" });
  });
});

describe("the importer writes what a move through the app writes", () => {
  it("same stage history, project columns, contract, start and audit rows as lib/data/stage.ts", async () => {
    const app = await makeProject(actor);
    await move(app.id, "CONSTRUCTION", { signedOn: "2023-06-30", contractedInvestmentCny: "1,200,000,000", agreementKindId: String(kindId), startedOn: "2023-09-01" });
    const p = uniq();
    expect(await importProjects(db, fixture.admin, csv([signedRow(`${p}-m`, { stage: "construction", construction_start_date: "2023-09-01" })]))).toMatchObject({ ok: true });
    const imported = await byExt(`${p}-m`);

    const written = async (projectId: number) => {
      const p = await db.project.findUniqueOrThrow({ where: { id: projectId }, include: { stageChanges: { orderBy: { id: "asc" } }, contracts: true, starts: true } });
      const audits = await db.auditLog.findMany({
        where: {
          OR: [
            { entity: "project", entityId: String(projectId), action: "project.stage" },
            { entity: { in: ["contract", "construction_start"] }, after: { path: ["projectId"], equals: projectId } },
          ],
        },
        orderBy: { id: "asc" },
      });
      type J = Record<string, unknown>;
      const strip = (o: unknown, drop: string[]) => Object.fromEntries(Object.entries((o ?? {}) as J).filter(([k]) => !drop.includes(k)));
      const volatile = ["id", "projectId", "stageChangeId", "stageEnteredAt"];
      return {
        project: { stage: p.stage, stageReason: p.stageReason, version: p.version },
        changes: p.stageChanges.map((c) => [c.fromStage, c.toStage, c.reason]),
        contracts: p.contracts.map((k) => [k.signedOn.toISOString(), k.contractedInvestmentCny.toString(), k.contractedForeignUsd, k.agreementKindId, k.note]),
        starts: p.starts.map((s) => [s.startedOn.toISOString(), s.note]),
        audits: audits
          .map((a) => ({
            entity: a.entity,
            action: a.action.replace(".import_create", ".create"),
            keys: [Object.keys((a.before ?? {}) as J).sort(), Object.keys((a.after ?? {}) as J).sort()],
            before: strip(a.before, volatile),
            after: strip(a.after, volatile),
          }))
          .sort((x, y) => x.entity.localeCompare(y.entity)),
      };
    };
    const fromApp = await written(app.id);
    expect(fromApp.audits.map((a) => a.action).sort()).toEqual(["construction_start.create", "contract.create", "project.stage"]);
    expect(await written(imported.id)).toEqual(fromApp);
  });

  it("writeAudits writes the rows writeAudit writes", async () => {
    const entry: AuditEntry = { actorId: fixture.admin.id, action: `test.${uniq()}`, entity: "project", entityId: 42, before: null, after: { at: new Date("2024-01-02T03:04:05Z"), n: 1n, s: "x" }, ip: "10.0.0.1" };
    await writeAudit(db, entry);
    await writeAudits(db, [entry]);
    const rows = await db.auditLog.findMany({ where: { action: entry.action }, orderBy: { id: "asc" } });
    const shape = ({ id: _id, at: _at, ...rest }: (typeof rows)[number]) => rest;
    expect(rows).toHaveLength(2);
    expect(shape(rows[1])).toEqual(shape(rows[0]));
  });
});

describe("chain links and derived columns", () => {
  it("refuses a link that closes a loop with the database's links, as the project form does; chains are fine", async () => {
    const p = uniq();
    expect(await importProjects(db, fixture.admin, csv([row(`${p}-a`, { anchor_external_id: `${p}-b` }), row(`${p}-b`), row(`${p}-c`, { anchor_external_id: `${p}-a` })]))).toMatchObject({ ok: true });
    const loop = await importProjects(db, fixture.admin, csv([row(`${p}-b`, { anchor_external_id: `${p}-c` })]));
    expect(issues(loop)).toEqual(["2:anchor_external_id:anchorLoop"]);
    expect((await byExt(`${p}-b`)).anchorProjectId).toBeNull();
  });

  it("keeps round_count / last_round_on equal to a recount across a re-import", async () => {
    const p = uniq();
    expect(await importProjects(db, fixture.admin, csv([row(`${p}-r`)]))).toMatchObject({ ok: true });
    const { id } = await byExt(`${p}-r`);
    for (const heldOn of ["2023-03-01", "2023-02-01"]) {
      await logRound(db, actor, ZLogRound.parse({ projectId: String(id), requestId: newRequestId(), format: "VISIT_HERE", summary: "双方就用地进行了交流。", heldOn }));
    }
    expect(await importProjects(db, fixture.admin, csv([signedRow(`${p}-r`)]))).toMatchObject({ ok: true, updated: 1 });
    const [counted] = await db.$queryRaw<{ ok: boolean; n: number }[]>`
      SELECT p.round_count = (SELECT count(*) FROM negotiation_round r WHERE r.project_id = p.id)
         AND p.last_round_on IS NOT DISTINCT FROM (SELECT max(r.held_on) FROM negotiation_round r WHERE r.project_id = p.id) AS ok, p.round_count AS n
        FROM project p WHERE p.id = ${id}`;
    expect(counted).toEqual({ ok: true, n: 2 });
  });
});
