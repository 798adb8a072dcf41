import "server-only";
/**
 * The dashboard's numbers. Each section is its own exported function taking
 * (db, user, filters) so the reports reuse them and agree with the dashboard.
 * Definitions: lib/domain/ (stages, periods), lib/data/sql-rules.ts (first
 * contract, first start, stalled, overdue), sql.ts (the dashboard's scope and
 * filters), and the header comments of funnel.ts, signed.ts, delivery.ts,
 * work.ts, chains.ts.
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import type { Actor } from "./sql";
import { funnelDurations, funnelOf, funnelStages } from "./funnel";
import { signedByCountry, signedBySector, signedByUnit, signedSeries, signedTotals, sizeBands } from "./signed";
import { getDelivery } from "./delivery";
import { projectsByDimension, roundsByDimension, stalledAndOverdue, workOf } from "./work";
import { getDeliveryRates } from "./delivery-rates";
import { getChains, getEvents } from "./chains";
import { pipelineByStage, pipelineClosest, type Pipeline } from "./pipeline";
import { getTargetBoard } from "@/lib/data/targets";
import { activityByUnitWeek } from "@/lib/data/activity";

export * from "./sql";
export * from "./funnel";
export * from "./signed";
export * from "./delivery";
export * from "./delivery-rates";
export * from "./work";
export * from "./chains";
export * from "./pipeline";

/**
 * What reads no round nor follow-up date (data_version's records alone): it stays valid while officers log rounds
 * (lib/data/dashboard/cache.ts). Besides the record sections: the funnel's durations (a round that counts in
 * "rounds to signing", held on or before its project's first contract, moves records: migration
 * 20261201100000_round_version_signing), the projects each owner and unit holds (work), and the pipeline's
 * counts and amounts per stage, and the targets' 目标完成 (target rows move records too).
 */
export async function getRecordSections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [funnel, durations, totals, series, bySector, byUnit, byCountry, bands, delivery, deliveryRates, chains, events, projectCounts, pipelineStages, targets] = await Promise.all([
    funnelStages(db, user, filters),
    funnelDurations(db, user, filters),
    signedTotals(db, user, filters),
    signedSeries(db, user, filters),
    signedBySector(db, user, filters),
    signedByUnit(db, user, filters),
    signedByCountry(db, user, filters),
    sizeBands(db, user, filters),
    getDelivery(db, user, filters),
    getDeliveryRates(db, user, filters, now),
    getChains(db, user, filters),
    getEvents(db, user, filters),
    projectsByDimension(db, user, filters),
    pipelineByStage(db, user, filters),
    getTargetBoard(db, user, filters),
  ]);
  return { funnel, durations, signed: { totals, series, bySector, byUnit, byCountry }, bands, delivery, deliveryRates, chains, events, projectCounts, pipelineStages, targets };
}

/**
 * What a logged round changes, and only that: rounds per week, owner and unit (from round_day_summary: bounded by
 * days × owners, not by projects), stalled and overdue as of today, and the pipeline's closest projects (their
 * last round, rounds so far, next follow-up), and the activity index's counts per unit and week.
 */
export async function getActivitySections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [rounds, stalled, closest, activity] = await Promise.all([
    roundsByDimension(db, user, filters),
    stalledAndOverdue(db, user, filters, now),
    pipelineClosest(db, user, filters),
    activityByUnitWeek(db, user, filters.period),
  ]);
  return { rounds, stalled, closest, activity };
}

/** One dashboard from its two halves (computed together, or each kept by its own data version). */
export function assembleDashboard(
  filters: DashboardFilters,
  records: Awaited<ReturnType<typeof getRecordSections>>,
  activity: Awaited<ReturnType<typeof getActivitySections>>,
) {
  const { funnel, durations, projectCounts, pipelineStages, ...recordSections } = records;
  const { rounds, stalled, closest, activity: activityIndex } = activity;
  return {
    filters,
    funnel: funnelOf(funnel, durations),
    ...recordSections,
    work: workOf(rounds, projectCounts, stalled),
    pipeline: { byStage: pipelineStages, closest } satisfies Pipeline,
    activity: activityIndex,
  };
}

export async function getDashboard(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [records, activity] = await Promise.all([getRecordSections(db, user, filters, now), getActivitySections(db, user, filters, now)]);
  return assembleDashboard(filters, records, activity);
}
export type Dashboard = ReturnType<typeof assembleDashboard>;
