/**
 * Every dashboard number that links to the project list, as data: its count
 * and the project filter of the projects it counts. The sections render these
 * (a number shown as a link comes from here, LinkedNumbers.get throws for one
 * that is not), and the list opens the link through the same filter
 * (lib/domain/project-filter.ts), so a test walks this list and checks, for
 * every number, that the list shows exactly the projects counted
 * (lib/data/project-list-dashboard.int.test.ts).
 *
 * A number's filter is the dashboard's filter (for an officer, their own work:
 * the owner filter the page adds, lib/domain/scope.ts) and what the number
 * narrows to; numbers of the period say how they are tied to it:
 * - signed: the first contract signed in the period (signedFrom/signedTo);
 * - starts: the first construction start in the period (startedFrom/startedTo);
 * - funnel: moved in the period into the stage, or for a forward stage into it
 *   or a later one (reached, reachedFrom/reachedTo).
 * All three are half-open [from, to), like the period.
 * - delivery rates (lib/domain/delivery-rates.ts): the sets named by the
 *   `delivery` filter counted at the cutoff `deliveryTo`, beside signed in the
 *   period for the cohort's numbers (and startedTo = the cutoff for 开工).
 */
import { projectsHref, type ProjectFilter } from "@/lib/domain/project-filter";
import { withOwnWork } from "@/lib/domain/scope";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseDashboardFilters, type DashboardFilters } from "@/lib/validation/dashboard";
import type { Dashboard, RateCounts } from "@/lib/data/dashboard";
import type { Period } from "@/lib/domain/period";
import { LARGE_PROJECT_CNY } from "@/lib/domain/targets";
import { figureSet } from "@/lib/domain/delivery-rates";

/** The counts of the delivery rates that link, with the set each one names: cohort counts go with signed in the period. */
export const RATE_LINKS = {
  signed: { cohort: true },
  started: { cohort: true },
  producing: { cohort: true, set: "producing" },
  fundedCny: { cohort: true, set: "fundedCny" },
  fundedUsd: { cohort: true, set: "fundedUsd" },
  due: { set: "due" },
  met: { set: "met" },
  pastDue: { set: "pastDue" },
  startDue: { set: "startDue" },
  startMet: { set: "startMet" },
  productionDue: { set: "productionDue" },
  productionMet: { set: "productionMet" },
} as const satisfies Partial<Record<keyof RateCounts, { cohort?: true; set?: NonNullable<ProjectFilter["delivery"]> }>>;
export type RateLink = keyof typeof RATE_LINKS;

/** The list's filter for delivery-rate count `key` of `period` at `cutoff`. */
export function rateFilter(key: RateLink, period: Pick<Period, "from" | "to">, cutoff: Date): Partial<ProjectFilter> {
  const link: { cohort?: true; set?: NonNullable<ProjectFilter["delivery"]> } = RATE_LINKS[key];
  return {
    ...(link.cohort ? { signedFrom: period.from, signedTo: period.to } : {}),
    ...(key === "started" ? { startedTo: cutoff } : {}),
    ...(link.set ? { delivery: link.set, deliveryTo: cutoff } : {}),
  };
}

/** The dashboard's period and filter from its address; an officer's is their own work (an owner filter). */
export function dashboardFiltersFor(user: { id: number; role: Role }, searchParams: Record<string, string | string[] | undefined>, now = new Date()): DashboardFilters {
  return withOwnWork(user, parseDashboardFilters(searchParams, now));
}

export type LinkedNumber = { key: string; count: number; filter: Partial<ProjectFilter>; href: string };

export class LinkedNumbers {
  readonly all: readonly LinkedNumber[];
  private readonly byKey: Map<string, LinkedNumber>;
  constructor(all: LinkedNumber[]) {
    this.all = all;
    this.byKey = new Map(all.map((n) => [n.key, n]));
  }
  /** The number `key`; a section asking for one not listed is a bug, caught here rather than shown as an unchecked link. */
  get(key: string): LinkedNumber {
    const n = this.byKey.get(key);
    if (!n) throw new Error(`dashboard: no linked number "${key}"`);
    return n;
  }
}

export function linkedNumbers(data: Dashboard): LinkedNumbers {
  const { period, ...base } = data.filters;
  const signed = { signedFrom: period.from, signedTo: period.to };
  const all: LinkedNumber[] = [];
  const add = (key: string, count: number, narrowing: Partial<ProjectFilter>) => {
    const filter = { ...base, ...narrowing };
    all.push({ key, count, filter, href: projectsHref(filter) });
  };

  add("signed", data.signed.totals.current.count, signed);
  for (const r of data.signed.bySector) if (r.id !== null) add(`signed.sector.${r.id}`, r.count, { ...signed, sectorId: r.id });
  for (const r of data.signed.byUnit) if (r.id !== null) add(`signed.unit.${r.id}`, r.count, { ...signed, unitId: r.id });
  for (const r of data.signed.byCountry) add(`signed.country.${r.countryCode}`, r.count, { ...signed, countryCode: r.countryCode.trim() });
  for (const b of data.bands) add(`band.${b.min}`, b.count, { ...signed, minSignedCny: b.min });
  add("starts", data.delivery.startsInPeriod, { startedFrom: period.from, startedTo: period.to });

  const reached = { reachedFrom: period.from, reachedTo: period.to };
  for (const s of data.funnel.stages) add(`funnel.${s.stage}`, s.reached, { ...reached, reached: s.stage });
  add("funnel.ON_HOLD", data.funnel.onHold, { ...reached, reached: "ON_HOLD" });
  add("funnel.LOST", data.funnel.lost, { ...reached, reached: "LOST" });
  for (const s of data.pipeline.byStage) add(`pipeline.${s.stage}`, s.count, { stage: s.stage });

  for (const s of data.work.stalled) add(`stalled.${s.days}`, s.count, { stalled: s.days as ProjectFilter["stalled"] });
  add("overdue", data.work.overdue, { overdue: true });
  for (const o of data.work.byOwner) add(`owner.${o.id}`, o.projects, { ownerId: o.id });
  for (const u of data.work.byUnit) add(`unit.${u.id}`, u.projects, { unitId: u.id });
  for (const e of data.events) add(`event.${e.id}`, e.leads, { eventId: e.id });

  // 目标完成: the units' year in the user's scope, not narrowed by the dashboard's other filters (lib/data/targets.ts).
  const year = data.targets.period;
  const exact = (key: string, count: number, filter: Partial<ProjectFilter>) => all.push({ key, count, filter, href: projectsHref(filter) });
  const signedYear = { signedFrom: year.from, signedTo: year.to };
  for (const row of [...(data.targets.city ? [data.targets.city] : []), ...data.targets.units]) {
    const which = row === data.targets.city ? "city" : String(row.unitId);
    const unit = row === data.targets.city ? {} : { unitId: row.unitId };
    exact(`target.SIGNED.${which}`, Number(row.measures.SIGNED.actual), { ...unit, ...signedYear });
    exact(`target.SIGNED_100M.${which}`, Number(row.measures.SIGNED_100M.actual), { ...unit, ...signedYear, minSignedCny: LARGE_PROJECT_CNY });
    exact(`target.STARTS.${which}`, Number(row.measures.STARTS.actual), { ...unit, startedFrom: year.from, startedTo: year.to });
  }

  const rates = data.deliveryRates;
  const addRates = (prefix: string, counts: RateCounts, p: Pick<Period, "from" | "to">, cutoff: Date, narrowing: Partial<ProjectFilter> = {}) => {
    for (const key of Object.keys(RATE_LINKS) as RateLink[]) add(`${prefix}.${key}`, counts[key], { ...narrowing, ...rateFilter(key, p, cutoff) });
  };
  addRates("rates", rates.overall, period, rates.cutoff);
  for (const u of rates.byUnit) addRates(`rates.unit.${u.id}`, u, period, rates.cutoff, { unitId: u.id });
  for (const q of rates.trend) addRates(`rates.quarter.${q.label}`, q, q.period, q.cutoff);
  // Promised against actual: per figure, the projects signed in the period that promised it, and of them those that reached some.
  for (const f of rates.figures) {
    for (const side of ["promised", "reached"] as const) {
      add(`rates.figure.${f.kind}.${side}`, side === "promised" ? f.promisedProjects : f.reachedProjects, { ...signed, delivery: figureSet(side, f.kind), deliveryTo: rates.cutoff });
    }
  }
  return new LinkedNumbers(all);
}
