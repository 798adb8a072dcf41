/**
 * The demo data set: the invented city of Jiangzhou, its bureaus and staff,
 * about 150 projects with their full histories, and the stories the product
 * is about (see shared PRODUCT.md). Used by `npm start` on a new embedded
 * database and by `npm run db:seed`.
 */
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { refreshRoundStats } from "@/lib/data/round-stats";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildDemoRows, type DemoRows } from "./demo-build";
import { DEMO_PASSWORD } from "./demo-data";
import { seedDemoSupervision } from "./demo-supervision";
import { seedDemoCommitments } from "./demo-commitments";
import { seedDemoStallAges } from "./demo-stalls";
import { seedDemoCounting } from "./demo-counting";

export { DEMO_PASSWORD };

/** Any fixed number: lets two concurrent seeders queue instead of colliding. */
const SEED_LOCK = 7_105_001;

/**
 * Fills an empty database with the demo data and returns what it wrote; a
 * database that has any unit already is left alone (returns zeros), so
 * calling it on every start is safe.
 */
export async function seedDemo(db: Db): Promise<{ projects: number; rounds: number }> {
  if ((await db.unit.count()) > 0) return { projects: 0, rounds: 0 };
  // Argon2 is slow on purpose: hash once, for every demo user.
  const rows = buildDemoRows(await hashPassword(DEMO_PASSWORD));
  const written = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      if ((await tx.unit.count()) > 0) return null; // another seeder got there first
      return insertAll(tx, rows);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return written ? { projects: rows.projects.length, rounds: rows.rounds.length + written.extraRounds } : { projects: 0, rounds: 0 };
}

/** Parents before children; one statement per table keeps seeding to seconds, even on PGlite. */
async function insertAll(tx: Prisma.TransactionClient, rows: DemoRows): Promise<{ extraRounds: number }> {
  await tx.unit.createMany({ data: rows.units });
  await tx.user.createMany({ data: rows.users });
  await tx.referenceItem.createMany({ data: rows.referenceItems });
  await tx.company.createMany({ data: rows.companies });
  await tx.contact.createMany({ data: rows.contacts });
  await tx.promotionEvent.createMany({ data: rows.events });
  await tx.project.createMany({ data: rows.projects });
  await tx.stageChange.createMany({ data: rows.stageChanges });
  await tx.negotiationRound.createMany({ data: rows.rounds });
  await refreshRoundStats(tx, null); // round_count / last_round_on as the app keeps them
  // The leader named among "our participants", by the migration's own rule (leader_code_in).
  await tx.$executeRaw`UPDATE negotiation_round r SET leader_id = ri.id FROM reference_item ri
    WHERE ri.kind = 'LEADER' AND ri.code = leader_code_in(r.our_participants) AND r.leader_id IS NULL`;
  await tx.contract.createMany({ data: rows.contracts });
  await tx.constructionStart.createMany({ data: rows.starts });
  await tx.fundsInPlace.createMany({ data: rows.funds });
  await seedDemoSupervision(tx);
  await seedDemoCommitments(tx);
  await seedDemoCounting(tx);
  const extraRounds = await seedDemoStallAges(tx);

  // Rows inserted with explicit ids leave their sequences at 1: move them
  // past the seeded ids so the app's own inserts do not collide.
  const explicit: [table: string, maxId: number][] = [
    ["unit", rows.units.length],
    ["app_user", rows.users.length],
    ["reference_item", rows.referenceItems.length],
    ["company", rows.companies.length],
    ["promotion_event", rows.events.length],
    ["project", rows.projects.length],
  ];
  for (const [table, maxId] of explicit) {
    await tx.$queryRaw`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${maxId}::bigint)`;
  }
  return { extraRounds };
}
