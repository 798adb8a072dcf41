import "server-only";
/**
 * The dashboard's sections, each with what it reads (its sources), so the cache (cache.ts) keeps each section until
 * a write changes something it reads: a project's title edited recomputes the chains (an anchor's title), not the
 * funnel's stage changes.
 *
 * A source is a table that moves data_version ("contract", "stage_change", …), a column of project
 * ("project.stage"), or "project" for projects added or deleted (implied by any project column). The migration
 * 20261201230000_data_source_version stamps each source with the records version of the last transaction that
 * changed it; "*" (a write whose trigger names no source) is read by every section. `activity`: the section reads
 * rounds or follow-up dates, and is keyed on data_version's activity number too (a logged round moves it alone).
 *
 * sections.int.test.ts checks each list against the SQL the section sends (every table it names, every project
 * column it mentions) and that the dashboard served after each kind of write equals a fresh computation.
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { measureActualRows, targetBoardBase, targetPeriodOf } from "@/lib/data/targets";
import { activityRecords, activityRounds, activitySignings } from "@/lib/data/activity";
import { funnelDurations, funnelStages } from "./funnel";
import { signedByCountry, signedBySector, signedByUnit, signedSeries, signedTotals, sizeBands } from "./signed";
import { deliveryCohortPart, deliveryFlowPart } from "./delivery";
import { deliveryCohort, deliveryDue, deliveryFigures } from "./delivery-rates";
import { getChains, getEvents } from "./chains";
import { pipelineByStage, pipelineClosest } from "./pipeline";
import { projectsByDimension, roundsByDimension, stalledAndOverdue } from "./work";
import type { Actor } from "./sql";

export type Section<T> = {
  /** Reads rounds or follow-up dates: also keyed on data_version's activity number. */
  activity: boolean;
  reads: readonly string[];
  compute: (db: Db, user: Actor, filters: DashboardFilters, now: Date) => Promise<T>;
};

const col = (...columns: string[]) => columns.map((c) => `project.${c}`);
/** The scope and the dashboard's filters (projectFilterSql with DASHBOARD_FILTER_KEYS). */
const FILTER = col("unit_id", "sector_id", "chain_id", "owner_id");
/**
 * Counted once (firstContractsSql, signedInPeriodSql): the table counted_signing, which the contracts, the automatic
 * rules, the project's exclusions and the project columns it copies (unit, sector, chain, owner, investor, first
 * contact: what the scope and the filters read) change through its triggers. A write that changes no counted signing
 * stamps nothing here: a project reassigned before its signing recomputes no signed number.
 */
const SIGNED = ["counted_signing"];
/**
 * A section reading counted_signing beside project itself: sections.int.test.ts cannot tell a copy's column
 * (k.company_id) from the project's, so it names the copied columns as the project's too (over-declared: such a
 * section is also recomputed when a project's investor or first contact changes).
 */
const SIGNED_AND_PROJECT = [...SIGNED, ...FILTER, ...col("company_id", "first_contact_on")];

/**
 * Milestones reached and first starts (milestone_reached), which construction starts and actuals change through its
 * triggers. A section reading first starts alone is also recomputed when an actual is reported (over-declared: actuals
 * are a few a year per project).
 */
const REACHED = ["construction_start", "commitment_actual"];

const records = <T>(reads: string[], compute: Section<T>["compute"]): Section<T> => ({ activity: false, reads, compute });
const activity = <T>(reads: string[], compute: Section<T>["compute"]): Section<T> => ({ activity: true, reads, compute });

/** What no logged round changes (a round held before its project's signing moves records: migration 20261201100000). */
export const RECORD_SECTIONS = {
  // (project.stage: its SQL names stage columns of its own; a stage move writes a stage change anyway.)
  funnel: records(["stage_change", ...FILTER, ...col("stage")], (db, u, f) => funnelStages(db, u, f)),
  // (Days to start run from the first contract of any kind; the rounds to signing are counted_signing's.)
  durations: records([...SIGNED_AND_PROJECT, "contract", ...REACHED], (db, u, f) => funnelDurations(db, u, f)),
  totals: records(SIGNED, (db, u, f) => signedTotals(db, u, f)),
  series: records(SIGNED, (db, u, f) => signedSeries(db, u, f)),
  bySector: records([...SIGNED, "reference_item"], (db, u, f) => signedBySector(db, u, f)),
  byUnit: records([...SIGNED, "unit"], (db, u, f) => signedByUnit(db, u, f)),
  byCountry: records([...SIGNED, "company"], (db, u, f) => signedByCountry(db, u, f)),
  bands: records(SIGNED, (db, u, f) => sizeBands(db, u, f)),
  // Delivery after signing in two halves: the signed cohort's (a contract changes it) and the period's starts and funds.
  deliveryCohort: records([...SIGNED, "construction_start", "funds_in_place"], (db, u, f) => deliveryCohortPart(db, u, f)),
  deliveryFlow: records([...FILTER, ...REACHED, "funds_in_place"], (db, u, f) => deliveryFlowPart(db, u, f)),
  // The delivery rates in three parts (index.ts deliveryRatesOf): the signed cohort's counts (a contract or a start
  // changes them), the milestones due (which no contract changes) and the figures promised against reached (which no
  // start changes).
  deliveryRates: records([...SIGNED, ...REACHED, "funds_in_place", "unit"], (db, u, f, now) => deliveryCohort(db, u, f, now)),
  deliveryFigures: records([...SIGNED, "commitment", "commitment_actual", "funds_in_place"], (db, u, f, now) => deliveryFigures(db, u, f, now)),
  deliveryDue: records([...FILTER, "commitment", ...REACHED, "unit"], (db, u, f, now) => deliveryDue(db, u, f, now)),
  chains: records([...SIGNED, ...FILTER, ...col("anchor_project_id", "first_contact_on", "planned_investment_cny", "title")], (db, u, f) => getChains(db, u, f)),
  events: records([...SIGNED, ...FILTER, "promotion_event", ...col("event_id")], (db, u, f) => getEvents(db, u, f)),
  projectCounts: records([...FILTER, "app_user", "unit"], (db, u, f) => projectsByDimension(db, u, f)),
  pipelineStages: records([...FILTER, ...col("stage", "planned_investment_cny", "foreign_investment_usd")], (db, u, f) => pipelineByStage(db, u, f)),
  // The targets board in two halves: the signed measures (a contract changes them) and the rest (units, targets, starts, funds).
  targetsSigned: records(SIGNED, (db, u, f) => measureActualRows(db, u, targetPeriodOf(f), "signed")),
  targets: records([...FILTER, "target", "unit", ...REACHED, "funds_in_place"], (db, u, f) => targetBoardBase(db, u, f)),
  // The activity index's signings apart from its events, leads and starts (a contract recomputes only them).
  activitySignings: records([...SIGNED, "unit"], (db, u, f) => activitySignings(db, u, f.period)),
  activityCounts: records([...FILTER, ...col("first_contact_on"), "promotion_event", ...REACHED, "unit"], (db, u, f) => activityRecords(db, u, f.period)),
};

/**
 * What a logged round changes: rounds per week, owner and unit (the rounds' summaries, lib/data/round-summaries.ts:
 * the rounds and their projects' unit and owner), stalled and overdue as of today (project_day_summary: stage, last
 * activity, follow-up; the stall limits), the pipeline's closest projects, and the activity index's rounds and visits.
 */
export const ACTIVITY_SECTIONS = {
  rounds: activity(["negotiation_round", ...FILTER, "app_user", "unit"], (db, u, f) => roundsByDimension(db, u, f)),
  stalled: activity([...FILTER, "installation_setting", ...col("stage", "last_round_on", "first_contact_on", "next_follow_up_on")], (db, u, f, now) => stalledAndOverdue(db, u, f, now)),
  closest: activity(
    [...FILTER, "company", "app_user", ...col("id", "stage", "title", "company_id", "planned_investment_cny", "round_count", "last_round_on", "next_follow_up_on")],
    (db, u, f) => pipelineClosest(db, u, f),
  ),
  activity: activity(["negotiation_round", "unit", ...FILTER], (db, u, f) => activityRounds(db, u, f.period)),
};

export type Sections = Record<string, Section<unknown>>;
export type Values<S extends Sections> = { [K in keyof S]: S[K] extends Section<infer T> ? T : never };

/** Every section of `sections`, each through `run` (computed, or served by the cache), in parallel. */
export async function computeSections<S extends Sections>(sections: S, run: (name: string, section: Section<unknown>) => Promise<unknown>): Promise<Values<S>> {
  const names = Object.keys(sections);
  const values = await Promise.all(names.map((name) => run(name, sections[name])));
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Values<S>;
}

/** The sources a section's cache key is made of: its reads, "project" when it reads any project column, and "*". */
export function sourcesOf(section: Section<unknown>): string[] {
  const reads = new Set(section.reads);
  if ([...reads].some((s) => s.startsWith("project."))) reads.add("project");
  reads.add("*");
  return [...reads].sort();
}
