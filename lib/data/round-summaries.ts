import "server-only";
/**
 * The rounds' summaries, read in one place so a change of their storage (per-transaction delta rows, say) changes
 * only this file:
 * - round_day_summary (migration 20261129080000 and its successors): rounds per day, unit and owner of the project;
 * - round_visit_day_summary (migration 20261201231000): visits (VISIT_INVESTOR: 外出拜访, VISIT_HERE: 来访) per day,
 *   unit and owner.
 * Each function gives a row source (day, unit_id, owner_id, and its counts) for the days of `period`, narrowed by
 * `where` — a condition on the alias it is given, naming unit_id and owner_id only (projectFilterSql with scope and
 * the unit / owner filters).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { DayRange } from "@/lib/data/sql-rules";

type Where = (alias: string) => Prisma.Sql;

/** Rows (day, unit_id, owner_id, rounds). */
export function roundDaysSql(period: DayRange, where: Where): Prisma.Sql {
  return Prisma.sql`SELECT s.day, s.unit_id, s.owner_id, s.rounds FROM round_day_summary s
     WHERE s.day >= ${period.from}::date AND s.day < ${period.to}::date AND ${where("s")}`;
}

/** Rows (day, unit_id, owner_id, visits_out, visits_in). */
export function visitDaysSql(period: DayRange, where: Where): Prisma.Sql {
  return Prisma.sql`SELECT v.day, v.unit_id, v.owner_id, v.visits_out, v.visits_in FROM round_visit_day_summary v
     WHERE v.day >= ${period.from}::date AND v.day < ${period.to}::date AND ${where("v")}`;
}
