/**
 * Seeds the demo data into the database in DATABASE_URL (`npm run db:seed`).
 * Does nothing on a database that already has data.
 */
import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "./seed/demo";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the seed needs a migrated PostgreSQL database.");
  const db = createPrismaClient(url, 2);
  try {
    const started = performance.now();
    const { projects, rounds } = await seedDemo(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      projects > 0
        ? `Seeded the demo data: ${projects} projects, ${rounds} negotiation rounds (${seconds} s).`
        : "The database already has data: the demo seed did nothing.",
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
