import "server-only";
/**
 * The SQL forms of the domain's rules (lib/domain/stages.ts, period.ts), used
 * by every query that counts projects — the dashboard, the project list, My
 * work, the board and the report — so that each number means the same
 * everywhere. Each fragment works on a table alias given by the caller.
 *
 * DEFINITIONS
 * - "Signed in the period": count once (lib/domain/signings.ts). A project
 *   counts once, at its first qualifying signing (its first contract that is
 *   not a capital increase), with that contract's contracted_investment_cny
 *   (yuan) and contracted_foreign_usd (US dollars, reported separately, never
 *   added to yuan); a capital increase (增资) counts its own amount in its own
 *   period; an upgrade (升格) or a repeat signing never counts; a project not
 *   recognised (不予认定, by hand or by an automatic rule of
 *   installation_setting) does not count at all.
 * - "Started construction in the period": likewise the project's FIRST
 *   construction start (earliest started_on, lowest id on a tie).
 * - Stalled, in play, overdue: see each function.
 * - Scope and filter: who sees which projects (lib/domain/scope.ts) and the one
 *   project filter (lib/domain/project-filter.ts), as SQL and as a Prisma `where`.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db";
import { CLOSED_STAGES, FORWARD_STAGES, FUNDED_STAGES, STALL_LIMITS, STALL_STAGES, isInPlay, type StallStage, type StallStep } from "@/lib/domain/stages";
import { MILESTONE_KINDS, MILESTONE_SETTINGS, type MilestoneColour } from "@/lib/domain/milestones";
import { ON_TIME_KINDS, deliveryCutoff, parseFigureSet, type DeliverySet } from "@/lib/domain/delivery-rates";
import { DAY_MS, dayStart, type Period } from "@/lib/domain/period";
import { seesAllUnits, type ScopeActor } from "@/lib/domain/scope";
import type { ProjectFilter } from "@/lib/domain/project-filter";
import { UNRESOLVED_SUPERVISION } from "@/lib/domain/supervision";
import { NOTIFICATION_DEFAULTS } from "@/lib/domain/notifications";
import { todayDate } from "@/lib/validation/fields";
import { containsPattern } from "@/lib/data/like";

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
 * An installation setting (installation_setting, one row; lib/data/settings.ts)
 * read inside the statement itself, `fallback` (the domain's default) while no
 * admin has saved one: an uncorrelated subquery PostgreSQL runs once per
 * statement. Reading the limits in the same statement means every screen
 * counts with the limits of its own snapshot, and no caller can forget them.
 */
function settingSql(column: string, fallback: number, table: "installation_setting" | "notification_setting" = "installation_setting"): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT ${Prisma.raw(`"${column}"`)} FROM ${Prisma.raw(table)} WHERE id = 1), ${fallback}::int)`;
}

/** The column of installation_setting holding each stall stage's limit (lib/data/settings.ts writes them). */
export const STALL_LIMIT_COLUMNS: Record<StallStage, string> = {
  FIRST_CONTACT: "stall_days_first_contact",
  INTENT: "stall_days_intent",
  NEGOTIATION: "stall_days_negotiation",
  SIGNED: "stall_days_signed",
};

/**
 * Stalled as of `today`, `step` days or more past the limit (lib/domain/stages.ts
 * isStalled): in a stall stage and silent since at least today − (the stage's
 * limit + step) days, the limits as the admins set them. One condition per
 * stage, so the (stage, last_round_on, …) index serves each. The dashboard, the
 * project list's `stalled` filter (board and My work through it) and the
 * report's stalled list all use it.
 */
export function stalledSql(today: Date, step: StallStep = 0, projectAlias = "p"): Prisma.Sql {
  return stalledOnSql(today, step, Prisma.sql`${alias(projectAlias)}.stage`, lastActivitySql(projectAlias));
}

/** The last day of silence that is `step` days past `stage`'s limit as of `today`: today − (step + the limit). */
function stallCutoffSql(today: Date, step: StallStep, stage: StallStage): Prisma.Sql {
  return Prisma.sql`${today}::date - (${step}::int + ${settingSql(STALL_LIMIT_COLUMNS[stage], STALL_LIMITS[stage])})`;
}

/**
 * stalledSql's rule on a stage and a last-activity day given as expressions: rows
 * that stand for projects (project_day_summary, lib/data/dashboard/work.ts).
 */
export function stalledOnSql(today: Date, step: StallStep, stage: Prisma.Sql, lastActivity: Prisma.Sql): Prisma.Sql {
  const perStage = STALL_STAGES.map((s) => Prisma.sql`(${stage} = ${s}::"Stage" AND ${lastActivity} <= ${stallCutoffSql(today, step, s)})`);
  return Prisma.sql`(${Prisma.join(perStage, " OR ")})`;
}

/**
 * The earliest and the latest day stalledOnSql cuts at from step `from` to step `to` (over every stall stage,
 * with the limits in force), as SQL: a reader of per-day rows needs only the days between them (work.ts).
 */
export function stallCutoffRangeSql(today: Date, from: StallStep, to: StallStep): { earliest: Prisma.Sql; latest: Prisma.Sql } {
  const at = (step: StallStep) => Prisma.join(STALL_STAGES.map((s) => stallCutoffSql(today, step, s)));
  return { earliest: Prisma.sql`LEAST(${at(to)})`, latest: Prisma.sql`GREATEST(${at(from)})` };
}

/** A project still in play (not in CLOSED_STAGES): its follow-up date calls for action. */
export function inPlaySql(projectAlias = "p"): Prisma.Sql {
  return inPlayStageSql(Prisma.sql`${alias(projectAlias)}.stage`);
}

function inPlayStageSql(stage: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`NOT (${stage} = ANY(${[...CLOSED_STAGES]}::"Stage"[]))`;
}

/** A follow-up date before `today` on a project still in play: overdue, as SQL on `project`. */
export function overdueSql(today: Date, projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return overdueOnSql(today, Prisma.sql`${a}.stage`, Prisma.sql`${a}.next_follow_up_on`);
}

/** overdueSql's rule on a stage and a follow-up day given as expressions (project_day_summary's rows). */
export function overdueOnSql(today: Date, stage: Prisma.Sql, followUpOn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${followUpOn} <= ${lastOverdueDaySql(today)} AND ${inPlayStageSql(stage)})`;
}

/** The latest follow-up date that is overdue as of `today`: the day before. */
export function lastOverdueDaySql(today: Date): Prisma.Sql {
  return Prisma.sql`(${today}::date - 1)`;
}

/**
 * High risk (lib/domain/notifications.ts isHighRisk): overdue (overdueSql) by at least the high-risk days of
 * notification_setting (Admin → Notifications; NOTIFICATION_DEFAULTS while no admin has saved them), read in
 * the statement like the stall limits. The list's and the board's badge and the `highRisk` filter.
 */
export function highRiskSql(today: Date, projectAlias = "p"): Prisma.Sql {
  return overdueByAtLeastSql(today, settingSql("high_risk_days", NOTIFICATION_DEFAULTS.highRiskDays, "notification_setting"), projectAlias);
}

/** Overdue (overdueSql) with the missed follow-up at least `days` days before today: each step of the escalation ladder, and high risk. */
export function overdueByAtLeastSql(today: Date, days: number | Prisma.Sql, projectAlias = "p"): Prisma.Sql {
  return Prisma.sql`(${overdueSql(today, projectAlias)} AND ${alias(projectAlias)}.next_follow_up_on <= ${today}::date - ${days}::int)`;
}

/**
 * A milestone promise in force (commitment aliased `m`) of a signed project,
 * due by `horizon` and not reached (milestone_reached: an actual of its kind,
 * or for construction start the project's construction_start record). The
 * candidates of red and yellow (lib/domain/milestones.ts milestoneColour
 * decides). "Not reached" is a plain NOT EXISTS, which the planner turns into
 * an anti join (issue 14).
 */
export function unreachedMilestoneSql(horizon: Date | Prisma.Sql, commitmentAlias = "m", projectAlias = "p"): Prisma.Sql {
  const m = alias(commitmentAlias);
  const p = alias(projectAlias);
  return Prisma.sql`(${m}.replaced_at IS NULL AND ${m}.kind = ANY(${[...MILESTONE_KINDS]}::"CommitmentKind"[]) AND ${m}.due_on <= ${horizon}::date
    AND ${p}.stage = ANY(${[...FUNDED_STAGES]}::"Stage"[])
    AND NOT EXISTS (SELECT 1 FROM milestone_reached r WHERE r.project_id = ${m}.project_id AND r.kind = ${m}.kind))`;
}

/**
 * A project's colour (lib/domain/milestones.ts projectColour: its worst
 * milestone colour by milestoneColour, with the admins' N days and X%) as of
 * `today`, as an SQL expression on `project` aliased `projectAlias`: 'RED',
 * 'YELLOW', 'GREEN', or NULL for a project without a milestone plan.
 * - RED: a milestone promise in force, not reached, due before today;
 * - YELLOW: one not reached and due within N days, or one not reached (the
 *   next to reach) while funds in place (CNY) trail the promised investment's
 *   straight-line schedule from the first contract to its due date by more than X;
 * - GREEN: a signed project with a milestone promised or reached, neither of those.
 */
export function projectColourSql(today: Date, projectAlias = "p"): Prisma.Sql {
  const c = colourPartsSql(today, projectAlias);
  return Prisma.sql`(CASE
    WHEN NOT ${c.funded} THEN NULL
    WHEN ${c.red} THEN 'RED'
    WHEN ${c.dueSoon} THEN 'YELLOW'
    WHEN ${c.fundsBehind} THEN 'YELLOW'
    WHEN ${c.hasPlan} THEN 'GREEN'
  END)`;
}

/**
 * The colour as a project filter: projects of exactly that colour — the same
 * parts as projectColourSql's CASE, written as AND/NOT of EXISTS so the
 * planner can join them as sets (a CASE hides them: it walked every project,
 * 4 s at 10k when JIT compiled its per-row subplans). red, dueSoon and
 * fundsBehind each hold the funded-stage test (unreachedMilestoneSql), so it
 * is not repeated (twice, its selectivity is squared and the plan misjudged).
 */
export function projectColourIsSql(colour: MilestoneColour, today: Date, projectAlias = "p"): Prisma.Sql {
  const c = colourPartsSql(today, projectAlias);
  switch (colour) {
    case "RED":
      return c.red;
    case "YELLOW":
      return Prisma.sql`(NOT ${c.red} AND (${c.dueSoon} OR ${c.fundsBehind}))`;
    case "GREEN":
      return Prisma.sql`(${c.hasPlan} AND NOT ${c.red} AND NOT ${c.dueSoon} AND NOT ${c.fundsBehind})`;
  }
}

/** projectColourSql's parts, each a condition on project `projectAlias`, evaluated in the CASE's order. */
function colourPartsSql(today: Date, projectAlias: string) {
  const p = alias(projectAlias);
  const warnDays = settingSql("milestone_warn_days", MILESTONE_SETTINGS.warnDays);
  const behindPercent = settingSql("funds_behind_percent", Math.round(MILESTONE_SETTINGS.fundsBehindShare * 100));
  const unreached = (horizon: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM commitment m WHERE m.project_id = ${p}.id AND ${unreachedMilestoneSql(horizon, "m", projectAlias)})`;
  const fundsBehind = Prisma.sql`EXISTS (
    SELECT 1 FROM commitment inv
      JOIN LATERAL (SELECT MIN(k.signed_on) AS signed_on FROM contract k WHERE k.project_id = inv.project_id) fc ON fc.signed_on IS NOT NULL
     WHERE inv.project_id = ${p}.id AND inv.kind = 'INVESTMENT_TOTAL' AND inv.replaced_at IS NULL AND inv.value > 0 AND inv.due_on IS NOT NULL
       AND (CASE WHEN inv.due_on <= fc.signed_on THEN 1
                 ELSE LEAST(1, GREATEST(0, (${today}::date - fc.signed_on)::numeric / (inv.due_on - fc.signed_on))) END)
           - COALESCE((SELECT SUM(f.amount) FROM funds_in_place f WHERE f.project_id = inv.project_id AND f.currency = 'CNY'), 0) / inv.value
           > ${behindPercent}::numeric / 100)`;
  const funded = Prisma.sql`(${p}.stage = ANY(${[...FUNDED_STAGES]}::"Stage"[]))`;
  return {
    funded,
    red: unreached(Prisma.sql`(${today}::date - 1)`),
    dueSoon: unreached(Prisma.sql`(${today}::date + ${warnDays})`),
    fundsBehind: Prisma.sql`(${unreached(Prisma.sql`'infinity'::date`)} AND ${fundsBehind})`,
    hasPlan: Prisma.sql`(${funded} AND EXISTS (SELECT 1 FROM contract k WHERE k.project_id = ${p}.id) AND (
    EXISTS (SELECT 1 FROM commitment m WHERE m.project_id = ${p}.id AND m.replaced_at IS NULL AND m.kind = ANY(${[...MILESTONE_KINDS]}::"CommitmentKind"[]))
    OR EXISTS (SELECT 1 FROM milestone_reached r WHERE r.project_id = ${p}.id AND r.kind = ANY(${[...MILESTONE_KINDS]}::"CommitmentKind"[]))))`,
  };
}

/* ---------- Delivery rates (lib/domain/delivery-rates.ts) ---------- */

/**
 * The day milestone `kind` (an SQL expression) of project `projectId` was
 * reached: the earliest actual of its kind, or for 开工 the first
 * construction start record. NULL while not reached.
 */
export function milestoneReachedOnSql(kind: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT r.reached_on FROM milestone_reached r WHERE r.project_id = ${projectId} AND r.kind = ${kind})`;
}

/**
 * milestoneReachedOnSql as a join: `LEFT JOIN milestone_reached ${alias}` on project `projectId` and `kind`, its day
 * `${alias}.reached_on` (NULL while not reached). Over many milestones or projects the planner can read the table in
 * one pass instead of probing it once per row.
 */
export function milestoneReachedJoinSql(alias: string, kind: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  const r = Prisma.raw(alias);
  return Prisma.sql`LEFT JOIN milestone_reached ${r} ON ${r}.project_id = ${projectId} AND ${r}.kind = ${kind}`;
}

/** Commitment `m` is a milestone promise in force due before `cutoff` (an SQL date expression): isDue. */
export function milestoneDueSql(cutoff: Prisma.Sql, commitmentAlias = "m"): Prisma.Sql {
  const m = alias(commitmentAlias);
  return Prisma.sql`(${m}.replaced_at IS NULL AND ${m}.kind = ANY(${[...MILESTONE_KINDS]}::"CommitmentKind"[]) AND ${dueBeforeSql(cutoff, Prisma.sql`${m}.due_on`)})`;
}

/**
 * milestoneDueSql's date part alone, on a due date `dueOn` (an SQL date expression): for milestone promises in force,
 * due by a later cutoff. Of a set of milestones, the earliest due date is due before a cutoff exactly when one of them is.
 */
export function dueBeforeSql(cutoff: Prisma.Sql, dueOn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${dueOn} < ${cutoff}`;
}

/** A due milestone `m` reached (`reachedOn`, milestoneReachedOnSql) on or before its due date: isMet (never NULL). */
export function milestoneMetSql(reachedOn: Prisma.Sql, commitmentAlias = "m"): Prisma.Sql {
  return Prisma.sql`COALESCE(${reachedOn} <= ${alias(commitmentAlias)}.due_on, FALSE)`;
}

/** A due milestone `m` past its deadline at the as-of day (cutoff − 1): isPastDeadline (never NULL). */
export function milestonePastDeadlineSql(cutoff: Prisma.Sql, reachedOn: Prisma.Sql, commitmentAlias = "m"): Prisma.Sql {
  return Prisma.sql`(${alias(commitmentAlias)}.due_on < ${cutoff} - 1 AND COALESCE(${reachedOn} >= ${cutoff}, TRUE))`;
}

/** Funds in place on project `projectId` in `currency` received before `cutoff`: their sum (NULL when none). */
export function fundsBeforeSql(currency: "CNY" | "USD", cutoff: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT SUM(f.amount) FROM funds_in_place f WHERE f.project_id = ${projectId} AND f.currency = ${currency}::"Currency" AND ${fundReceivedBeforeSql(cutoff)})`;
}

/** Fund `fundAlias` (a funds_in_place row) counts by `cutoff`: received before it (fundsBeforeSql's condition, for joins). */
export function fundReceivedBeforeSql(cutoff: Prisma.Sql, fundAlias = "f"): Prisma.Sql {
  return Prisma.sql`${alias(fundAlias)}.received_on < ${cutoff}`;
}

/**
 * Promised against actual (lib/domain/delivery-rates.ts): the figures promised
 * on project `projectId`, rows (kind, value) — for each kind the promise in
 * force, not one an amendment replaced; a kind with nothing promised has no row.
 * One index range over the project's commitments.
 */
export function figuresPromisedSql(projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT ON (fp.kind) fp.kind, fp.value FROM commitment fp
     WHERE fp.project_id = ${projectId} AND fp.replaced_at IS NULL AND fp.value IS NOT NULL ORDER BY fp.kind, fp.id DESC`;
}

/** The value of figure `kind` (an SQL CommitmentKind) promised on project `projectId` (figuresPromisedSql); NULL when nothing. */
export function figurePromisedSql(kind: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT x.value FROM (${figuresPromisedSql(projectId)}) x WHERE x.kind = ${kind})`;
}

/**
 * What was reached of each figure on project `projectId` before `cutoff`, rows
 * (kind, value): funds in place for the investment (yuan) and foreign
 * investment (US dollars), the latest reported actual for the others. A kind
 * with nothing reached has no row, or a NULL value.
 */
export function figuresReachedSql(cutoff: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 'INVESTMENT_TOTAL'::"CommitmentKind" AS kind, ${fundsBeforeSql("CNY", cutoff, projectId)} AS value
    UNION ALL SELECT 'FOREIGN_INVESTMENT'::"CommitmentKind", ${fundsBeforeSql("USD", cutoff, projectId)}
    UNION ALL (SELECT DISTINCT ON (fr.kind) fr.kind, fr.value FROM commitment_actual fr
                WHERE fr.project_id = ${projectId} AND fr.value IS NOT NULL AND fr.reported_on < ${cutoff}
                  AND fr.kind NOT IN ('INVESTMENT_TOTAL', 'FOREIGN_INVESTMENT')
                ORDER BY fr.kind, fr.reported_on DESC, fr.id DESC)`;
}

/** What was reached of figure `kind` on project `projectId` before `cutoff` (figuresReachedSql); NULL when nothing. */
export function figureReachedSql(kind: Prisma.Sql, cutoff: Prisma.Sql, projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT x.value FROM (${figuresReachedSql(cutoff, projectId)}) x WHERE x.kind = ${kind})`;
}

/**
 * The project list's `delivery` filter: project `projectAlias` is in the set
 * `set` counted by the delivery rates at `cutoff` (lib/domain/delivery-rates.ts
 * DELIVERY_SETS; signed in the period is signedFrom/signedTo beside it).
 */
export function deliverySetSql(set: DeliverySet, cutoffDay: Date, projectAlias = "p"): Prisma.Sql {
  const p = alias(projectAlias);
  const cutoff = Prisma.sql`${cutoffDay}::date`;
  const reached = milestoneReachedOnSql(Prisma.sql`dm.kind`, Prisma.sql`dm.project_id`);
  const due = (extra: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM commitment dm WHERE dm.project_id = ${p}.id AND ${milestoneDueSql(cutoff, "dm")} AND ${extra})`;
  const kind = (k: string) => Prisma.sql`dm.kind = ${k}::"CommitmentKind"`;
  const figure = parseFigureSet(set);
  if (figure) {
    const k = Prisma.sql`${figure.kind}::"CommitmentKind"`;
    const promised = Prisma.sql`${figurePromisedSql(k, Prisma.sql`${p}.id`)} IS NOT NULL`;
    return figure.side === "promised" ? promised : Prisma.sql`(${promised} AND ${figureReachedSql(k, cutoff, Prisma.sql`${p}.id`)} IS NOT NULL)`;
  }
  switch (set) {
    case "due":
      return due(Prisma.sql`TRUE`);
    case "met":
      return Prisma.sql`(${due(Prisma.sql`TRUE`)} AND NOT ${due(Prisma.sql`NOT ${milestoneMetSql(reached, "dm")}`)})`;
    case "pastDue":
      return due(milestonePastDeadlineSql(cutoff, reached, "dm"));
    case "startDue":
      return due(kind(ON_TIME_KINDS.start));
    case "startMet":
      return due(Prisma.sql`${kind(ON_TIME_KINDS.start)} AND ${milestoneMetSql(reached, "dm")}`);
    case "productionDue":
      return due(kind(ON_TIME_KINDS.production));
    case "productionMet":
      return due(Prisma.sql`${kind(ON_TIME_KINDS.production)} AND ${milestoneMetSql(reached, "dm")}`);
    case "producing":
      return Prisma.sql`${milestoneReachedOnSql(Prisma.sql`'PRODUCTION'::"CommitmentKind"`, Prisma.sql`${p}.id`)} < ${cutoff}`;
    case "fundedCny":
      return Prisma.sql`${fundsBeforeSql("CNY", cutoff, Prisma.sql`${p}.id`)} IS NOT NULL`;
    case "fundedUsd":
      return Prisma.sql`${fundsBeforeSql("USD", cutoff, Prisma.sql`${p}.id`)} IS NOT NULL`;
    default:
      throw new Error(`deliverySetSql: unknown set ${set}`);
  }
}

/** overdueSql for a row already read. */
export function isOverdue(p: { nextFollowUpOn: Date | null; stage: Stage }, today: Date): boolean {
  return p.nextFollowUpOn !== null && p.nextFollowUpOn < today && isInPlay(p.stage);
}

/** A supervision order not resolved and past its answer deadline (lib/domain/supervision.ts isSupervisionRed), as SQL on `supervision_order` aliased `orderAlias`. */
export function supervisionRedSql(today: Date, orderAlias = "o"): Prisma.Sql {
  const a = alias(orderAlias);
  return Prisma.sql`(${a}.status = ANY(${[...UNRESOLVED_SUPERVISION]}::"SupervisionStatus"[]) AND ${a}.answer_due_on < ${today}::date)`;
}

/**
 * The order's first project (lowest id) with the size of its set, to join as
 * `JOIN LATERAL ${supervisionFirstProjectSql("o")} p ON TRUE`: the columns of
 * `project` plus `set_size`. Every project of a set belongs to the order's
 * unit, so the first stands for the set where one project is needed (a link,
 * a notification's project, the scope).
 */
export function supervisionFirstProjectSql(orderAlias = "o"): Prisma.Sql {
  const a = alias(orderAlias);
  return Prisma.sql`(SELECT sp.*, (SELECT count(*)::int FROM supervision_order_project sn WHERE sn.order_id = ${a}.id) AS set_size
      FROM supervision_order_project so JOIN project sp ON sp.id = so.project_id
     WHERE so.order_id = ${a}.id ORDER BY sp.id LIMIT 1)`;
}

/**
 * The orders the user `userId` must answer (lib/domain/supervision.ts
 * mayAnswer, without the managers' general right): assigned to them, or on
 * one project they own. `firstProject`: supervisionFirstProjectSql's alias.
 */
export function supervisionAnswererSql(userId: number, orderAlias = "o", firstProject = "p"): Prisma.Sql {
  const a = alias(orderAlias);
  const p = alias(firstProject);
  return Prisma.sql`(${a}.assignee_id = ${userId} OR (${p}.set_size = 1 AND ${p}.owner_id = ${userId}))`;
}

/* ---------- First contract, first construction start ---------- */

/* ---------- Count once: signings (lib/domain/signings.ts) ---------- */

/** The installation's automatic rules, read in the statement (none set = off). */
const MIN_RECOGNISED_CNY = Prisma.sql`(SELECT st.min_recognised_cny FROM installation_setting st WHERE st.id = 1)`;
const NOT_RECOGNISED_SECTORS = Prisma.sql`COALESCE((SELECT st.not_recognised_sector_ids FROM installation_setting st WHERE st.id = 1), '{}'::int[])`;

/** The contract `k` is earlier than contract `k0`'s place: (signed_on, id) order. */
const earlier = (k0: string, k: Prisma.Sql) =>
  Prisma.sql`(${Prisma.raw(k0)}.signed_on < ${k}.signed_on OR (${Prisma.raw(k0)}.signed_on = ${k}.signed_on AND ${Prisma.raw(k0)}.id < ${k}.id))`;

/** The contract aliased `contractAlias` is its project's BASE signing: the first that is not a capital increase. */
export function baseSigningSql(contractAlias = "k"): Prisma.Sql {
  const k = alias(contractAlias);
  return Prisma.sql`(${k}.kind <> 'CAPITAL_INCREASE' AND ${signingFactsSql(contractAlias).firstOfItsKind})`;
}

/** The project as a whole is not recognised (projectExclusion): marked by hand, or of a sector the installation excludes. */
export function projectNotRecognisedSql(projectAlias = "p"): Prisma.Sql {
  const p = alias(projectAlias);
  return Prisma.sql`(${p}.not_recognised_reason_id IS NOT NULL OR COALESCE(${p}.sector_id = ANY(${NOT_RECOGNISED_SECTORS}), FALSE))`;
}

/**
 * What signingRoleSql reads about the contract's project's other contracts:
 * - `firstOfItsKind`: no earlier contract that is not a capital increase (with kind ≠ CAPITAL_INCREASE: the BASE signing);
 * - `firstKind`: the kind of the project's first contract that is not a capital increase;
 * - `upgradedBefore`: an earlier contract of the project is an UPGRADE.
 * "Earlier" is (signed_on, id) order. By default each is asked of `contract`
 * for this one contract (signingFactsSql's correlated form); a statement that
 * reads every contract of its projects reads them as window columns instead
 * (signingFactsWindowSql: one pass, not three lookups per contract).
 */
export type SigningFacts = { firstOfItsKind: Prisma.Sql; firstKind: Prisma.Sql; upgradedBefore: Prisma.Sql };

function signingFactsSql(contractAlias: string): SigningFacts {
  const k = alias(contractAlias);
  return {
    firstOfItsKind: Prisma.sql`NOT EXISTS (SELECT 1 FROM contract k0 WHERE k0.project_id = ${k}.project_id AND k0.kind <> 'CAPITAL_INCREASE' AND ${earlier("k0", k)})`,
    firstKind: Prisma.sql`(SELECT k0.kind FROM contract k0 WHERE k0.project_id = ${k}.project_id AND k0.kind <> 'CAPITAL_INCREASE' ORDER BY k0.signed_on, k0.id LIMIT 1)`,
    upgradedBefore: Prisma.sql`EXISTS (SELECT 1 FROM contract k1 WHERE k1.project_id = ${k}.project_id AND k1.kind = 'UPGRADE' AND ${earlier("k1", k)})`,
  };
}

/**
 * SigningFacts as window functions over `contract` aliased `contractAlias`: a
 * select list (first_of_its_kind, first_kind, upgraded_before) for a query
 * whose rows are ALL the contracts of the projects it reads (a window sees
 * only the rows of its query). Read back with signingFactsFrom.
 */
export function signingFactsWindowSql(contractAlias = "k"): Prisma.Sql {
  const k = alias(contractAlias);
  // Contracts that are not capital increases, in their project's (signed_on, id) order; capital increases apart.
  const ofKind = Prisma.sql`(PARTITION BY ${k}.project_id, ${k}.kind = 'CAPITAL_INCREASE' ORDER BY ${k}.signed_on, ${k}.id)`;
  return Prisma.sql`row_number() OVER ${ofKind} = 1 AS first_of_its_kind, first_value(${k}.kind) OVER ${ofKind} AS first_kind,
    COALESCE(bool_or(${k}.kind = 'UPGRADE') OVER (PARTITION BY ${k}.project_id ORDER BY ${k}.signed_on, ${k}.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), FALSE) AS upgraded_before`;
}

/** The columns of signingFactsWindowSql on the row aliased `rowAlias`. */
export function signingFactsFrom(rowAlias: string): SigningFacts {
  const r = alias(rowAlias);
  return { firstOfItsKind: Prisma.sql`${r}.first_of_its_kind`, firstKind: Prisma.sql`${r}.first_kind`, upgradedBefore: Prisma.sql`${r}.upgraded_before` };
}

/** The contract's role (signingRoles): 'BASE' | 'UPGRADE' | 'INCREASE' | 'REPEAT' — from its SigningFacts (default: asked per contract). */
export function signingRoleSql(contractAlias = "k", facts: SigningFacts = signingFactsSql(contractAlias)): Prisma.Sql {
  const k = alias(contractAlias);
  return Prisma.sql`(CASE WHEN ${k}.kind = 'CAPITAL_INCREASE' THEN 'INCREASE'
    WHEN ${k}.kind <> 'CAPITAL_INCREASE' AND ${facts.firstOfItsKind} THEN 'BASE'
    WHEN ${k}.kind = 'UPGRADE' AND ${facts.firstKind} = 'FRAMEWORK' AND NOT ${facts.upgradedBefore} THEN 'UPGRADE'
    ELSE 'REPEAT' END)`;
}

/** Why the contract (of project `projectAlias`) is not recognised (classifySignings): 'MANUAL' | 'SECTOR' | 'THRESHOLD' | NULL. */
export function exclusionSql(contractAlias = "k", projectAlias = "p", role?: Prisma.Sql): Prisma.Sql {
  const k = alias(contractAlias);
  const p = alias(projectAlias);
  // With the contract's role already computed (signingRoleSql), the threshold reads it instead of asking again.
  const countable = role ? Prisma.sql`${role} IN ('BASE', 'INCREASE')` : Prisma.sql`(${k}.kind = 'CAPITAL_INCREASE' OR ${baseSigningSql(contractAlias)})`;
  return Prisma.sql`(CASE WHEN ${p}.not_recognised_reason_id IS NOT NULL THEN 'MANUAL'
    WHEN ${p}.sector_id = ANY(${NOT_RECOGNISED_SECTORS}) THEN 'SECTOR'
    WHEN ${k}.contracted_investment_cny < ${MIN_RECOGNISED_CNY} AND ${countable} THEN 'THRESHOLD'
    END)`;
}

/** The reconciliation's line (reconciliationLine): 'NOT_RECOGNISED' | 'REPEAT' | 'UPGRADE' | 'COUNTED'. */
export function reconciliationLineSql(contractAlias = "k", projectAlias = "p", computed?: { role: Prisma.Sql; why: Prisma.Sql }): Prisma.Sql {
  const why = computed?.why ?? exclusionSql(contractAlias, projectAlias);
  const role = computed?.role ?? signingRoleSql(contractAlias);
  return Prisma.sql`(CASE WHEN ${why} IS NOT NULL THEN 'NOT_RECOGNISED' ELSE
    (CASE ${role} WHEN 'REPEAT' THEN 'REPEAT' WHEN 'UPGRADE' THEN 'UPGRADE' ELSE 'COUNTED' END) END)`;
}

/**
 * Projects signed in any of `periods` ([from, to) each), counted once
 * (lib/domain/signings.ts): rows (project_id, signed_on, cny, usd), one per
 * project and period, from its counted signings in that period — signed_on
 * the earliest of them, cny and usd their sums (a BASE signing and a capital
 * increase in the same period: one project, both amounts). The counted
 * signings are the table counted_signing, kept by triggers in the writing
 * transaction from the rule's SQL form (migration 20261202120000: the view
 * counted_signing_rule), so a period's signings are one index range. The name
 * stays from when "signed" was the first contract.
 */
export function firstContractsSql(periods: DayRange[], countedAlias = "k"): Prisma.Sql {
  return countedInRangesSql(periods, { countedAlias });
}

/**
 * firstContractsSql with more: `columns` of counted_signing (aliased `countedAlias`) that are one per project — the
 * copies of its unit, sector, chain, owner, investor and first contact — grouped by and selected beside the sums,
 * and `where`, a condition on those rows (a scope and filter on the copies: projectFilterSql with this alias).
 * `roundsToSign`: also the rounds held by signed_on (the earliest signing's: the fewest), as rounds_to_sign.
 */
export function countedInRangesSql(
  periods: DayRange[],
  { countedAlias = "k", columns = [], where, roundsToSign = false }: { countedAlias?: string; columns?: string[]; where?: Prisma.Sql; roundsToSign?: boolean },
): Prisma.Sql {
  const a = alias(countedAlias);
  const col = Prisma.sql`${a}.signed_on`;
  // Several periods: each row's (the first it falls in), so a project signed in two of them counts in each.
  const bucket =
    periods.length > 1
      ? { column: Prisma.sql`, CASE ${Prisma.join(periods.map((r, i) => Prisma.sql`WHEN ${col} >= ${r.from}::date AND ${col} < ${r.to}::date THEN ${i}::int`), " ")} END AS bucket`, order: Prisma.raw(", bucket"), key: Prisma.sql`, ${a}.bucket` }
      : { column: Prisma.empty, order: Prisma.empty, key: Prisma.empty };
  const extra = Prisma.raw(columns.map((c) => `, "${countedAlias}".${c}`).join(""));
  // The rows come sorted by what they are grouped by, so the planner groups them in order. Hashed, every project's
  // two numeric sums were held at once: 8 MB and 40 ms for a city's two years at 100k projects, 17 ms in order.
  return Prisma.sql`
    SELECT ${a}.project_id, MIN(${a}.signed_on) AS signed_on, SUM(${a}.cny) AS cny, SUM(${a}.usd) AS usd${extra}${roundsToSign ? Prisma.sql`, MIN(${a}.rounds_to_sign) AS rounds_to_sign` : Prisma.empty}
      FROM (SELECT ${a}.*${bucket.column}
              FROM counted_signing ${a}
             WHERE (${inRangesSql(col, periods)})${where ? Prisma.sql` AND ${where}` : Prisma.empty}
             ORDER BY ${a}.project_id${extra}${bucket.order}) ${a}
     GROUP BY ${a}.project_id${extra}${bucket.key}`;
}

/**
 * First construction starts in any of `periods`: rows (project_id,
 * started_on), one per project whose FIRST start is in a period (a project
 * restarted later counts once, on its first start): milestone_reached's 开工,
 * the day the milestone was reached. The dashboard's starts, the funnel's days
 * to start, the list's startedFrom/startedTo and the report's starts all read it.
 */
export function firstStartsSql(periods: DayRange[]): Prisma.Sql {
  return Prisma.sql`
    SELECT fs.project_id, fs.reached_on AS started_on
      FROM milestone_reached fs
     WHERE fs.kind = 'CONSTRUCTION_START' AND (${inRangesSql(Prisma.sql`fs.reached_on`, periods)})`;
}

/**
 * firstStartsSql as a condition on project `projectAlias`: its FIRST
 * construction start is in [from, to). The same projects as
 * firstStartsSql([range]) (a test keeps the project list's totals equal to the
 * dashboard's), in the form that stays fast when other conditions already
 * narrow the projects (the list's filters): one probe per project.
 */
export function firstStartInSql(range: DayRange, projectAlias = "p"): Prisma.Sql {
  const a = alias(projectAlias);
  return Prisma.sql`EXISTS (SELECT 1 FROM milestone_reached s1 WHERE s1.project_id = ${a}.id AND s1.kind = 'CONSTRUCTION_START'
    AND s1.reached_on >= ${range.from}::date AND s1.reached_on < ${range.to}::date)`;
}

/** numeric → decimal string, "0" for none. */
export const money = (v: string | null | undefined) => v ?? "0";

/* ---------- Scope and filter ---------- */

/** The project scope (lib/domain/scope.ts) as a Prisma `where` fragment. */
export function projectScope(user: ScopeActor): Prisma.ProjectWhereInput {
  return seesAllUnits(user) ? {} : { unitId: user.unitId };
}

/** The project scope as SQL on `project` aliased `alias`. */
export function projectScopeSql(user: ScopeActor, alias = "p"): Prisma.Sql {
  return seesAllUnits(user) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(`"${alias}"`)}.unit_id = ${user.unitId}`;
}

/**
 * The project scope of every user at once, as SQL: whether the user aliased
 * `userAlias` (app_user) sees the project aliased `projectAlias` — projectScopeSql's
 * rule (seesAllUnits) for set-based queries that pick recipients (lib/notify/scan.ts).
 */
export function userSeesProjectSql(userAlias = "u", projectAlias = "p"): Prisma.Sql {
  const u = alias(userAlias);
  const p = alias(projectAlias);
  return Prisma.sql`(${u}.role = 'ADMIN' OR ${p}.unit_id = ${u}.unit_id
    OR (${u}.role = 'MANAGER' AND EXISTS (SELECT 1 FROM unit su WHERE su.id = ${u}.unit_id AND su.kind = 'CITY')))`;
}

/** The filter's fields that narrow which projects count (not the search: projectWhereSql; not sort or page). */
type Narrowing = Partial<Omit<ProjectFilter, "q" | "sort" | "dir" | "page">>;

/** Open ends of a date range: before and after any date a form accepts (1990–2100). */
const EARLIEST = new Date("1900-01-01T00:00:00Z");
const LATEST = new Date("2200-01-01T00:00:00Z");

/**
 * Whether scope and filter leave out any project. When they do not (an admin
 * or a city manager with no filter), an aggregate can skip its join to
 * `project`: on the large data set that join is a third of a dashboard section's time.
 */
export function narrowsProjects(user: ScopeActor, filter: Narrowing): boolean {
  return !seesAllUnits(user) || FILTER_KEYS.some((k) => filter[k] !== undefined);
}

/**
 * Whether a filter narrows below the unit (an owner, a sector, a chain): the summaries kept per unit and slot
 * (funnel_unit_summary, project_stage_unit_summary) cannot answer it; those per unit, owner, sector and chain can.
 */
export function narrowsBelowUnit(filter: Pick<Narrowing, "ownerId" | "sectorId" | "chainId">): boolean {
  return filter.ownerId !== undefined || filter.sectorId !== undefined || filter.chainId !== undefined;
}

/**
 * `JOIN project p` on `projectId` (an SQL expression naming a row's project), limited to the scope and filter
 * (projectFilterSql), or nothing when they leave out no project (narrowsProjects): rows that name their project are
 * then counted without reading it (a city-wide view).
 */
export function projectsInViewJoinSql(user: ScopeActor, filter: Narrowing, projectId: Prisma.Sql, options: { today?: Date } = {}): Prisma.Sql {
  return narrowsProjects(user, filter) ? Prisma.sql`JOIN project p ON p.id = ${projectId} AND ${projectFilterSql(user, filter, options)}` : Prisma.empty;
}
const FILTER_KEYS = [
  "stage", "sectorId", "chainId", "unitId", "ownerId", "sourceId", "eventId", "minAmount", "maxAmount", "overdue", "highRisk", "stalled", "colour",
  "signedFrom", "signedTo", "minSignedCny", "signings", "excludedBy", "startedFrom", "startedTo", "reached", "reachedFrom", "reachedTo", "countryCode", "delivery",
] as const satisfies readonly (keyof Narrowing)[];

/**
 * Scope and filter as SQL on `project` aliased `alias` — every field but the
 * search, which needs a read first (projectWhereSql). `today` (default: now's
 * day in Asia/Shanghai) is what overdue and stalled are counted from. Only
 * the fields set are read, so an alias for a table holding just unit_id and
 * owner_id (round_day_summary) works for those two.
 */
export function projectFilterSql(user: ScopeActor, filter: Narrowing, { alias = "p", today }: { alias?: string; today?: Date } = {}): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const and: Prisma.Sql[] = [projectScopeSql(user, alias)];
  const f = filter;
  const day = () => today ?? todayDate();
  if (f.stage) and.push(Prisma.sql`${a}.stage = ${f.stage}::"Stage"`);
  if (f.sectorId !== undefined) and.push(Prisma.sql`${a}.sector_id = ${f.sectorId}`);
  if (f.chainId !== undefined) and.push(Prisma.sql`${a}.chain_id = ${f.chainId}`);
  if (f.unitId !== undefined) and.push(Prisma.sql`${a}.unit_id = ${f.unitId}`);
  if (f.ownerId !== undefined) and.push(Prisma.sql`${a}.owner_id = ${f.ownerId}`);
  if (f.sourceId !== undefined) and.push(Prisma.sql`${a}.source_id = ${f.sourceId}`);
  if (f.eventId !== undefined) and.push(Prisma.sql`${a}.event_id = ${f.eventId}`);
  if (f.minAmount !== undefined) and.push(Prisma.sql`${a}.planned_investment_cny >= ${String(f.minAmount)}::numeric`);
  if (f.maxAmount !== undefined) and.push(Prisma.sql`${a}.planned_investment_cny <= ${String(f.maxAmount)}::numeric`);
  if (f.overdue) and.push(overdueSql(day(), alias));
  if (f.highRisk) and.push(highRiskSql(day(), alias));
  if (f.stalled !== undefined) and.push(stalledSql(day(), f.stalled, alias));
  if (f.colour) and.push(projectColourIsSql(f.colour, day(), alias));
  if (f.signings !== undefined && f.signings !== "counted") {
    // The report's reconciliation: the project has a signing of that line in the range.
    const k = Prisma.sql`k`;
    const on = Prisma.sql`${k}.signed_on >= ${f.signedFrom ?? EARLIEST}::date AND ${k}.signed_on < ${f.signedTo ?? LATEST}::date`;
    const which =
      f.signings === "recorded"
        ? Prisma.sql`TRUE`
        : f.signings === "notRecognised"
          ? excludedBySql(f.excludedBy, alias)
          : Prisma.sql`${reconciliationLineSql("k", alias)} = ${f.signings === "repeat" ? "REPEAT" : "UPGRADE"}`;
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM contract k WHERE k.project_id = ${a}.id AND ${on} AND ${which})`);
  } else if (f.signedFrom || f.signedTo || f.minSignedCny !== undefined || f.signings === "counted") {
    // "Signed in the period": counted once (firstContractsSql), and its amount for the size bands.
    const period = { from: f.signedFrom ?? EARLIEST, to: f.signedTo ?? LATEST };
    const min = f.minSignedCny === undefined ? Prisma.empty : Prisma.sql`WHERE fc.cny >= ${String(f.minSignedCny)}::numeric`;
    and.push(Prisma.sql`${a}.id IN (SELECT fc.project_id FROM (${firstContractsSql([period])}) fc ${min})`);
  }
  if (f.startedFrom || f.startedTo) {
    // The FIRST construction start in the range.
    and.push(firstStartInSql({ from: f.startedFrom ?? EARLIEST, to: f.startedTo ?? LATEST }, alias));
  }
  if (f.reached) {
    // Stage changes are instants, placed on days in Asia/Shanghai (as the funnel counts them).
    const from = dayStart(f.reachedFrom ?? EARLIEST);
    const to = dayStart(f.reachedTo ?? LATEST);
    const forward: readonly Stage[] = FORWARD_STAGES;
    const i = forward.indexOf(f.reached);
    const into = i < 0 ? [f.reached] : forward.slice(i);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM stage_change sc WHERE sc.project_id = ${a}.id AND sc.changed_at >= ${from} AND sc.changed_at < ${to}
      AND sc.to_stage = ANY(${into}::"Stage"[]))`);
  }
  if (f.delivery) {
    // The delivery rates' sets, counted at the cutoff (default: as of today).
    and.push(deliverySetSql(f.delivery, f.deliveryTo ?? deliveryCutoff({ to: LATEST }, day()), alias));
  }
  if (f.countryCode) and.push(Prisma.sql`${a}.company_id IN (SELECT c.id FROM company c WHERE c.country_code = ${f.countryCode})`);
  return Prisma.join(and, " AND ");
}

/** A signing not recognised, for `excludedBy` (any reason when none): a reason item's id, "sector" or "threshold". */
function excludedBySql(excludedBy: string | undefined, projectAlias: string): Prisma.Sql {
  const why = exclusionSql("k", projectAlias);
  if (excludedBy === undefined) return Prisma.sql`${why} IS NOT NULL`;
  if (excludedBy === "sector") return Prisma.sql`${why} = 'SECTOR'`;
  if (excludedBy === "threshold") return Prisma.sql`${why} = 'THRESHOLD'`;
  return Prisma.sql`${alias(projectAlias)}.not_recognised_reason_id = ${Number(excludedBy)}`;
}

/** A company search matching more companies than this filters by a subquery instead of an id list. */
const COMPANY_ID_LIST_MAX = 1000;

/**
 * Title, project number (项目编号) or investor name contains the search, on
 * `project` aliased p. The grams (migration 20261201070822: every character
 * and pair of a title or name, one definition in SQL for rows and terms) find
 * the candidates through GIN indexes — two-character Chinese words included —
 * and ILIKE keeps the true substrings. A project's grams are its title's and
 * its number's (migration 20261201250100), so one index serves both: a number
 * matched apart (`number ILIKE`, its trigram index) had no index for a term of
 * one or two characters, and one unindexed branch made the whole OR a walk
 * over every project. Matching companies are read first, so the project side
 * is an index OR (grams ∪ company_id btree) rather than a filter run on every
 * project.
 */
export async function projectSearchSql(db: Pick<Db, "$queryRaw">, search: string): Promise<Prisma.Sql> {
  const pattern = containsPattern(search);
  const companyMatch = Prisma.sql`(c.name_grams @> search_term_grams(${search}) AND (c.name_zh ILIKE ${pattern} OR c.name_en ILIKE ${pattern}))`;
  const companies = await db.$queryRaw<{ id: number }[]>`SELECT c.id FROM company c WHERE ${companyMatch} LIMIT ${COMPANY_ID_LIST_MAX + 1}`;
  const byCompany =
    companies.length > COMPANY_ID_LIST_MAX
      ? Prisma.sql`p.company_id IN (SELECT c.id FROM company c WHERE ${companyMatch})`
      : Prisma.sql`p.company_id = ANY(${companies.map((c) => c.id)}::int[])`;
  return Prisma.sql`((p.title_grams @> search_term_grams(${search}) AND (p.title ILIKE ${pattern} OR p.number ILIKE ${pattern})) OR ${byCompany})`;
}

/** The project's title contains the search, on `project` aliased p: its grams (title and number) find the candidates, ILIKE the title's substrings. */
export function titleContainsSql(search: string): Prisma.Sql {
  return Prisma.sql`(p.title_grams @> search_term_grams(${search}) AND p.title ILIKE ${containsPattern(search)})`;
}

/** The whole filter, search included, on `project` aliased p. */
export async function projectWhereSql(db: Pick<Db, "$queryRaw">, user: ScopeActor, filter: Partial<ProjectFilter>, today?: Date): Promise<Prisma.Sql> {
  const where = projectFilterSql(user, filter, { today });
  return filter.q ? Prisma.sql`${where} AND ${await projectSearchSql(db, filter.q)}` : where;
}

/**
 * Lists count their matches up to this many and say "more than 10,000" past it: counting 300,000 projects to print
 * a number no one reads made the lists grow with the data (issue 14); a bounded count costs the same at any size.
 */
export const COUNT_CAP = 10_000;

/** How many projects match `where` (on `project` aliased p), counted up to `cap` + 1: more than `cap` means "more than cap". */
export function boundedCountSql(where: Prisma.Sql, cap = COUNT_CAP): Prisma.Sql {
  return Prisma.sql`(SELECT COUNT(*)::int FROM (SELECT 1 FROM project p WHERE ${where} LIMIT ${cap + 1}) matching)`;
}
