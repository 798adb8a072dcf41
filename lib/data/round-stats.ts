/**
 * The project's columns derived from its negotiation rounds — round_count and
 * last_round_on — in one definition: the count and the latest held_on of the
 * rounds themselves. Used by logging a round (lib/data/rounds.ts), the demo
 * seed and the large seed (scripts/seed-large.ts, through ROUND_STATS_SQL on a
 * plain pg client). No `server-only`: the seeds run outside Next.js.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sets round_count / last_round_on of the projects in $1 (an int[]; NULL for
 * every project) from their rounds; a project without rounds gets 0 / NULL.
 */
/** The two stats of one project's rounds `r` (what ROUND_STATS_SQL and logging a round both write). */
export const ROUND_STATS_COLUMNS = "COUNT(r.id)::int AS n, MAX(r.held_on) AS last";

export const ROUND_STATS_SQL = `
  UPDATE project p SET round_count = s.n, last_round_on = s.last
    FROM (SELECT q.id, ${ROUND_STATS_COLUMNS}
            FROM project q LEFT JOIN negotiation_round r ON r.project_id = q.id
           WHERE $1::int[] IS NULL OR q.id = ANY($1::int[])
           GROUP BY q.id) s
   WHERE p.id = s.id AND (p.round_count, p.last_round_on) IS DISTINCT FROM (s.n, s.last)`;

/** ROUND_STATS_SQL on the given projects (null: all of them), in the caller's transaction. */
export async function refreshRoundStats(tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">, projectIds: number[] | null): Promise<void> {
  await tx.$executeRawUnsafe(ROUND_STATS_SQL, projectIds);
}
