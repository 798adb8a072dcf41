/**
 * Chain links (project.anchor_project_id): a project's anchor may have an
 * anchor of its own, but the links never close a loop (A → B → … → A, or A
 * its own anchor). One check for the project form (lib/data/projects.ts) and
 * the importer, on links not yet written. No `server-only`: the importer's
 * command line uses it too.
 *
 * An anchor project (链主项目) is a project that draws a chain: at least one
 * project names it as its anchor. Its title is not a secret: any user may find
 * it by title and link to it across unit lines (lib/data/anchors.ts); nothing
 * else of it leaves its scope.
 */
import { Prisma } from "@/lib/generated/prisma/client";

/** The project aliased `projectAlias` is an anchor: some project names it as its anchor. */
export function isAnchorSql(projectAlias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${projectAlias}"`);
  return Prisma.sql`EXISTS (SELECT 1 FROM project drawn WHERE drawn.anchor_project_id = ${a}.id)`;
}

export type AnchorLink = { projectId: number; anchorId: number | null };

/**
 * The projects among `links` whose new anchor would close a loop, given the
 * other links of the database (a link of `links` replaces the stored one).
 */
export async function anchorLoops(tx: Pick<Prisma.TransactionClient, "$queryRaw">, links: AnchorLink[]): Promise<number[]> {
  const set = links.filter((l) => l.anchorId !== null);
  if (set.length === 0) return [];
  // The new links as one jsonb object (project id → anchor id): a keyed lookup in each step of the walk.
  const proposed = JSON.stringify(Object.fromEntries(links.map((l) => [l.projectId, l.anchorId])));
  const rows = await tx.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE link AS (SELECT ${proposed}::jsonb AS m),
    up(start_id, id, depth) AS (
      SELECT e.key::int, (e.value #>> '{}')::int, 1 FROM link, jsonb_each(link.m) e WHERE e.value <> 'null'::jsonb
      UNION ALL
      SELECT up.start_id, n.anchor, up.depth + 1
        FROM up CROSS JOIN link
        LEFT JOIN project p ON p.id = up.id
        CROSS JOIN LATERAL (SELECT CASE WHEN link.m ? up.id::text THEN (link.m ->> up.id::text)::int ELSE p.anchor_project_id END AS anchor) n
       WHERE up.id <> up.start_id AND up.depth < 1000 AND n.anchor IS NOT NULL
    )
    SELECT DISTINCT start_id AS id FROM up WHERE id = start_id`;
  return rows.map((r) => r.id);
}
