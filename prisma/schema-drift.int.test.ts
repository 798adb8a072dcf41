/**
 * The database the migrations build is the one prisma/schema.prisma describes:
 * tables, columns, types, nullability, defaults, indexes, unique constraints,
 * foreign keys and enums, as Prisma's own `migrate diff` compares them. A
 * hand-written migration that forgets a column, or a schema field without its
 * migration, fails here with the SQL that is missing (`npm run db:diff` writes
 * it). What schema.prisma cannot say (triggers, CHECKs) is not compared.
 */
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "@/scripts/lib/schema-diff";

describe("schema drift", () => {
  it("the migrations build exactly what schema.prisma describes", { timeout: 300_000 }, async () => {
    // In a scratch database on the run's server, or in a fresh embedded one.
    const diff = await diffMigrationsToSchema(process.env.DATABASE_URL);
    expect(diff.sql, "SQL the migrations lack (npm run db:diff -- --name <what> writes it)").toBe("-- This is an empty migration.");
    expect(diff.changed).toBe(false);
  });
});
