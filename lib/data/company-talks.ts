import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { inPlaySql, projectScopeSql } from "@/lib/data/sql-rules";
import type { Stage } from "@/lib/generated/prisma/enums";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/**
 * "Also in talks with": the other units whose projects with the same investor
 * are in play (inPlaySql), so that a city does not compete with itself. Only
 * the unit and the stage leave the database — no title, amount, owner or id of
 * a project the user may not see (the one exception to the scope rule, like the
 * chain's anchor projects: docs/ARCHITECTURE.md "Reading data").
 */
export type OtherUnitTalk = { unitId: number; unitNameZh: string; unitNameEn: string | null; stage: Stage };

/** On a company page: the units outside the user's scope in play with this company. */
export async function otherUnitsInTalks(db: Db, user: Actor, input: { companyId: number }): Promise<OtherUnitTalk[]> {
  return talks(db, input.companyId, Prisma.sql`NOT (${projectScopeSql(user, "p")})`);
}

/** On a project page (read in the user's scope already): the other units in play with its company. */
export async function otherUnitsInTalksForProject(db: Db, _user: Actor, input: { companyId: number; unitId: number }): Promise<OtherUnitTalk[]> {
  return talks(db, input.companyId, Prisma.sql`p.unit_id <> ${input.unitId}`);
}

async function talks(db: Db, companyId: number, which: Prisma.Sql) {
  return db.$queryRaw<OtherUnitTalk[]>(Prisma.sql`
    SELECT DISTINCT u.id AS "unitId", u.name_zh AS "unitNameZh", u.name_en AS "unitNameEn", p.stage
      FROM project p JOIN unit u ON u.id = p.unit_id
     WHERE p.company_id = ${companyId} AND ${inPlaySql("p")} AND ${which}
     ORDER BY u.name_zh, p.stage`);
}

/**
 * otherUnitsInTalksForProject as a JSON column of a statement on the project `p` (the project page reads it with
 * the project): the same rows, in the same order.
 */
export function otherUnitsInTalksColumnSql(): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(jsonb_agg(jsonb_build_object('unitId', t.unit_id, 'unitNameZh', t.name_zh, 'unitNameEn', t.name_en, 'stage', t.stage)
                                      ORDER BY t.name_zh, t.stage), '[]'::jsonb)
      FROM (SELECT DISTINCT u.id AS unit_id, u.name_zh, u.name_en, tp.stage
              FROM project tp JOIN unit u ON u.id = tp.unit_id
             WHERE tp.company_id = p.company_id AND ${inPlaySql("tp")} AND tp.unit_id <> p.unit_id) t)`;
}
