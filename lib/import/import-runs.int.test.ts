/**
 * import_run keeps each import's outcome for IMPORT_RUN_RETENTION_DAYS (lib/domain/import-runs.ts): older ones are
 * deleted by the reminder worker's daily job, recent ones stay, and a retry of a recent run still answers with its
 * stored outcome and imports nothing (a request id seen after the retention is a new import).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { testDb, uniq } from "@/test/factories";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { csv, fixture, row, setUpImportFixture } from "@/lib/import/import.test-helpers";
import { importProjects, newImportRunId } from "@/lib/import/import-projects";
import { pruneImportRuns } from "@/lib/import/import-runs";
import { IMPORT_RUN_RETENTION_DAYS } from "@/lib/domain/import-runs";
import { DAY_MS } from "@/lib/domain/period";
import { PRUNE_QUEUE, PRUNE_SCHEDULE, startNotifyWorker } from "@/lib/notify/worker";
import type { Transports } from "@/lib/notify/channels";

const db = () => testDb();
const runRow = (runId: string) => db().importRun.findMany({ where: { userId: fixture.admin.id, requestId: runId } });
/** Moves a run's recorded moment `days` days back from `now` (the other test files' runs are recent: untouched). */
const age = (runId: string, now: Date, days: number) =>
  db().importRun.updateMany({ where: { userId: fixture.admin.id, requestId: runId }, data: { createdAt: new Date(now.getTime() - days * DAY_MS) } });
const projectsOf = (prefix: string) => db().project.count({ where: { externalId: { startsWith: prefix } } });

beforeAll(setUpImportFixture);

describe("import outcomes past their retention", () => {
  it("go; recent ones stay, and a retry of a recent run still gets its stored outcome", async () => {
    const now = new Date();
    const [p, q] = [uniq(), uniq()];
    const old = newImportRunId();
    const recent = newImportRunId();
    expect(await importProjects(db(), fixture.admin, csv([row(`${p}-a`)]), { runId: old })).toMatchObject({ ok: true, created: 1 });
    expect(await importProjects(db(), fixture.admin, csv([row(`${q}-a`)]), { runId: recent })).toMatchObject({ ok: true, created: 1 });
    await age(old, now, IMPORT_RUN_RETENTION_DAYS + 1);
    await age(recent, now, IMPORT_RUN_RETENTION_DAYS - 1);

    expect(await pruneImportRuns(db(), now)).toBeGreaterThanOrEqual(1);
    expect(await runRow(old)).toEqual([]);
    expect(await runRow(recent)).toHaveLength(1);

    // A retry of the recent run, even with other rows in the file: the first outcome, nothing imported.
    const r = uniq();
    expect(await importProjects(db(), fixture.admin, csv([row(`${r}-a`), row(`${r}-b`)]), { runId: recent })).toMatchObject({ ok: true, created: 1, rows: 1 });
    expect(await projectsOf(r)).toBe(0);
    // The old run's id again, after the retention: not a retry any more, a new import.
    const s = uniq();
    expect(await importProjects(db(), fixture.admin, csv([row(`${s}-a`), row(`${s}-b`)]), { runId: old })).toMatchObject({ ok: true, created: 2 });
    expect(await projectsOf(s)).toBe(2);
  });
});

describe("the worker's daily job", () => {
  let own: { url: string; dispose: () => Promise<void> };
  let ownDb: Db;
  beforeAll(async () => {
    own = await ownDatabase("crm_prune");
    ownDb = createPrismaClient(own.url, 3);
  });
  afterAll(async () => {
    await ownDb?.$disconnect();
    await own?.dispose();
  });

  it("is scheduled once a day at 04:00 Beijing time and deletes the outcomes past the retention as of the worker's clock", async () => {
    const unit = await ownDb.unit.create({ data: { code: "u1", nameZh: "县", nameEn: "County", kind: "COUNTY" } });
    const admin = await ownDb.user.create({ data: { email: "a@bureau.test", name: "Admin", passwordHash: "x", role: "ADMIN", unitId: unit.id } });
    const now = new Date("2026-06-15T02:00:00Z");
    const run = (days: number) => ({ userId: admin.id, requestId: randomUUID(), outcome: { ok: true }, createdAt: new Date(now.getTime() - days * DAY_MS) });
    const [old, recent] = [run(IMPORT_RUN_RETENTION_DAYS + 2), run(IMPORT_RUN_RETENTION_DAYS - 2)];
    await ownDb.importRun.createMany({ data: [old, recent] });
    const transports: Transports = { email: null, post: async () => undefined, baseUrl: "http://crm.test" };
    const worker = await startNotifyWorker({ databaseUrl: own.url, db: ownDb, transports, clock: () => now });
    try {
      expect((await worker.boss.getSchedules()).filter((s) => s.name === PRUNE_QUEUE)).toEqual([
        expect.objectContaining({ name: PRUNE_QUEUE, cron: PRUNE_SCHEDULE.cron, options: expect.objectContaining({ tz: "Asia/Shanghai" }) }),
      ]);
      // The cron's job, sent now rather than waited for.
      await worker.boss.send(PRUNE_QUEUE, {});
      await expect.poll(() => ownDb.importRun.count(), { timeout: 30_000, interval: 200 }).toBe(1);
    } finally {
      await worker.stop();
    }
    expect((await ownDb.importRun.findMany()).map((r) => r.requestId)).toEqual([recent.requestId]);
  });
});
