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
import { CLOSED_STAGES, FORWARD_STAGES, FUNDED_STAGES, STALL_STAGES, isInPlay } from "@/lib/domain/stages";
import { MILESTONE_KINDS } from "@/lib/domain/milestones";
import { DAY_MS, dayStart, type Period } from "@/lib/domain/period";
import { seesAllUnits, type ScopeActor } from "@/lib/domain/scope";
import type { ProjectFilter } from "@/lib/domain/project-filter";
import { UNRESOLVED_SUPERVISION } from "@/lib/domain/supervision";
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

/**
 * A milestone promise in force (commitment aliased `m`) of a signed project,
 * due by `horizon` and not reached: reached is an actual of its kind, or for
 * construction start the project's construction_start record. The candidates
 * of red and yellow (lib/domain/milestones.ts milestoneColour decides).
 */
export function unreachedMilestoneSql(horizon: Date, commitmentAlias = "m", projectAlias = "p"): Prisma.Sql {
  const m = alias(commitmentAlias);
  const p = alias(projectAlias);
  return Prisma.sql`(${m}.replaced_at IS NULL AND ${m}.kind = ANY(${[...MILESTONE_KINDS]}::"CommitmentKind"[]) AND ${m}.due_on <= ${horizon}::date
    AND ${p}.stage = ANY(${[...FUNDED_STAGES]}::"Stage"[])
    AND NOT EXISTS (SELECT 1 FROM commitment_actual ca WHERE ca.project_id = ${m}.project_id AND ca.kind = ${m}.kind)
    AND NOT (${m}.kind = 'CONSTRUCTION_START' AND EXISTS (SELECT 1 FROM construction_start cs WHERE cs.project_id = ${m}.project_id)))`;
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
  return Prisma.sql`(${k}.kind <> 'CAPITAL_INCREASE' AND NOT EXISTS (SELECT 1 FROM contract k0 WHERE k0.project_id = ${k}.project_id
    AND k0.kind <> 'CAPITAL_INCREASE' AND ${earlier("k0", k)}))`;
}

/** The project as a whole is not recognised (projectExclusion): marked by hand, or of a sector the installation excludes. */
export function projectNotRecognisedSql(projectAlias = "p"): Prisma.Sql {
  const p = alias(projectAlias);
  return Prisma.sql`(${p}.not_recognised_reason_id IS NOT NULL OR COALESCE(${p}.sector_id = ANY(${NOT_RECOGNISED_SECTORS}), FALSE))`;
}

/** The contract's role (signingRoles): 'BASE' | 'UPGRADE' | 'INCREASE' | 'REPEAT'. */
export function signingRoleSql(contractAlias = "k"): Prisma.Sql {
  const k = alias(contractAlias);
  return Prisma.sql`(CASE WHEN ${k}.kind = 'CAPITAL_INCREASE' THEN 'INCREASE'
    WHEN ${baseSigningSql(contractAlias)} THEN 'BASE'
    WHEN ${k}.kind = 'UPGRADE'
      AND (SELECT k0.kind FROM contract k0 WHERE k0.project_id = ${k}.project_id AND k0.kind <> 'CAPITAL_INCREASE' ORDER BY k0.signed_on, k0.id LIMIT 1) = 'FRAMEWORK'
      AND NOT EXISTS (SELECT 1 FROM contract k1 WHERE k1.project_id = ${k}.project_id AND k1.kind = 'UPGRADE' AND ${earlier("k1", k)}) THEN 'UPGRADE'
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

/** The contract counts (classifySignings' `counted`): a BASE or INCREASE signing of a recognised project, not below the threshold. */
export function countedSigningSql(contractAlias = "k", projectAlias = "p"): Prisma.Sql {
  const k = alias(contractAlias);
  const p = alias(projectAlias);
  return Prisma.sql`(${p}.not_recognised_reason_id IS NULL
    AND NOT COALESCE(${p}.sector_id = ANY(${NOT_RECOGNISED_SECTORS}), FALSE)
    AND NOT COALESCE(${k}.contracted_investment_cny < ${MIN_RECOGNISED_CNY}, FALSE)
    AND (${k}.kind = 'CAPITAL_INCREASE' OR ${baseSigningSql(contractAlias)}))`;
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
 * increase in the same period: one project, both amounts). The name stays
 * from when "signed" was the first contract: every contract recorded before
 * the rule is FORMAL, so those numbers did not move.
 */
export function firstContractsSql(periods: DayRange[], contractAlias = "k"): Prisma.Sql {
  const a = alias(contractAlias);
  const col = Prisma.sql`${a}.signed_on`;
  const bucket =
    periods.length > 1
      ? Prisma.sql`, CASE ${Prisma.join(periods.map((r, i) => Prisma.sql`WHEN ${col} >= ${r.from}::date AND ${col} < ${r.to}::date THEN ${i}::int`), " ")} END`
      : Prisma.empty;
  return Prisma.sql`
    SELECT ${a}.project_id, MIN(${a}.signed_on) AS signed_on, SUM(${a}.contracted_investment_cny) AS cny, SUM(${a}.contracted_foreign_usd) AS usd
      FROM contract ${a} JOIN project kp ON kp.id = ${a}.project_id
     WHERE (${inRangesSql(col, periods)})
       AND ${countedSigningSql(contractAlias, "kp")}
     GROUP BY ${a}.project_id${bucket}`;
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

/* ---------- Scope and filter ---------- */

/** The project scope (lib/domain/scope.ts) as a Prisma `where` fragment. */
export function projectScope(user: ScopeActor): Prisma.ProjectWhereInput {
  return seesAllUnits(user) ? {} : { unitId: user.unitId };
}

/** The project scope as SQL on `project` aliased `alias`. */
export function projectScopeSql(user: ScopeActor, alias = "p"): Prisma.Sql {
  return seesAllUnits(user) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(`"${alias}"`)}.unit_id = ${user.unitId}`;
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
const FILTER_KEYS = [
  "stage", "sectorId", "chainId", "unitId", "ownerId", "sourceId", "eventId", "minAmount", "maxAmount", "overdue", "stalled",
  "signedFrom", "signedTo", "minSignedCny", "signings", "excludedBy", "startedFrom", "startedTo", "reached", "reachedFrom", "reachedTo", "countryCode",
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
  if (f.stalled) and.push(stalledSql(new Date(day().getTime() - f.stalled * DAY_MS), alias));
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
 * and ILIKE keeps the true substrings; numbers by their trigram index.
 * Matching companies are read first, so the project side is an index OR
 * (title grams ∪ number trigrams ∪ company_id btree) rather than a filter run
 * on every project.
 */
export async function projectSearchSql(db: Db, search: string): Promise<Prisma.Sql> {
  const pattern = containsPattern(search);
  const companyMatch = Prisma.sql`(c.name_grams @> search_term_grams(${search}) AND (c.name_zh ILIKE ${pattern} OR c.name_en ILIKE ${pattern}))`;
  const companies = await db.$queryRaw<{ id: number }[]>`SELECT c.id FROM company c WHERE ${companyMatch} LIMIT ${COMPANY_ID_LIST_MAX + 1}`;
  const byCompany =
    companies.length > COMPANY_ID_LIST_MAX
      ? Prisma.sql`p.company_id IN (SELECT c.id FROM company c WHERE ${companyMatch})`
      : Prisma.sql`p.company_id = ANY(${companies.map((c) => c.id)}::int[])`;
  return Prisma.sql`(${titleContainsSql(search)} OR p.number ILIKE ${pattern} OR ${byCompany})`;
}

/** The project's title contains the search, on `project` aliased p: its grams find the candidates, ILIKE the substrings. */
export function titleContainsSql(search: string): Prisma.Sql {
  return Prisma.sql`(p.title_grams @> search_term_grams(${search}) AND p.title ILIKE ${containsPattern(search)})`;
}

/** The whole filter, search included, on `project` aliased p. */
export async function projectWhereSql(db: Db, user: ScopeActor, filter: Partial<ProjectFilter>, today?: Date): Promise<Prisma.Sql> {
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
