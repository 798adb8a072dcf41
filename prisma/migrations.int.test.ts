import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";

describe("migrations", () => {
  it("all apply to an empty database", async () => {
    const dirs = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const applied = await testDb().$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
      SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
    expect(applied.map((m) => m.migration_name).sort()).toEqual(dirs.sort());
    expect(applied.every((m) => m.finished_at && !m.rolled_back_at)).toBe(true);
  });

  it("create every table of the data model", async () => {
    const tables = await testDb().$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["unit", "app_user", "company", "contact", "project", "stage_change", "negotiation_round", "contract", "construction_start", "funds_in_place", "promotion_event", "audit_log", "reference_item", "api_token"]),
    );
  });
});
