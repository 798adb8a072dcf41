/**
 * The project filter: one schema from the address bar to the SQL. The project
 * list, the dashboard's links, the board, My work and the report read and
 * write a filter through it, so a filter written by one screen means the same
 * on the next (its SQL form: projectFilterSql in lib/data/sql-rules.ts).
 *
 * Bad URL values are dropped one by one (the rest of the filter stays) rather
 * than turning into an error page. Dates are calendar days (UTC-midnight
 * Dates, as @db.Date columns), ranges half-open [from, to).
 *
 *   fromSearchParams(toSearchParams(f)) equals f for every valid filter f.
 */
import { z } from "zod";
import { zAmount, zDate, zId, zSearchParam, zString } from "@/lib/validation/fields";
import { STAGES, STALL_STEPS } from "@/lib/domain/stages";
import { MILESTONE_COLOURS } from "@/lib/domain/milestones";
import { isoDay } from "@/lib/domain/period";
import { DELIVERY_SETS } from "@/lib/domain/delivery-rates";
import { SIGNING_FILTERS } from "@/lib/domain/signings";
import { hrefTo } from "@/lib/url";

export const PROJECT_SORTS = ["updated", "amount", "followUp", "title", "stage"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

const param = zSearchParam;

export const ZProjectFilter = z.object({
  /** Title or investor name contains this. */
  q: param(zString(100)).transform((s) => (s ? s : undefined)),
  stage: param(z.enum(STAGES)),
  sectorId: param(zId),
  chainId: param(zId),
  unitId: param(zId),
  ownerId: param(zId),
  sourceId: param(zId),
  eventId: param(zId),
  /** Planned investment range, in yuan. */
  minAmount: param(zAmount),
  maxAmount: param(zAmount),
  /** A follow-up date before today on a project still in play. */
  overdue: param(z.literal("1")).transform((v) => (v ? true : undefined)),
  /** High risk: overdue by at least the high-risk days (lib/domain/notifications.ts isHighRisk, an admin setting). */
  highRisk: param(z.literal("1")).transform((v) => (v ? true : undefined)),
  /**
   * Stalled, this many days or more past its stage's limit (0: stalled at all; 30, 60: a month or two past it): the
   * dashboard's "stalled" (lib/domain/stages.ts isStalled, the limits an installation setting).
   */
  stalled: param(z.coerce.number().pipe(z.union(STALL_STEPS.map((n) => z.literal(n))))),
  /** The project's colour, its worst milestone colour (lib/domain/milestones.ts projectColour). */
  colour: param(z.enum(MILESTONE_COLOURS)),
  /** The FIRST contract was signed in [signedFrom, signedTo): the dashboard's "signed in the period". */
  signedFrom: param(zDate),
  signedTo: param(zDate),
  /** The first contract's contracted investment, in yuan, at least this (the dashboard's size bands). */
  minSignedCny: param(zAmount),
  /**
   * With signedFrom/signedTo: which signings in the range (the report's
   * reconciliation, lib/domain/signings.ts): every contract recorded, those not
   * recognised, repeats, upgrades, or those counted (the default: the
   * dashboard's "signed in the period").
   */
  signings: param(z.enum(SIGNING_FILTERS)),
  /** With signings=notRecognised: the reason — a NOT_RECOGNISED_REASON item's id, "sector" or "threshold". */
  excludedBy: param(z.string().regex(/^(sector|threshold|[1-9][0-9]{0,8})$/)),
  /** The FIRST construction start is in [startedFrom, startedTo). */
  startedFrom: param(zDate),
  startedTo: param(zDate),
  /**
   * Moved in [reachedFrom, reachedTo) into this stage — or, for a stage of the
   * forward journey, into it or a later one: the dashboard funnel's "reached"
   * (and, for ON_HOLD and LOST, its "entered").
   */
  reached: param(z.enum(STAGES)),
  reachedFrom: param(zDate),
  reachedTo: param(zDate),
  /**
   * One of the sets the delivery rates count (lib/domain/delivery-rates.ts
   * DELIVERY_SETS), counted as of the day before `deliveryTo` (default: today).
   */
  delivery: param(z.enum(DELIVERY_SETS)),
  deliveryTo: param(zDate),
  /** The investor company's country or region (ISO 3166-1 alpha-2). */
  countryCode: param(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/)),
  /** How the list is ordered and which page it shows: not filters, but part of the list's address. */
  sort: param(z.enum(PROJECT_SORTS)),
  dir: param(z.enum(["asc", "desc"])),
  page: param(z.coerce.number().int().min(1).max(100_000)),
});
export type ProjectFilter = z.output<typeof ZProjectFilter>;
export type ProjectFilterKey = keyof ProjectFilter;

const VIEW_KEYS: readonly ProjectFilterKey[] = ["sort", "dir", "page"];

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** The address bar's query → the filter (anything else in it is ignored). */
export function fromSearchParams(searchParams: SearchParamsInput): ProjectFilter {
  if (!(searchParams instanceof URLSearchParams)) return ZProjectFilter.parse(searchParams);
  const record: Record<string, string[]> = {};
  for (const [k, v] of searchParams) (record[k] ??= []).push(v);
  return ZProjectFilter.parse(record);
}

/** The filter → the address bar's query (the inverse of fromSearchParams); unset values are left out. */
export function toSearchParams(filter: Partial<ProjectFilter>): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of Object.keys(ZProjectFilter.shape) as ProjectFilterKey[]) {
    const value = filter[key];
    if (value === undefined || value === null || value === "") continue;
    q.set(key, value instanceof Date ? isoDay(value) : value === true ? "1" : String(value));
  }
  return q;
}

/** The project list showing `filter`. */
export function projectsHref(filter: Partial<ProjectFilter>): string {
  return hrefTo("/projects", toSearchParams(filter));
}

/** Whether the filter narrows the list beyond the user's scope: a search or any filter (not sort or page). */
export function narrowsList(filter: Partial<ProjectFilter>): boolean {
  return Object.entries(filter).some(([key, value]) => value !== undefined && !VIEW_KEYS.includes(key as ProjectFilterKey));
}
