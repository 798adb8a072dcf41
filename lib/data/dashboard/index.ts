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
import { getDeliveryRates } from "./delivery-rates";
import { getWork } from "./work";
import { getChains, getEvents } from "./chains";
import { getPipeline } from "./pipeline";

export * from "./sql";
export * from "./funnel";
export * from "./signed";
export * from "./delivery";
export * from "./delivery-rates";
export * from "./work";
export * from "./chains";
export * from "./pipeline";

/**
 * The sections that read no round nor follow-up date (data_version's records alone): they stay valid while
 * officers log rounds (lib/data/dashboard/cache.ts). The funnel's stage counts are among them; its durations
 * (rounds to signing) are not.
 */
export async function getRecordSections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [funnel, totals, series, bySector, byUnit, byCountry, bands, delivery, deliveryRates, chains, events] = await Promise.all([
    funnelStages(db, user, filters),
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
  ]);
  return { funnel, signed: { totals, series, bySector, byUnit, byCountry }, bands, delivery, deliveryRates, chains, events };
}

/** The sections that read rounds or follow-up dates: the funnel's durations (rounds to signing), work, and the pipeline's cards. */
export async function getActivitySections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [durations, work, pipeline] = await Promise.all([funnelDurations(db, user, filters), getWork(db, user, filters, now), getPipeline(db, user, filters)]);
  return { durations, work, pipeline };
}

/** One dashboard from its two halves (computed together, or each kept by its own data version). */
export function assembleDashboard(
  filters: DashboardFilters,
  records: Awaited<ReturnType<typeof getRecordSections>>,
  activity: Awaited<ReturnType<typeof getActivitySections>>,
) {
  const { funnel, ...recordSections } = records;
  const { durations, ...activitySections } = activity;
  return { filters, funnel: funnelOf(funnel, durations), ...recordSections, ...activitySections };
}

export async function getDashboard(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [records, activity] = await Promise.all([getRecordSections(db, user, filters, now), getActivitySections(db, user, filters, now)]);
  return assembleDashboard(filters, records, activity);
}
export type Dashboard = ReturnType<typeof assembleDashboard>;
