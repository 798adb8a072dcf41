/**
 * Chain links (project.anchor_project_id): a project's anchor may have an
 * anchor of its own, but the links never close a loop (A → B → … → A, or A
 * its own anchor). One check for the project form (lib/data/projects.ts) and
 * the importer, on links not yet written. No `server-only`: the importer's
 * command line uses it too.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

export type AnchorLink = { projectId: number; anchorId: number | null };

/**
 * The projects among `links` whose new anchor would close a loop, given the
 * other links of the database (a link of `links` replaces the stored one).
 */
export async function anchorLoops(tx: Pick<Prisma.TransactionClient, "$queryRaw">, links: AnchorLink[]): Promise<number[]> {
  const set = links.filter((l) => l.anchorId !== null);
  if (set.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE link(id, anchor) AS (
      SELECT * FROM unnest(${links.map((l) => l.projectId)}::int[], ${links.map((l) => l.anchorId)}::int[])
    ),
    up(start_id, id, depth) AS (
      SELECT l.id, l.anchor, 1 FROM link l WHERE l.anchor IS NOT NULL
      UNION ALL
      SELECT up.start_id, CASE WHEN l.id IS NOT NULL THEN l.anchor ELSE p.anchor_project_id END, up.depth + 1
        FROM up LEFT JOIN link l ON l.id = up.id LEFT JOIN project p ON p.id = up.id
       WHERE up.id <> up.start_id AND up.depth < 1000
         AND CASE WHEN l.id IS NOT NULL THEN l.anchor ELSE p.anchor_project_id END IS NOT NULL
    )
    SELECT DISTINCT start_id AS id FROM up WHERE id = start_id`;
  return rows.map((r) => r.id);
}
