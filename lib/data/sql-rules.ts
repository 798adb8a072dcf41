import "server-only";
/**
 * The SQL forms of the domain's rules (lib/domain/stages.ts, period.ts), used
 * by every query that counts projects — the dashboard, the project list, My
 * work, the board and the report — so that each number means the same
 * everywhere. Each fragment works on a table alias given by the caller.
 *
 * DEFINITIONS
 * - "Signed in the period": the project's FIRST contract (earliest signed_on,
 *   lowest id on a tie) has signed_on in [from, to). A project counts once, on
 *   that date, and its signed value is that first contract's
 *   contracted_investment_cny (yuan) and contracted_foreign_usd (US dollars,
 *   reported separately, never added to yuan). A later contract of the same
 *   project (signed again after moving back or being revived) does not make
 *   it signed again nor add value: re-signing is not new investment.
 * - "Started construction in the period": likewise the project's FIRST
 *   construction start (earliest started_on, lowest id on a tie).
 * - Stalled, in play, overdue: see each function.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { CLOSED_STAGES, STALL_STAGES, isInPlay } from "@/lib/domain/stages";
import type { Period } from "@/lib/domain/period";

/** Day ranges [from, to) a date column is tested against. */
export type DayRange = Pick<Period, "from" | "to">;

const alias = (name: string) => Prisma.raw(`"${name}"`);

/** `col` in any of the ranges [from, to). */
function inRangesSql(col: Prisma.Sql, ranges: DayRange[]): Prisma.Sql {
  return Prisma.join(
    ranges.map((r) => Prisma.sql`(${col} >= ${r.from}::date AND ${col} < ${r.to}::date)`),
    " OR ",
  );
}

/* ---------- Stalled, in play, overdue ---------- */

/** The day a project's silence is counted from: its last round, or its first contact when it never had one. */
export function lastActivitySql(projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`COALESCE(${a}.last_round_on, ${a}.first_contact_on)`;
}

/**
 * Stalled as of `cutoff` (today − N days, N one of STALL_DAYS): in an open
 * stage (STALL_STAGES) and silent since then. The dashboard, the project list's
 * `stalled` filter, My work and the report's stalled list all use it.
 */
export function stalledSql(cutoff: Date, projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`(${a}.stage = ANY(${[...STALL_STAGES]}::"Stage"[]) AND ${lastActivitySql(projectAlias)} <= ${cutoff}::date)`;
}

/** A project still in play (not in CLOSED_STAGES): its follow-up date calls for action. */
export function inPlaySql(projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`NOT (${a}.stage = ANY(${[...CLOSED_STAGES]}::"Stage"[]))`;
}

/** A follow-up date before `today` on a project still in play: overdue, as SQL on `project`. */
export function overdueSql(today: Date, projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`(${a}.next_follow_up_on < ${today}::date AND ${inPlaySql(projectAlias)})`;
}

/** overdueSql for a row already read. */
export function isOverdue(p: { nextFollowUpOn: Date | null; stage: Stage }, today: Date): boolean {
  return p.nextFollowUpOn !== null && p.nextFollowUpOn < today && isInPlay(p.stage);
}

/* ---------- First contract, first construction start ---------- */

/**
 * First contracts signed in any of `periods` ([from, to) each): rows
 * (project_id, signed_on, cny, usd) from `contract` aliased `alias`; the NOT
 * EXISTS keeps the project's first contract only (index on contract(project_id)).
 */
export function firstContractsSql(periods: DayRange[], contractAlias = "k"): Prisma.Sql {
  const a = alias(contractAlias);
  return Prisma.sql`
    SELECT ${a}.project_id, ${a}.signed_on, ${a}.contracted_investment_cny AS cny, ${a}.contracted_foreign_usd AS usd
      FROM contract ${a}
     WHERE (${inRangesSql(Prisma.sql`${a}.signed_on`, periods)})
       AND NOT EXISTS (SELECT 1 FROM contract k0 WHERE k0.project_id = ${a}.project_id
                         AND (k0.signed_on < ${a}.signed_on OR (k0.signed_on = ${a}.signed_on AND k0.id < ${a}.id)))`;
}

/**
 * First construction starts in any of `periods`: rows (project_id,
 * started_on) from `construction_start` aliased `alias`, one per project
 * whose FIRST start is in a period (a project restarted later counts once,
 * on its first start). The dashboard's starts, the funnel's days to start,
 * the list's startedFrom/startedTo and the report's starts all read it.
 */
export function firstStartsSql(periods: DayRange[], startAlias = "cs"): Prisma.Sql {
  const a = alias(startAlias);
  return Prisma.sql`
    SELECT ${a}.project_id, ${a}.started_on
      FROM construction_start ${a}
     WHERE (${inRangesSql(Prisma.sql`${a}.started_on`, periods)})
       AND NOT EXISTS (SELECT 1 FROM construction_start c0 WHERE c0.project_id = ${a}.project_id
                         AND (c0.started_on < ${a}.started_on OR (c0.started_on = ${a}.started_on AND c0.id < ${a}.id)))`;
}

/**
 * firstStartsSql as a condition on project `projectAlias`: its FIRST
 * construction start is in [from, to) — it has a start in the range and none
 * before it. The same projects as firstStartsSql([range]) (a test keeps the
 * project list's totals equal to the dashboard's), in the form that stays
 * fast when other conditions already narrow the projects (the list's filters).
 */
export function firstStartInSql(range: DayRange, projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`(EXISTS (SELECT 1 FROM construction_start s1 WHERE s1.project_id = ${a}.id AND s1.started_on >= ${range.from}::date AND s1.started_on < ${range.to}::date)
    AND NOT EXISTS (SELECT 1 FROM construction_start s0 WHERE s0.project_id = ${a}.id AND s0.started_on < ${range.from}::date))`;
}

/** numeric → decimal string, "0" for none. */
export const money = (v: string | null | undefined) => v ?? "0";
