import "server-only";
/** The filter choices of the dashboard: units, sectors, chains and owners the user may pick. */
import type { Db } from "@/lib/db";
import { seesAllUnits } from "@/lib/auth/scope";
import type { Actor } from "./sql";

export type NamedOption = { id: number; nameZh: string; nameEn: string | null };

export async function dashboardOptions(db: Db, user: Actor) {
  const all = seesAllUnits(user);
  const [units, refs, owners] = await Promise.all([
    all ? db.unit.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: [{ kind: "asc" }, { id: "asc" }] }) : Promise.resolve([]),
    db.referenceItem.findMany({
      where: { kind: { in: ["SECTOR", "INDUSTRY_CHAIN"] } },
      select: { id: true, kind: true, nameZh: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    }),
    user.role === "OFFICER"
      ? Promise.resolve([])
      : db.user.findMany({ where: all ? {} : { unitId: user.unitId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  return {
    units: units as NamedOption[],
    sectors: refs.filter((r) => r.kind === "SECTOR").map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
    chains: refs.filter((r) => r.kind === "INDUSTRY_CHAIN").map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
    owners,
  };
}
export type DashboardOptions = Awaited<ReturnType<typeof dashboardOptions>>;
