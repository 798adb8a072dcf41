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
import { getFunnel } from "./funnel";
import { signedByCountry, signedBySector, signedByUnit, signedSeries, signedTotals, sizeBands } from "./signed";
import { getDelivery } from "./delivery";
import { getWork } from "./work";
import { getChains, getEvents } from "./chains";
import { getPipeline } from "./pipeline";

export * from "./sql";
export * from "./funnel";
export * from "./signed";
export * from "./delivery";
export * from "./work";
export * from "./chains";
export * from "./pipeline";

export async function getDashboard(db: Db, user: Actor, filters: DashboardFilters, now = new Date()) {
  const [funnel, totals, series, bySector, byUnit, byCountry, bands, delivery, work, chains, events, pipeline] = await Promise.all([
    getFunnel(db, user, filters),
    signedTotals(db, user, filters),
    signedSeries(db, user, filters),
    signedBySector(db, user, filters),
    signedByUnit(db, user, filters),
    signedByCountry(db, user, filters),
    sizeBands(db, user, filters),
    getDelivery(db, user, filters),
    getWork(db, user, filters, now),
    getChains(db, user, filters),
    getEvents(db, user, filters),
    getPipeline(db, user, filters),
  ]);
  return { filters, funnel, signed: { totals, series, bySector, byUnit, byCountry }, bands, delivery, work, chains, events, pipeline };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
