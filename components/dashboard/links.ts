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
 */
import { projectsHref, type ProjectFilter } from "@/lib/domain/project-filter";
import { withOwnWork } from "@/lib/domain/scope";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseDashboardFilters, type DashboardFilters } from "@/lib/validation/dashboard";
import type { Dashboard } from "@/lib/data/dashboard";
import { LARGE_PROJECT_CNY } from "@/lib/domain/targets";

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
  return new LinkedNumbers(all);
}
