/**
 * Issue 15: the import and its templates take the commitment columns — the
 * milestones' deadlines and the promised values — written as the project
 * page writes a promise (writeCommitment), only on rows signed or later, and
 * all or nothing as the rest of the file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { csv, fixture, row, setUpImportFixture, signedRow } from "@/lib/import/import.test-helpers";
import { importProjects } from "@/lib/import/import-projects";
import { translateIssues } from "@/lib/import/messages";
import { IMPORT_COLUMNS } from "@/lib/import/columns";
import { templateCsv, templateExample } from "@/lib/import/template";

const db = () => testDb();

beforeAll(setUpImportFixture);

async function promises(ext: string) {
  const p = await db().project.findUniqueOrThrow({
    where: { externalId: ext },
    select: { id: true, contracts: { select: { id: true } }, commitments: { orderBy: { id: "asc" }, select: { kind: true, value: true, dueOn: true, replacedAt: true, contractId: true } } },
  });
  return {
    id: p.id,
    contractIds: p.contracts.map((k) => k.id),
    inForce: p.commitments.filter((c) => !c.replacedAt).map((c) => [c.kind, c.value?.toString() ?? null, c.dueOn?.toISOString().slice(0, 10) ?? null, c.contractId]),
    replaced: p.commitments.filter((c) => c.replacedAt).map((c) => [c.kind, c.dueOn?.toISOString().slice(0, 10) ?? null]),
  };
}

const projectsNamed = (prefix: string) => db().project.count({ where: { externalId: { startsWith: prefix } } });

describe("import: the commitment columns", () => {
  it("writes the deadlines and promised values on signed rows, audited as the project page does; a re-import amends only what changed", async () => {
    const p = uniq();
    const file = () =>
      csv([
        signedRow(`${p}-s`, { production_due: "2026-12-31", investment_total_promised_cny: "1,000,000,000", investment_total_due: "2027-06-30", jobs_promised: "350" }),
        signedRow(`${p}-c`, { stage: "construction", construction_start_date: "2023-09-01", land_handover_due: "2023-08-01" }),
        row(`${p}-n`),
      ]);
    expect(await importProjects(db(), fixture.admin, file())).toMatchObject({ ok: true, created: 3 });

    const s = await promises(`${p}-s`);
    const k = s.contractIds[0];
    expect(s.inForce).toEqual([
      ["PRODUCTION", null, "2026-12-31", k],
      ["INVESTMENT_TOTAL", "1000000000", "2027-06-30", k],
      ["JOBS", "350", null, k],
    ]);
    const c = await promises(`${p}-c`);
    expect(c.inForce).toEqual([["LAND_HANDOVER", null, "2023-08-01", c.contractIds[0]]]);
    expect((await promises(`${p}-n`)).inForce).toEqual([]);
    expect(await db().auditLog.count({ where: { entity: "commitment", action: "commitment.create", actorId: fixture.admin.id, after: { path: ["projectId"], equals: s.id } } })).toBe(3);

    // The same file again: nothing new. Then a moved deadline: an amendment, the old promise kept as history.
    expect(await importProjects(db(), fixture.admin, file())).toMatchObject({ ok: true, updated: 3 });
    expect((await promises(`${p}-s`)).inForce).toHaveLength(3);
    const moved = csv([signedRow(`${p}-s`, { production_due: "2027-03-31", investment_total_promised_cny: "1000000000.00", investment_total_due: "2027-06-30", jobs_promised: "350" })]);
    expect(await importProjects(db(), fixture.admin, moved)).toMatchObject({ ok: true, updated: 1 });
    const after = await promises(`${p}-s`);
    expect(after.inForce).toContainEqual(["PRODUCTION", null, "2027-03-31", k]);
    expect(after.replaced).toEqual([["PRODUCTION", "2026-12-31"]]);
    expect(await db().auditLog.count({ where: { entity: "commitment", action: "commitment.amend", actorId: fixture.admin.id } })).toBeGreaterThanOrEqual(1);
  });

  it("a commitment on a row not yet signed: a row error in the reader's language, and the whole file changes nothing", async () => {
    const p = uniq();
    const file = csv([signedRow(`${p}-ok`, { production_due: "2026-12-31" }), row(`${p}-bad`, { stage: "negotiation", production_due: "2026-12-31" })]);
    const result = await importProjects(db(), fixture.admin, file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ row: 3, column: "production_due", key: "commitmentBeforeSigned", params: { stage: "negotiation" } }]);
    expect(translateIssues(result.errors, "zh-CN")[0].message).toContain("尚未签约");
    expect(translateIssues(result.errors, "en")[0].message).toContain("before signing");
    expect(await projectsNamed(p)).toBe(0);
  });

  it("a bad commitment cell (an impossible date, a due date without its value) makes the whole file change nothing", async () => {
    const p = uniq();
    const file = csv([
      signedRow(`${p}-a`, { production_due: "2026-02-30" }),
      signedRow(`${p}-b`, { investment_total_due: "2027-06-30" }),
      signedRow(`${p}-c`, { statistics_due: "2027-12-31" }),
    ]);
    const result = await importProjects(db(), fixture.admin, file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, "production_due", "date"],
      [3, "investment_total_promised_cny", "promiseValueMissing"],
    ]);
    expect(await projectsNamed(p)).toBe(0);
    expect(await db().commitment.count({ where: { project: { externalId: { startsWith: p } } } })).toBe(0);
  });

  it("the templates carry the commitment columns, in Chinese as the app names the promises, and their example row imports", async () => {
    const zh = templateCsv(await templateExample(db()), "zh");
    expect(zh).toContain("投产期限");
    expect(zh).toContain("承诺总投资（元）");
    expect(IMPORT_COLUMNS.map((c) => c.key)).toEqual(expect.arrayContaining(["production_due", "investment_total_promised_cny", "jobs_promised"]));
  });
});
