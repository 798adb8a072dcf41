import "server-only";
/**
 * What every dashboard (and report) query shares: who sees which projects,
 * the URL filters as SQL, and the definitions the numbers rest on. Written
 * once here so the dashboard and the reports of issue 5 agree.
 *
 * DEFINITIONS
 * - Scope and filters: projectFilterSql (lib/data/sql-rules.ts, the list's
 *   rule too). An officer's dashboard is their own work: the page adds the
 *   owner filter (ownWorkFilter in lib/domain/scope.ts).
 * - Period: a half-open range of calendar days [from, to) (lib/validation/dashboard.ts).
 *   Timestamps (stage_change.changed_at) are placed on days in Asia/Shanghai
 *   (UTC+8, no daylight saving): a change at 2024-03-31 23:30 Beijing time is
 *   in March.
 * - "Signed in the period": the project's FIRST contract (earliest signed_on,
 *   lowest id on a tie) has signed_on in [from, to). A project counts once, on
 *   that date, and its signed value is that first contract's
 *   contracted_investment_cny (yuan) and contracted_foreign_usd (US dollars,
 *   reported separately, never added to yuan). A later contract of the same
 *   project (signed again after moving back or being revived) does not make
 *   it signed again nor add value: re-signing is not new investment.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";
import { narrowsProjects, projectFilterSql } from "@/lib/data/sql-rules";
import type { DashboardFilters, Period } from "@/lib/validation/dashboard";

export type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** The journey's forward stages in order; reaching one means reaching every earlier one. */
export const FUNNEL_STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING"] as const satisfies readonly Stage[];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Open stages in which a long silence (no round) means a project is stalled. */
export const STALL_STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED"] as const satisfies readonly Stage[];
export const STALL_DAYS = [30, 60, 90] as const;

/** The day a project's silence is counted from: its last round, or its first contact when it never had one. */
export function lastActivitySql(alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  return Prisma.sql`COALESCE(${a}.last_round_on, ${a}.first_contact_on)`;
}

/**
 * Stalled as of `cutoff` (today − N days): in an open stage (STALL_STAGES) and
 * silent since then. The one definition the dashboard, the project list's
 * `stalled` filter and the report's stalled list share.
 */
export function stalledSql(cutoff: Date, alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${a}.stage = ANY(${[...STALL_STAGES]}::"Stage"[]) AND ${lastActivitySql(alias)} <= ${cutoff}::date)`;
}
/** Stages in which a follow-up date no longer calls for action (as the project list). */
export const CLOSED_STAGES = ["OPERATING", "LOST"] as const satisfies readonly Stage[];

/** A project still in play (not in CLOSED_STAGES): its follow-up date calls for action. */
export function inPlaySql(alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  return Prisma.sql`NOT (${a}.stage = ANY(${[...CLOSED_STAGES]}::"Stage"[]))`;
}

/** A follow-up date before `today` on a project still in play: overdue, as SQL on `project` aliased `alias`. */
export function overdueSql(today: Date, alias = "p"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${a}.next_follow_up_on < ${today}::date AND ${inPlaySql(alias)})`;
}

/** overdueSql for a row already read. */
export function isOverdue(p: { nextFollowUpOn: Date | null; stage: Stage }, today: Date): boolean {
  return p.nextFollowUpOn !== null && p.nextFollowUpOn < today && !(CLOSED_STAGES as readonly Stage[]).includes(p.stage);
}

/** Size bands in yuan: each counts every signed project at or above it. */
export const SIZE_BANDS = ["100000000", "5000000000", "10000000000"] as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The instant a calendar day starts in Asia/Shanghai. */
export const dayStart = (day: Date) => new Date(day.getTime() - SHANGHAI_OFFSET_MS);

/**
 * First contracts signed in any of `periods` ([from, to) each): rows
 * (project_id, signed_on, cny, usd) from `contract` aliased `alias`; the NOT
 * EXISTS keeps the project's first contract only (index on contract(project_id)).
 */
export function firstContractsSql(periods: Pick<Period, "from" | "to">[], alias = "k"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const inPeriods = Prisma.join(
    periods.map((p) => Prisma.sql`(${a}.signed_on >= ${p.from}::date AND ${a}.signed_on < ${p.to}::date)`),
    " OR ",
  );
  return Prisma.sql`
    SELECT ${a}.project_id, ${a}.signed_on, ${a}.contracted_investment_cny AS cny, ${a}.contracted_foreign_usd AS usd
      FROM contract ${a}
     WHERE (${inPeriods})
       AND NOT EXISTS (SELECT 1 FROM contract k0 WHERE k0.project_id = ${a}.project_id
                         AND (k0.signed_on < ${a}.signed_on OR (k0.signed_on = ${a}.signed_on AND k0.id < ${a}.id)))`;
}

/**
 * Projects signed in the period (see "signed in the period") — or in any of
 * `periods`, read in one scan (this period and a year earlier) — joined to
 * their project `p` with the filters.
 */
export function signedInPeriodSql(user: Actor, filters: DashboardFilters, periods: Pick<Period, "from" | "to">[] = [filters.period]): Prisma.Sql {
  return Prisma.sql`
    SELECT fc.project_id, fc.signed_on, fc.cny, fc.usd, p.unit_id, p.sector_id, p.company_id, p.first_contact_on
      FROM (${firstContractsSql(periods)}) fc
      JOIN project p ON p.id = fc.project_id
     WHERE ${projectFilterSql(user, filters)}`;
}

/**
 * As signedInPeriodSql, but only (project_id, signed_on, cny, usd): what the
 * totals, the series and the size bands need, without the join to project
 * when nothing is filtered out.
 */
export function signedAmountsSql(user: Actor, filters: DashboardFilters, periods: Pick<Period, "from" | "to">[] = [filters.period]): Prisma.Sql {
  return narrowsProjects(user, filters) ? signedInPeriodSql(user, filters, periods) : firstContractsSql(periods);
}

/** numeric → decimal string, "0" for none. */
export const money = (v: string | null | undefined) => v ?? "0";
