import "server-only";
/**
 * Annual targets (lib/domain/targets.ts): their actual values per unit for a
 * period — one SQL statement on the shared rules (signed in the period, first
 * construction start, funds in place) — the targets themselves, the grid admins
 * edit (versioned, audited) and the dashboard's 目标完成 section.
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TargetMeasure } from "@/lib/generated/prisma/enums";
import { writeAudits } from "@/lib/audit/write-audit";
import { firstStartsSql, money, projectFilterSql } from "@/lib/data/sql-rules";
import { may } from "@/lib/domain/policy";
import { ConflictError, ForbiddenError, RuleError } from "@/lib/errors";
import { seesAllUnits } from "@/lib/domain/scope";
import { yearPeriod, type Period } from "@/lib/domain/period";
import { LARGE_PROJECT_CNY, TARGET_MEASURES, targetYearOf, type Measure } from "@/lib/domain/targets";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { cellField, type TargetCellInput } from "@/lib/validation/targets";
import { type Actor, signedInPeriodSql } from "./dashboard/sql";

/** A measure's actual value and its target, as decimal strings (target null: none set). */
export type MeasureValue = { actual: string; target: string | null };
export type UnitMeasures = { unitId: number; nameZh: string; nameEn: string; measures: Record<Measure, MeasureValue> };

export type ActualRow = { unit_id: number | null; total: boolean; signed: number; signed_100m: number; contracted_cny: string | null; starts: number; funds_cny: string | null; fdi_usd: string | null };
export type Actuals = Record<Measure, string>;

const ZERO: Actuals = { SIGNED: "0", SIGNED_100M: "0", CONTRACTED_CNY: "0", STARTS: "0", FUNDS_CNY: "0", FDI_USD: "0" };

/** The measures that count signings, and those of what followed them: read apart (a contract changes only the first). */
export type ActualsPart = "signed" | "delivery";

/**
 * Part of the six measures per unit for a period, and (the row with total = true) for all of the user's scope
 * together. "signed": signed = the first contract in the period (signedInPeriodSql), of them ≥ 1亿 and their
 * contracted yuan; "delivery": starts = the first construction start (firstStartsSql), funds = funds_in_place
 * received in the period per currency. The other part's columns are zero.
 */
export function measureActualsSql(user: Actor, period: Period, part: ActualsPart): Prisma.Sql {
  const filters: DashboardFilters = { period };
  const facts =
    part === "signed"
      ? Prisma.sql`
      SELECT s.unit_id, 1 AS signed, CASE WHEN s.cny >= ${LARGE_PROJECT_CNY}::numeric THEN 1 ELSE 0 END AS large, s.cny,
             0 AS starts, NULL::numeric AS funds_cny, NULL::numeric AS fdi_usd
        FROM (${signedInPeriodSql(user, filters)}) s`
      : Prisma.sql`
      SELECT p.unit_id, 0 AS signed, 0 AS large, NULL::numeric AS cny, 1 AS starts, NULL::numeric AS funds_cny, NULL::numeric AS fdi_usd
        FROM (${firstStartsSql([period])}) fs JOIN project p ON p.id = fs.project_id
       WHERE ${projectFilterSql(user, {})}
      UNION ALL
      SELECT p.unit_id, 0, 0, NULL, 0,
             CASE WHEN f.currency = 'CNY' THEN f.amount END, CASE WHEN f.currency = 'USD' THEN f.amount END
        FROM funds_in_place f JOIN project p ON p.id = f.project_id
       WHERE f.received_on >= ${period.from}::date AND f.received_on < ${period.to}::date AND ${projectFilterSql(user, {})}`;
  return Prisma.sql`
    WITH facts AS (${facts})
    SELECT unit_id, GROUPING(unit_id) = 1 AS total, SUM(signed)::int AS signed, SUM(large)::int AS signed_100m,
           SUM(cny)::text AS contracted_cny, SUM(starts)::int AS starts, SUM(funds_cny)::text AS funds_cny, SUM(fdi_usd)::text AS fdi_usd
      FROM facts GROUP BY ROLLUP(unit_id)`;
}

/** One part's rows (measureActualsSql). */
export function measureActualRows(db: Db, user: Actor, period: Period, part: ActualsPart): Promise<ActualRow[]> {
  return db.$queryRaw<ActualRow[]>(measureActualsSql(user, period, part));
}

const toActuals = (signed: ActualRow | undefined, delivery: ActualRow | undefined): Actuals => ({
  SIGNED: String(signed?.signed ?? 0),
  SIGNED_100M: String(signed?.signed_100m ?? 0),
  CONTRACTED_CNY: money(signed?.contracted_cny),
  STARTS: String(delivery?.starts ?? 0),
  FUNDS_CNY: money(delivery?.funds_cny),
  FDI_USD: money(delivery?.fdi_usd),
});

/** The actual values per unit (units without any: all zero) and for the whole scope, from the two parts' rows. */
function actualsOf(signed: ActualRow[], delivery: ActualRow[]): { total: Actuals; byUnit: Map<number, Actuals> } {
  const total = (rows: ActualRow[]) => rows.find((r) => r.total);
  const unit = (rows: ActualRow[], id: number) => rows.find((r) => !r.total && r.unit_id === id);
  const ids = new Set([...signed, ...delivery].filter((r) => !r.total && r.unit_id !== null).map((r) => r.unit_id!));
  return { total: toActuals(total(signed), total(delivery)), byUnit: new Map([...ids].map((id) => [id, toActuals(unit(signed, id), unit(delivery, id))])) };
}

/** The actual values per unit (units without any: all zero) and for the whole scope. */
export async function measureActuals(db: Db, user: Actor, period: Period): Promise<{ total: Actuals; byUnit: Map<number, Actuals> }> {
  const [signed, delivery] = await Promise.all([measureActualRows(db, user, period, "signed"), measureActualRows(db, user, period, "delivery")]);
  return actualsOf(signed, delivery);
}

type UnitRow = { id: number; code: string; nameZh: string; nameEn: string; kind: string };

/** The units targets are set for (exported for the assessment): the city unit(s) first, then counties and districts, in code order; retired ones left out. */
export async function targetUnits(db: Db, user: Actor): Promise<UnitRow[]> {
  return db.unit.findMany({
    where: { retiredAt: null, ...(seesAllUnits(user) ? {} : { id: user.unitId }) },
    select: { id: true, code: true, nameZh: true, nameEn: true, kind: true },
    orderBy: [{ kind: "asc" }, { code: "asc" }],
  });
}

/** Targets of a year: unitId → measure → value. */
export async function targetsOf(db: Db, year: number, unitIds?: number[]) {
  const rows = await db.target.findMany({ where: { year, ...(unitIds ? { unitId: { in: unitIds } } : {}) }, select: { unitId: true, measure: true, value: true, version: true } });
  const by = new Map<number, Partial<Record<Measure, { value: string; version: number }>>>();
  for (const r of rows) {
    const m = by.get(r.unitId) ?? {};
    m[r.measure as Measure] = { value: r.value.toString(), version: r.version };
    by.set(r.unitId, m);
  }
  return by;
}

const measuresOf = (actuals: Actuals | undefined, targets: Partial<Record<Measure, { value: string }>> | undefined) =>
  Object.fromEntries(TARGET_MEASURES.map((m) => [m, { actual: (actuals ?? ZERO)[m], target: targets?.[m]?.value ?? null }])) as Record<Measure, MeasureValue>;

export type TargetBoard = {
  year: number;
  period: Period;
  /** The whole city against the city unit's targets (null for a user who sees one unit). */
  city: UnitMeasures | null;
  /** Each county and district (or the user's own unit) against its targets. */
  units: UnitMeasures[];
};

/** What the board shows besides the signed measures: the year, the units, their targets and the delivery measures. */
export type TargetBoardBase = { year: number; period: Period; units: UnitRow[]; targets: Awaited<ReturnType<typeof targetsOf>>; delivery: ActualRow[]; seesAll: boolean };

/** The year of the dashboard's period (its first day's), as a whole: the period the targets are set for. */
export function targetPeriodOf(filters: Pick<DashboardFilters, "period">): Period {
  return yearPeriod(targetYearOf(filters.period));
}

/** The board's half no contract changes (the dashboard caches the two apart). */
export async function targetBoardBase(db: Db, user: Actor, filters: Pick<DashboardFilters, "period">): Promise<TargetBoardBase> {
  const year = targetYearOf(filters.period);
  const period = yearPeriod(year);
  const [units, delivery] = await Promise.all([targetUnits(db, user), measureActualRows(db, user, period, "delivery")]);
  const targets = await targetsOf(db, year, units.map((u) => u.id));
  return { year, period, units, targets, delivery, seesAll: seesAllUnits(user) };
}

/** The board from its half and the signed measures' rows (measureActualRows(…, "signed") over targetPeriodOf). */
export function targetBoardOf(base: TargetBoardBase, signed: ActualRow[]): TargetBoard {
  const { year, period, units, targets, seesAll } = base;
  const actuals = actualsOf(signed, base.delivery);
  const cityUnit = seesAll ? units.find((u) => u.kind === "CITY") : undefined;
  // The city unit's targets are the whole city's: someone who sees only the city bureau's own projects is shown no target for them.
  const targetsFor = (u: UnitRow) => (u.kind === "CITY" && !seesAll ? undefined : targets.get(u.id));
  const row = (u: UnitRow): UnitMeasures => ({ unitId: u.id, nameZh: u.nameZh, nameEn: u.nameEn, measures: measuresOf(actuals.byUnit.get(u.id), targetsFor(u)) });
  return {
    year,
    period,
    city: cityUnit ? { unitId: cityUnit.id, nameZh: cityUnit.nameZh, nameEn: cityUnit.nameEn, measures: measuresOf(actuals.total, targets.get(cityUnit.id)) } : null,
    units: units.filter((u) => u.kind !== "CITY" || !seesAll).map(row),
  };
}

/**
 * The dashboard's 目标完成: the year of the dashboard's period (its first
 * day's), actuals over that whole year, in the user's scope — the unit
 * targets are the units', so the dashboard's other filters (sector, chain,
 * an officer's own work) do not narrow them.
 */
export async function getTargetBoard(db: Db, user: Actor, filters: Pick<DashboardFilters, "period">): Promise<TargetBoard> {
  const [base, signed] = await Promise.all([targetBoardBase(db, user, filters), measureActualRows(db, user, targetPeriodOf(filters), "signed")]);
  return targetBoardOf(base, signed);
}

/* ---------- The admin grid ---------- */

/** "10.00" → "10", "1000.50" → "1000.5": a stored value as the grid shows it. */
export const plainDecimal = (v: string) => (v.includes(".") ? v.replace(/\.?0+$/, "") : v);

export type TargetGrid = {
  year: number;
  units: { id: number; code: string; nameZh: string; nameEn: string; kind: string; cells: Record<Measure, { value: string | null; version: number }> }[];
};

/** Every active unit × measure for a year, with each cell's version (0: not set yet). */
export async function getTargetGrid(db: Db, user: Actor, year: number): Promise<TargetGrid> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  const units = await targetUnits(db, user);
  const targets = await targetsOf(db, year);
  return {
    year,
    units: units.map((u) => ({
      ...u,
      cells: Object.fromEntries(TARGET_MEASURES.map((m) => [m, { value: targets.get(u.id)?.[m]?.value ?? null, version: targets.get(u.id)?.[m]?.version ?? 0 }])) as TargetGrid["units"][number]["cells"],
    })),
  };
}

/**
 * Saves the cells of a year's grid that changed, all or none: a cell whose
 * version moved since the grid was read refuses the whole save (ConflictError
 * naming the cells); an empty value removes the target. One audit row per
 * changed cell ("target.set" / "target.clear"), in the same transaction.
 */
export async function saveTargets(db: Db, user: Actor, input: { year: number; cells: TargetCellInput[] }, action = "target.set"): Promise<{ changed: number }> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  const unitIds = [...new Set(input.cells.map((c) => c.unitId))];
  const units = await db.unit.findMany({ where: { id: { in: unitIds }, retiredAt: null }, select: { id: true } });
  if (units.length !== unitIds.length) throw new RuleError("targets.rules.unknownUnit");
  return db.$transaction(async (tx) => {
    // Lock the year's rows for the save: two admins saving the same year queue instead of interleaving.
    const rows = await tx.$queryRaw<{ id: number; unit_id: number; measure: TargetMeasure; value: string; version: number }[]>`
      SELECT id, unit_id, measure, value::text AS value, version FROM target WHERE year = ${input.year} FOR UPDATE`;
    const current = new Map(rows.map((r) => [`${r.unit_id}:${r.measure}`, r]));
    // A cell changed since the grid was read, to something other than what this save asks (a resent save asks the same: no conflict).
    const sameAsNow = (c: TargetCellInput) => {
      const now = current.get(`${c.unitId}:${c.measure}`);
      return now ? c.value !== null && Number(now.value) === Number(c.value) : c.value === null;
    };
    const stale = input.cells.filter((c) => c.version !== undefined && (current.get(`${c.unitId}:${c.measure}`)?.version ?? 0) !== c.version && !sameAsNow(c));
    if (stale.length) {
      // The cells changed meanwhile, as they are now ("" where removed): the form names them and keeps the user's entries.
      const values = Object.fromEntries(stale.map((c) => [cellField(c.unitId, c.measure), plainDecimal(current.get(`${c.unitId}:${c.measure}`)?.value ?? "")]));
      throw new ConflictError({ version: 0, values, changes: [] });
    }
    const audits = [];
    for (const c of input.cells) {
      const was = current.get(`${c.unitId}:${c.measure}`);
      if (sameAsNow(c)) continue;
      const key = { unitId: c.unitId, year: input.year, measure: c.measure };
      if (c.value === null) {
        await tx.target.delete({ where: { id: was!.id } });
        audits.push({ actorId: user.id, action: "target.clear", entity: "target", entityId: was!.id, before: { ...key, value: was!.value, version: was!.version } });
      } else if (was) {
        const saved = await tx.target.update({ where: { id: was.id }, data: { value: c.value, version: { increment: 1 } } });
        audits.push({ actorId: user.id, action, entity: "target", entityId: was.id, before: { ...key, value: was.value, version: was.version }, after: { ...key, value: saved.value.toString(), version: saved.version } });
      } else {
        const saved = await tx.target.create({ data: { ...key, value: c.value } });
        audits.push({ actorId: user.id, action, entity: "target", entityId: saved.id, after: { ...key, value: saved.value.toString(), version: saved.version } });
      }
    }
    await writeAudits(tx, audits);
    return { changed: audits.length };
  });
}
