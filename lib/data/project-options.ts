import "server-only";
/**
 * What the project forms choose from: units, reference items, owners and
 * events (projectOptions), the owners a project can be handed to
 * (reassignableOwners), and the company picker's search (searchCompanies).
 * The list's and dashboard's filters read projectOptions through
 * filter-options.ts, which caches them.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { allowedUnitIds } from "@/lib/domain/scope";
import type { ReferenceKind } from "@/lib/generated/prisma/enums";
import { likeLiteral } from "@/lib/data/like";
import { Prisma } from "@/lib/generated/prisma/client";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

export type Option = { id: number; nameZh: string; nameEn: string | null };
export type OwnerOption = { id: number; name: string; unitId: number };

/**
 * Units in scope, reference items by kind, owners in scope and events.
 * `forForm`: only values that may be newly chosen (not retired, active users),
 * plus the record's current values in `keep` so an edit form still shows them.
 */
export async function projectOptions(db: Db, user: Actor, { forForm = false, keep = [] as number[] } = {}) {
  const units = allowedUnitIds(user);
  const [unitRows, refs, owners, events] = await Promise.all([
    db.unit.findMany({
      where: { ...(units === null ? {} : { id: { in: units } }), ...(forForm ? { retiredAt: null } : {}) },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { id: "asc" }],
    }),
    db.referenceItem.findMany({
      where: forForm ? { OR: [{ retiredAt: null }, { id: { in: keep } }] } : {},
      select: { id: true, kind: true, nameZh: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    }),
    db.user.findMany({
      where: { ...(units === null ? {} : { unitId: { in: units } }), ...(forForm ? { disabledAt: null } : {}) },
      select: { id: true, name: true, unitId: true },
      orderBy: [{ unitId: "asc" }, { name: "asc" }],
    }),
    db.promotionEvent.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: [{ startsOn: "desc" }, { id: "desc" }] }),
  ]);
  const byKind = (kind: ReferenceKind): Option[] => refs.filter((r) => r.kind === kind).map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }));
  return {
    units: unitRows as Option[],
    sectors: byKind("SECTOR"),
    chains: byKind("INDUSTRY_CHAIN"),
    sources: byKind("SOURCE"),
    owners: owners as OwnerOption[],
    events: events as Option[],
  };
}
export type ProjectOptions = Awaited<ReturnType<typeof projectOptions>>;

/** Who a project of `unitId` can be handed to (reassignOwner's rule): the unit's active users, by name. */
export async function reassignableOwners(db: Db, unitId: number): Promise<{ id: number; name: string }[]> {
  // Plain SQL: read on every project page a manager opens; Prisma compiles a
  // findMany on every call (docs/ARCHITECTURE.md, "Reads on hot pages").
  return db.$queryRaw`SELECT id, name FROM app_user a WHERE ${reassignableSql("a", Prisma.sql`${unitId}`)} ORDER BY name, id`;
}

/** reassignableOwners' rule on app_user aliased `userAlias`, for the unit given as an SQL expression. */
function reassignableSql(userAlias: string, unitId: Prisma.Sql): Prisma.Sql {
  const a = Prisma.raw(`"${userAlias}"`);
  return Prisma.sql`${a}.unit_id = ${unitId} AND ${a}.disabled_at IS NULL`;
}

/** reassignableOwners for the project `p`, as a JSON column of a statement on it (the project page reads it with the project). */
export function reassignableOwnersColumnSql(): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(jsonb_agg(jsonb_build_object('id', ro.id, 'name', ro.name) ORDER BY ro.name, ro.id), '[]'::jsonb)
      FROM app_user ro WHERE ${reassignableSql("ro", Prisma.sql`p.unit_id`)})`;
}

/** Companies for the project form's picker: substring of either name, at most 20. */
export async function searchCompanies(db: Db, _user: Actor, q: string) {
  if (!q) return [];
  const like = likeLiteral(q);
  return db.company.findMany({
    where: { OR: [{ nameZh: { contains: like, mode: "insensitive" } }, { nameEn: { contains: like, mode: "insensitive" } }] },
    select: { id: true, nameZh: true, nameEn: true, countryCode: true },
    orderBy: [{ nameZh: "asc" }],
    take: 20,
  });
}
