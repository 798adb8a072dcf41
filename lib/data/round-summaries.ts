import "server-only";
/**
 * The rounds' summaries, read in one place so a change of their storage changes only this file. One set of triggers
 * (migration 20261202000000_round_summary_grains) keeps three grains of the same counts — rounds, visits_out
 * (VISIT_INVESTOR, 外出拜访) and visits_in (VISIT_HERE, 来访) — each for the unit and owner of the round's project:
 * - round_day_summary: per day, unit and owner (the fine grain: about owners × days rows a year);
 * - round_week_summary: per part of an ISO week inside one calendar month (starts_on: its first day, a Monday or a
 *   1st), unit and slot (owner_id % 8): about 64 parts × units × slots rows a year, however many projects and owners;
 * - round_month_summary: rounds per month, unit and owner: owners × 12 rows a year.
 * A month, quarter or year is an exact run of week parts and of months; a custom period is completed at its edges
 * (less than a week part, less than a month on each side) from the days.
 *
 * Each function gives a row source for the days of `period`, narrowed by `where` — a condition on the alias it is
 * given, naming unit_id (and owner_id where the function says so): projectFilterSql with scope and the unit / owner
 * filters. Rows may hold zero counts (rows brought to zero stay); sums are unaffected.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { DayRange } from "@/lib/data/sql-rules";
import { DAY_MS } from "@/lib/domain/period";

type Where = (alias: string) => Prisma.Sql;

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);
const firstOfMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
/** The Monday of a UTC-midnight day's ISO week. */
const mondayOf = (d: Date) => addDays(d, -((d.getUTCDay() + 6) % 7));
const later = (a: Date, b: Date) => (a > b ? a : b);

/** The first day of the week part holding `day`: its Monday, or its month's 1st when that is later (SQL: round_week_part). */
export function weekPartOf(day: Date): Date {
  return later(mondayOf(day), firstOfMonth(day));
}

/**
 * The period as a run of whole grains [start, end) — grains begin at boundaries; `onOrBefore(d)` is the first day of
 * the grain holding d — and the days before and after that run (the edges; none for a period made of whole grains).
 */
function split(period: DayRange, onOrBefore: (d: Date) => Date): { whole: DayRange | null; edges: DayRange[] } {
  const { from, to } = period;
  const start = onOrBefore(from).getTime() === from.getTime() ? from : nextBoundary(from, onOrBefore);
  const end = onOrBefore(to);
  if (start >= end) return { whole: null, edges: [{ from, to }] };
  const edges = [
    { from, to: start },
    { from: end, to },
  ].filter((e) => e.from < e.to);
  return { whole: { from: start, to: end }, edges };
}

/** The first boundary after `d` (d not a boundary): the boundary on or before some later day, searched day by day (≤ 31). */
function nextBoundary(d: Date, onOrBefore: (d: Date) => Date): Date {
  let x = addDays(d, 1);
  while (onOrBefore(x).getTime() <= d.getTime()) x = addDays(x, 1);
  return onOrBefore(x);
}

const inDays = (col: Prisma.Sql, ranges: DayRange[]) =>
  Prisma.sql`(${Prisma.join(
    ranges.map((r) => Prisma.sql`(${col} >= ${r.from}::date AND ${col} < ${r.to}::date)`),
    " OR ",
  )})`;

/** Rows (day, unit_id, owner_id, rounds, visits_out, visits_in) per day: the fine grain. `where` may name owner_id. */
export function roundDaysSql(period: DayRange, where: Where): Prisma.Sql {
  return Prisma.sql`SELECT s.day, s.unit_id, s.owner_id, s.rounds, s.visits_out, s.visits_in FROM round_day_summary s
     WHERE s.day >= ${period.from}::date AND s.day < ${period.to}::date AND ${where("s")}`;
}

/**
 * Rows (day, unit_id, rounds, visits_out, visits_in) whose `day` lies in the ISO week (and month) they count for: the
 * week parts inside the period, and the days of its edges. Group by date_trunc('week', day) for weeks, or by unit.
 * `where` names unit_id only.
 */
export function roundUnitWeeksSql(period: DayRange, where: Where): Prisma.Sql {
  const { whole, edges } = split(period, weekPartOf);
  const parts: Prisma.Sql[] = [];
  if (whole)
    parts.push(Prisma.sql`SELECT w.starts_on AS day, w.unit_id, w.rounds, w.visits_out, w.visits_in FROM round_week_summary w
       WHERE w.starts_on >= ${whole.from}::date AND w.starts_on < ${whole.to}::date AND ${where("w")}`);
  if (edges.length)
    parts.push(Prisma.sql`SELECT s.day, s.unit_id, s.rounds, s.visits_out, s.visits_in FROM round_day_summary s
       WHERE ${inDays(Prisma.sql`s.day`, edges)} AND ${where("s")}`);
  return Prisma.join(parts, " UNION ALL ");
}

/** Rows (unit_id, owner_id, rounds) of the period: the months inside it, and the days of its edges. `where` may name owner_id. */
export function roundOwnersSql(period: DayRange, where: Where): Prisma.Sql {
  const { whole, edges } = split(period, firstOfMonth);
  const parts: Prisma.Sql[] = [];
  if (whole)
    parts.push(Prisma.sql`SELECT m.unit_id, m.owner_id, m.rounds FROM round_month_summary m
       WHERE m.month >= ${whole.from}::date AND m.month < ${whole.to}::date AND ${where("m")}`);
  if (edges.length)
    parts.push(Prisma.sql`SELECT s.unit_id, s.owner_id, s.rounds FROM round_day_summary s
       WHERE ${inDays(Prisma.sql`s.day`, edges)} AND ${where("s")}`);
  return Prisma.join(parts, " UNION ALL ");
}

/** For tests: how a period is read (the whole run of grains and the edge days), per grain. */
export function periodSplit(period: DayRange): { weeks: ReturnType<typeof split>; months: ReturnType<typeof split> } {
  return { weeks: split(period, weekPartOf), months: split(period, firstOfMonth) };
}
