import "server-only";
/**
 * Delivery after signing.
 * - The cohort: projects signed in the period (sql-rules.ts). Of them, how many have
 *   started construction and how many have funds in place (by now), and the
 *   funds in place so far per currency (CNY and USD never added together).
 * - The period's flow: projects whose first construction start falls in the
 *   period, and funds received in the period per currency. Foreign investment
 *   actually in place = funds_in_place rows in USD.
 */
import type { Db } from "@/lib/db";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstStartsSql, money, projectsInViewJoinSql } from "@/lib/data/sql-rules";
import { type Actor, signedInPeriodSql } from "./sql";

export type Delivery = {
  signed: number;
  signedCny: string;
  signedUsd: string;
  started: number;
  funded: number;
  startedRate: number | null;
  fundedRate: number | null;
  cohortFundsCny: string;
  cohortFundsUsd: string;
  startsInPeriod: number;
  fundsInPeriodCny: string;
  fundsInPeriodUsd: string;
  fundedProjectsInPeriod: number;
};

/** The cohort's half (what a contract changes): the projects signed in the period and what they did by now. */
export type DeliveryCohortPart = Pick<Delivery, "signed" | "signedCny" | "signedUsd" | "started" | "funded" | "cohortFundsCny" | "cohortFundsUsd">;
/** The period's flow (no contract changes it): first starts and funds received in the period. */
export type DeliveryFlowPart = Pick<Delivery, "startsInPeriod" | "fundsInPeriodCny" | "fundsInPeriodUsd" | "fundedProjectsInPeriod">;

export async function deliveryCohortPart(db: Db, user: Actor, filters: DashboardFilters): Promise<DeliveryCohortPart> {
  const [row] = await db.$queryRaw<
    { signed: number; signed_cny: string | null; signed_usd: string | null; started: number; funded: number; funds_cny: string | null; funds_usd: string | null }[]
  >`
    WITH s AS (${signedInPeriodSql(user, filters)}),
    -- (Materialised: each project's funds are summed once, not once per aggregate that reads them.)
    cohort AS MATERIALIZED (
      SELECT s.project_id, s.cny, s.usd,
             EXISTS (SELECT 1 FROM construction_start cs WHERE cs.project_id = s.project_id) AS started,
             (SELECT SUM(f.amount) FROM funds_in_place f WHERE f.project_id = s.project_id AND f.currency = 'CNY') AS f_cny,
             (SELECT SUM(f.amount) FROM funds_in_place f WHERE f.project_id = s.project_id AND f.currency = 'USD') AS f_usd
        FROM s
    )
    SELECT COUNT(*)::int AS signed, SUM(cny)::text AS signed_cny, SUM(usd)::text AS signed_usd,
           COUNT(*) FILTER (WHERE started)::int AS started,
           COUNT(*) FILTER (WHERE f_cny IS NOT NULL OR f_usd IS NOT NULL)::int AS funded,
           SUM(f_cny)::text AS funds_cny, SUM(f_usd)::text AS funds_usd
      FROM cohort`;
  return {
    signed: row.signed,
    signedCny: money(row.signed_cny),
    signedUsd: money(row.signed_usd),
    started: row.started,
    funded: row.funded,
    cohortFundsCny: money(row.funds_cny),
    cohortFundsUsd: money(row.funds_usd),
  };
}

export async function deliveryFlowPart(db: Db, user: Actor, filters: DashboardFilters): Promise<DeliveryFlowPart> {
  const { from, to } = filters.period;
  // The projects are read only when the scope or a filter narrows them (at 300k, the city's year: 19k funds and 9.6k
  // starts, each with a read of its project, for nothing).
  const [row] = await db.$queryRaw<{ starts_in_period: number; period_cny: string | null; period_usd: string | null; period_projects: number }[]>`
    WITH flow AS (
      SELECT f.project_id, f.amount, f.currency
        FROM funds_in_place f ${projectsInViewJoinSql(user, filters, Prisma.sql`f.project_id`)}
       WHERE f.received_on >= ${from}::date AND f.received_on < ${to}::date
    )
    SELECT (SELECT COUNT(*) FROM (${firstStartsSql([filters.period])}) fs ${projectsInViewJoinSql(user, filters, Prisma.sql`fs.project_id`)})::int AS starts_in_period,
           (SELECT SUM(amount) FROM flow WHERE currency = 'CNY')::text AS period_cny,
           (SELECT SUM(amount) FROM flow WHERE currency = 'USD')::text AS period_usd,
           (SELECT COUNT(DISTINCT project_id) FROM flow)::int AS period_projects`;
  return {
    startsInPeriod: row.starts_in_period,
    fundsInPeriodCny: money(row.period_cny),
    fundsInPeriodUsd: money(row.period_usd),
    fundedProjectsInPeriod: row.period_projects,
  };
}

/** Delivery after signing from its two halves (the dashboard caches them apart: a contract changes the cohort's only). */
export function deliveryOf(cohort: DeliveryCohortPart, flow: DeliveryFlowPart): Delivery {
  return {
    ...cohort,
    startedRate: cohort.signed ? cohort.started / cohort.signed : null,
    fundedRate: cohort.signed ? cohort.funded / cohort.signed : null,
    ...flow,
  };
}

export async function getDelivery(db: Db, user: Actor, filters: DashboardFilters): Promise<Delivery> {
  const [cohort, flow] = await Promise.all([deliveryCohortPart(db, user, filters), deliveryFlowPart(db, user, filters)]);
  return deliveryOf(cohort, flow);
}
