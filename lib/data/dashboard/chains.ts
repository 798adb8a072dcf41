import "server-only";
/**
 * Chains and events.
 * - Per anchor project: the chain projects (anchor_project_id = it) in scope
 *   and filters with first contact before the period's end — drawn by then —,
 *   their planned investment, and those signed by then (first contract before
 *   the period's end) with their contracted value. Every anchor shows its
 *   title (anchor titles are not secret: lib/data/anchors.ts); only those the
 *   user may open are links.
 * - Per promotion event starting in the period: its leads (projects with
 *   event_id = it, in scope and filters), how many of them have signed (by
 *   now) and their signed value (first contracts).
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { money, projectFilterSql, projectScopeSql } from "@/lib/data/sql-rules";
import { type Actor } from "./sql";
import { Prisma } from "@/lib/generated/prisma/client";

export const CHAIN_LIMIT = 20;

export type ChainRow = {
  anchorId: number;
  title: string;
  /** The user may open the anchor (projectScope: their unit, or all). */
  inScope: boolean;
  drawn: number;
  plannedCny: string;
  signed: number;
  contractedCny: string;
  contractedUsd: string;
};
export type EventRow = { id: number; nameZh: string; nameEn: string | null; startsOn: Date; leads: number; signed: number; signedCny: string; signedUsd: string };

/**
 * Project `d`'s signings counted once (counted_signing, lib/domain/signings.ts) before `to` (none: all): its first
 * signing's date, and the counted amounts. One row, signed_on NULL when it has none.
 */
const countedSignings = (to?: Date) => Prisma.sql`(SELECT MIN(k.signed_on) AS signed_on, SUM(k.cny) AS cny, SUM(k.usd) AS usd
  FROM counted_signing k WHERE k.project_id = d.id ${to ? Prisma.sql`AND k.signed_on < ${to}::date` : Prisma.empty})`;

export async function getChains(db: Db, user: Actor, filters: DashboardFilters): Promise<ChainRow[]> {
  const { to } = filters.period;
  const anchorInScope = projectScopeSql(user, "a");
  const rows = await db.$queryRaw<
    { anchor_id: number; title: string; in_scope: boolean; drawn: number; planned: string | null; signed: number; cny: string | null; usd: string | null }[]
  >`
    SELECT g.anchor_id, a.title, ${anchorInScope} AS in_scope, g.drawn, g.planned, g.signed, g.cny, g.usd
      FROM (SELECT d.anchor_project_id AS anchor_id, COUNT(*)::int AS drawn, SUM(d.planned_investment_cny)::text AS planned,
                   COUNT(fc.signed_on)::int AS signed, SUM(fc.cny)::text AS cny, SUM(fc.usd)::text AS usd
              FROM project d
              LEFT JOIN LATERAL ${countedSignings(to)} fc ON TRUE
             WHERE d.anchor_project_id IS NOT NULL AND d.first_contact_on < ${to}::date AND ${projectFilterSql(user, filters, { alias: "d" })}
             GROUP BY d.anchor_project_id
             ORDER BY COUNT(*) DESC, SUM(fc.cny) DESC NULLS LAST, d.anchor_project_id
             LIMIT ${CHAIN_LIMIT}) g
      JOIN project a ON a.id = g.anchor_id
     ORDER BY g.drawn DESC, g.cny::numeric DESC NULLS LAST, g.anchor_id`;
  return rows.map((r) => ({
    anchorId: r.anchor_id,
    title: r.title,
    inScope: r.in_scope,
    drawn: r.drawn,
    plannedCny: money(r.planned),
    signed: r.signed,
    contractedCny: money(r.cny),
    contractedUsd: money(r.usd),
  }));
}

export async function getEvents(db: Db, user: Actor, filters: DashboardFilters): Promise<EventRow[]> {
  const { from, to } = filters.period;
  // Events of the units in scope (an event has a unit_id, as a project).
  const ownEvents = projectScopeSql(user, "e");
  const rows = await db.$queryRaw<
    { id: number; name_zh: string; name_en: string | null; starts_on: Date; leads: number; signed: number; cny: string | null; usd: string | null }[]
  >`
    SELECT e.id, e.name_zh, e.name_en, e.starts_on, g.leads, g.signed, g.cny, g.usd
      FROM promotion_event e
      -- Per event (a handful in a period), its leads through project(event_id): an index lookup each, whatever the
      -- table's size (a join of every project to the period's events was planned as a scan of project).
      CROSS JOIN LATERAL (SELECT COUNT(*)::int AS leads, COUNT(fc.signed_on)::int AS signed, SUM(fc.cny)::text AS cny, SUM(fc.usd)::text AS usd
                            FROM project d LEFT JOIN LATERAL ${countedSignings()} fc ON TRUE
                           WHERE d.event_id = e.id AND ${projectFilterSql(user, filters, { alias: "d" })}) g
     WHERE e.starts_on >= ${from}::date AND e.starts_on < ${to}::date AND (g.leads > 0 OR ${ownEvents})
     ORDER BY e.starts_on, e.id`;
  return rows.map((r) => ({
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    startsOn: r.starts_on,
    leads: r.leads,
    signed: r.signed,
    signedCny: money(r.cny),
    signedUsd: money(r.usd),
  }));
}
