/**
 * Issue 17, "an import they started finished or failed": the starter is told, once, in their language; a
 * rolled-back import never says "finished"; nobody else hears of it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, testDb, uniq } from "@/test/factories";
import { csv, fixture, row, setUpImportFixture } from "@/lib/import/import.test-helpers";
import { importProjects, newImportRunId } from "@/lib/import/import-projects";
import { ImportCrashed } from "@/lib/import/errors";
import { renderNotification } from "@/lib/notify/render";

const db = () => testDb();
/** Every notification an import run made, whoever it went to. */
const ofRun = (runId: string) =>
  db().notification.findMany({ where: { occasion: runId }, select: { id: true, userId: true, kind: true, projectId: true, data: true } });

beforeAll(setUpImportFixture);

describe("import notifications", () => {
  it("a good import: one IMPORT_FINISHED for its starter, with the count, and once for the same run", async () => {
    const other = await makeUser({ role: "ADMIN" });
    const p = uniq();
    const runId = newImportRunId();
    const result = await importProjects(db(), fixture.admin, csv([row(`${p}-a`), row(`${p}-b`)]), { runId });
    expect(result).toMatchObject({ ok: true, created: 2 });

    const sent = await ofRun(runId);
    expect(sent.map((n) => [n.userId, n.kind])).toEqual([[fixture.admin.id, "IMPORT_FINISHED"]]);
    expect(await db().notification.count({ where: { userId: other.id } })).toBe(0);
    const text = (locale: "en" | "zh-CN") => renderNotification({ ...sent[0], projectTitle: null }, locale).body;
    expect(text("en")).toContain("2 projects");
    expect(text("zh-CN")).toContain("2 个项目");

    // The same run again (a retried request): the first run's outcome, nothing imported again, the starter not told twice.
    expect(await importProjects(db(), fixture.admin, csv([row(`${p}-a`), row(`${p}-b`)]), { runId })).toMatchObject({ ok: true, created: 2, updated: 0 });
    expect(await db().auditLog.count({ where: { action: "project.import_update", entityId: { in: (await db().project.findMany({ where: { externalId: { startsWith: p } } })).map((x) => String(x.id)) } } })).toBe(0);
    expect(await ofRun(runId)).toHaveLength(1);
  });

  it("a bad file: one IMPORT_FAILED with the error count, no projects, no 'finished'", async () => {
    const other = await makeUser({ role: "ADMIN" });
    const p = uniq();
    const runId = newImportRunId();
    const file = csv([row(`${p}-a`), row(`${p}-b`, { unit: "no-such-unit" }), row(`${p}-c`, { owner_email: "nobody@nowhere.test" })]);
    const result = await importProjects(db(), fixture.admin, file, { runId });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.errors;
    expect(issues.length).toBeGreaterThanOrEqual(2);

    expect(await db().project.count({ where: { externalId: { startsWith: p } } })).toBe(0);
    const sent = await ofRun(runId);
    expect(sent.map((n) => [n.userId, n.kind])).toEqual([[fixture.admin.id, "IMPORT_FAILED"]]);
    expect(sent[0].data).toEqual({ errors: issues.length, rows: 2 });
    expect(await db().notification.count({ where: { userId: other.id } })).toBe(0);
    const en = renderNotification({ ...sent[0], projectTitle: null }, "en").body;
    expect(en).toContain(`${issues.length} errors`);
    expect(en).toContain("2 rows at fault");
    expect(renderNotification({ ...sent[0], projectTitle: null }, "zh-CN").body).toContain(`${issues.length} 个问题（2 行有误）`);
  });

  it("a starter who muted imports is not told", async () => {
    await db().notificationPreference.upsert({
      where: { userId: fixture.admin.id },
      create: { userId: fixture.admin.id, mutedKinds: ["IMPORT_FINISHED"] },
      update: { mutedKinds: ["IMPORT_FINISHED"] },
    });
    try {
      const runId = newImportRunId();
      expect(await importProjects(db(), fixture.admin, csv([row(`${uniq()}-a`)]), { runId })).toMatchObject({ ok: true });
      expect(await ofRun(runId)).toHaveLength(0);
    } finally {
      await db().notificationPreference.delete({ where: { userId: fixture.admin.id } });
    }
  });
});

describe("an import that crashes on an unexpected server error", () => {
  it("rolls back and tells its starter 'failed' once per run id, with a reference and no stack; nothing else is written", async () => {
    const p = `fault-${uniq()}`;
    // A real fault inside the import's transaction: the database refuses the second project's insert with an error
    // the importer does not expect (not a validation issue, not a unique violation).
    const fn = `import_fault_${p.replaceAll("-", "_")}`;
    await db().$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = '${p}-b' THEN RAISE EXCEPTION 'injected fault %', NEW.external_id USING ERRCODE = 'XX000'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON project FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    const auditsBefore = await db().auditLog.count({ where: { actorId: fixture.admin.id } });
    const runId = newImportRunId();
    let crash: unknown;
    try {
      const file = csv([row(`${p}-a`), row(`${p}-b`)]);
      crash = await importProjects(db(), fixture.admin, file, { runId }).then(() => null, (e: unknown) => e);
      expect(crash).toBeInstanceOf(ImportCrashed);
      expect(String((crash as ImportCrashed).cause)).toMatch(/injected fault/);
      // A retry of the same run that crashes again: still one notice.
      await expect(importProjects(db(), fixture.admin, file, { runId })).rejects.toBeInstanceOf(ImportCrashed);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER ${fn} ON project`);
      await db().$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }

    expect(await db().project.count({ where: { externalId: { startsWith: p } } })).toBe(0);
    expect(await db().company.count({ where: { nameZh: { startsWith: `投资方 ${p}` } } })).toBe(0);
    expect(await db().auditLog.count({ where: { actorId: fixture.admin.id } })).toBe(auditsBefore);
    expect(await db().importRun.count({ where: { requestId: runId } })).toBe(0); // a crashed run's retry runs again
    const sent = await ofRun(runId);
    expect(sent.map((n) => [n.userId, n.kind])).toEqual([[fixture.admin.id, "IMPORT_FAILED"]]);
    const data = sent[0].data as Record<string, unknown>;
    expect(data.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(data.reference).toBe((crash as ImportCrashed).reference); // the first crash's, the one its log entry names
    for (const locale of ["en", "zh-CN"] as const) {
      const text = renderNotification({ ...sent[0], projectTitle: null }, locale);
      expect(text.body).toContain(String(data.reference));
      expect(text.body).not.toMatch(/injected|fault|Error|at .*\.ts/);
    }
    expect(renderNotification({ ...sent[0], projectTitle: null }, "en").body).toContain("nothing was saved");
  });
});
