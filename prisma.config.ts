/**
 * Prisma CLI configuration. Prisma 6.19's JavaScript schema engine runs
 * migrations through a driver adapter, so nothing is downloaded from Prisma's
 * binary host (unreachable from these machines; see shared STACK.md).
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { SchemaEnginePg } from "./prisma/schema-engine-adapter";

// The CLI tries to download the native engines unless these point at a file.
// With `engine: "js"` they are never executed, so any existing file will do.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= __filename;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= __filename;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to migrate.");
    return new SchemaEnginePg(url);
  },
});
