import "server-only";
/**
 * The dashboard's numbers. Each section is its own exported function taking
 * (db, user, filters) so the reports reuse them and agree with the dashboard.
 * Definitions: lib/domain/ (stages, periods), lib/data/sql-rules.ts (first
 * contract, first start, stalled, overdue), sql.ts (the dashboard's scope and
 * filters), and the header comments of funnel.ts, signed.ts, delivery.ts,
 * work.ts, chains.ts. Which section reads what, and which reads rounds:
 * sections.ts.
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import type { Actor } from "./sql";
import { funnelOf } from "./funnel";
import { deliveryRatesOf } from "./delivery-rates";
import { deliveryOf } from "./delivery";
import { workOf } from "./work";
import { type Pipeline } from "./pipeline";
import { activityOf } from "@/lib/data/activity";
import { targetBoardOf } from "@/lib/data/targets";
import { ACTIVITY_SECTIONS, computeSections, RECORD_SECTIONS, type Values } from "./sections";

export * from "./sql";
export * from "./funnel";
export * from "./signed";
export * from "./delivery";
export * from "./delivery-rates";
export * from "./work";
export * from "./chains";
export * from "./pipeline";

export type RecordValues = Values<typeof RECORD_SECTIONS>;
export type ActivityValues = Values<typeof ACTIVITY_SECTIONS>;

/** What reads no round nor follow-up date (sections.ts RECORD_SECTIONS), computed afresh. */
export function getRecordSections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<RecordValues> {
  return computeSections(RECORD_SECTIONS, (_, s) => s.compute(db, user, filters, now));
}

/** What a logged round changes, and only that (sections.ts ACTIVITY_SECTIONS), computed afresh. */
export function getActivitySections(db: Db, user: Actor, filters: DashboardFilters, now = new Date()): Promise<ActivityValues> {
  return computeSections(ACTIVITY_SECTIONS, (_, s) => s.compute(db, user, filters, now));
}

/** One dashboard from its sections (computed together, or each kept by the cache). */
export function assembleDashboard(filters: DashboardFilters, records: RecordValues, activity: ActivityValues) {
  const { funnel, durations, projectCounts, pipelineStages, activityCounts, activitySignings, targets, targetsSigned, deliveryCohort, deliveryFlow, totals, series, bySector, byUnit, byCountry, deliveryRates, deliveryDue, deliveryFigures, ...recordSections } = records;
  const { rounds, stalled, closest, activity: activityIndex } = activity;
  return {
    filters,
    funnel: funnelOf(funnel, durations),
    signed: { totals, series, bySector, byUnit, byCountry },
    ...recordSections,
    deliveryRates: deliveryRatesOf(deliveryRates, deliveryDue, deliveryFigures),
    targets: targetBoardOf(targets, targetsSigned),
    delivery: deliveryOf(deliveryCohort, deliveryFlow),
    work: workOf(rounds, projectCounts, stalled),
    pipeline: { byStage: pipelineStages, closest } satisfies Pipeline,
    activity: activityOf(activityIndex, activitySignings, activityCounts),
  };
}

export async function getDashboard(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [records, activity] = await Promise.all([getRecordSections(db, user, filters, now), getActivitySections(db, user, filters, now)]);
  return assembleDashboard(filters, records, activity);
}
export type Dashboard = ReturnType<typeof assembleDashboard>;
