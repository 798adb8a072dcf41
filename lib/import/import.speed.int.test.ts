/**
 * The importer's speed: 10,000 rows new, then the same 10,000 as updates,
 * each in under 30 seconds (issue 5). `npm test` runs this file on its own,
 * after the rest: run beside the other integration files, on a 2-core
 * machine, it measured their load as much as the importer.
 */
import { beforeAll, expect, it } from "vitest";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { importProjects } from "@/lib/import/import-projects";
import { csv, fixture, row, setUpImportFixture, signedRow, type Row } from "@/lib/import/import.test-helpers";

beforeAll(setUpImportFixture);

it("imports 10,000 rows in under 30 seconds", { timeout: 120_000 }, async () => {
  const unit = await makeUnit("DISTRICT");
  const owner = await makeUser({ role: "OFFICER", unitId: unit.id });
  const p = uniq();
  const rows: Row[] = [];
  for (let i = 0; i < 10_000; i++) {
    const base = { unit: unit.code, owner_email: owner.email, investor_name: `批量投资方 ${p}-${i % 2500}` };
    if (i % 3 === 0) rows.push(signedRow(`${p}-${i}`, { ...base, ...(i % 2 === 0 ? { stage: "construction", construction_start_date: "2023-10-01" } : {}) }));
    else rows.push(row(`${p}-${i}`, { ...base, anchor_external_id: i > 10 ? `${p}-${i - 10}` : "" }));
  }
  const file = csv(rows, { bom: true });
  const started = performance.now();
  const result = await importProjects(testDb(), fixture.admin, file);
  const ms = performance.now() - started;
  console.log(`10,000-row import (${(file.length / 1024 / 1024).toFixed(1)} MB): ${(ms / 1000).toFixed(2)} s`);
  expect(result).toMatchObject({ ok: true, created: 10_000, updated: 0 });
  expect(ms).toBeLessThan(30_000);
  expect(await testDb().project.count({ where: { unitId: unit.id } })).toBe(10_000);
  expect(await testDb().contract.count({ where: { project: { unitId: unit.id } } })).toBe(3334);

  // Re-importing the same 10,000 rows updates them, also in time.
  const again = performance.now();
  expect(await importProjects(testDb(), fixture.admin, file)).toMatchObject({ ok: true, created: 0, updated: 10_000 });
  const ms2 = performance.now() - again;
  console.log(`10,000-row re-import (updates): ${(ms2 / 1000).toFixed(2)} s`);
  expect(ms2).toBeLessThan(30_000);
});
