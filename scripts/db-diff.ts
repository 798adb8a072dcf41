/**
 * `npm run db:diff [-- --name add_something]`
 * Writes the SQL for a schema change: builds a scratch database from
 * prisma/migrations (on the server of DATABASE_URL, or an in-memory embedded
 * one without it) and asks Prisma what brings it to prisma/schema.prisma.
 * Without --name the SQL is printed; with it, written to a new
 * prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql.
 * Exit code 0 when done (or nothing to do), 2 on misuse, 1 on failure.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema } from "./lib/schema-diff";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("Usage: npm run db:diff [-- --name add_something]   (letters, digits and _)");
  process.exit(2);
}

/** Prisma's folder naming: the UTC time as yyyymmddhhmmss. */
const timestamp = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);

async function main() {
  const args = process.argv.slice(2);
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--name") name = args[++i] ?? usage("--name needs a name.");
    else if (a.startsWith("--name=")) name = a.slice(7);
    else if (a === "--help" || a === "-h") usage();
    else usage(`Unknown argument ${a}.`);
  }
  if (name !== undefined && !/^[a-z0-9_]+$/i.test(name)) usage("A migration name is letters, digits and _.");

  const diff = await diffMigrationsToSchema(process.env.DATABASE_URL);
  console.error(`Replayed prisma/migrations in a scratch database on ${diff.replayedOn}.`);
  if (!diff.changed) {
    console.error("prisma/schema.prisma and prisma/migrations agree: no migration needed.");
    return;
  }
  if (!name) {
    process.stdout.write(`${diff.sql}\n`);
    console.error("\nTo write it as a migration: npm run db:diff -- --name <what_it_does>");
    return;
  }
  const dir = path.join("prisma", "migrations", `${timestamp(new Date())}_${name}`);
  await mkdir(dir);
  await writeFile(path.join(dir, "migration.sql"), `${diff.sql}\n`);
  console.error(`Wrote ${path.join(dir, "migration.sql")}. Read it, add what schema.prisma cannot say (triggers, CHECKs), then apply it and run npx prisma generate.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
