import "server-only";
/**
 * The quarterly / annual report: one plain object (amounts as decimal strings)
 * that the JSON, CSV, XLSX and PDF formats and the Reports page all render.
 *
 * The shared numbers come from the dashboard's own functions
 * (lib/data/dashboard), called with a dashboard-filter object for the period
 * and unit, so the report and the dashboard agree by construction:
 * - signed.*            signedTotals (current) + sizeBands (first contracts, lib/data/sql-rules.ts)
 * - constructionStarts  getDelivery.startsInPeriod (first start in the period)
 * - fundsInPlace        getDelivery.fundsInPeriodCny / Usd (received in the period)
 * - foreignInvestmentInPlaceUsd = fundsInPlace.usd (funds in place in US dollars)
 * - roundsHeld          roundsInPeriod (rounds held in the period)
 * - bySector/byUnit/byCountry, series: signedBySector/ByUnit/ByCountry/signedSeries
 * - stalled counts      stalledAndOverdue (as of today)
 * - deliveryRates       getDeliveryRates (lib/domain/delivery-rates.ts: as of the period's end, overall, per unit, by quarter)
 * - reconciliation      getReconciliation (lib/data/signings.ts): recorded → … → counted = signed
 * - summary             lib/reports/summary.ts, from these numbers (messages: reports.prose)
 * The lists and the breakdowns the dashboard lacks (by industrial chain, new
 * leads) are SQL here on the same scope (projectFilterSql / signedInPeriodSql).
 *
 * Scope: an admin or a city-unit manager any unit (default: the whole city);
 * a county/district manager only their own unit; anyone else is refused.
 */
import type { Db } from "@/lib/db";
import type { Stage } from "@/lib/generated/prisma/enums";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { seesAllUnits, unitInScope } from "@/lib/domain/scope";
import { may } from "@/lib/domain/policy";
import { projectFilterSql } from "@/lib/data/sql-rules";
import { todayDate } from "@/lib/validation/fields";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { DAY_MS, isoDay, lastDay, type Period } from "@/lib/domain/period";
import { STAGES, STALL_STEPS } from "@/lib/domain/stages";
import { firstStartsSql, lastActivitySql, money, stalledSql } from "@/lib/data/sql-rules";
import { parseReportPeriod } from "@/lib/validation/report";
import {
  type Actor,
  type Bucket,
  getDelivery,
  getDeliveryRates,
  type RateCounts,
  roundsInPeriod,
  signedByCountry,
  signedBySector,
  signedByUnit,
  signedInPeriodSql,
  signedSeries,
  signedTotals,
  sizeBands,
  stalledAndOverdue,
} from "@/lib/data/dashboard";
import { summarize } from "./summary";
import { RATE_NAMES, asOfDay, rate, rateOf, type RateName } from "@/lib/domain/delivery-rates";
import type { FigureTotal } from "@/lib/data/dashboard/delivery-rates";
import { getReconciliation, type Reconciliation } from "@/lib/data/signings";
import { projectsHref } from "@/lib/domain/project-filter";
import type { SigningFilter } from "@/lib/domain/signings";
import { reportText, type ReportLocale } from "./sections";
import { Prisma } from "@/lib/generated/prisma/client";

export type ReportInput = { period: string; unitId?: number };

/**
 * What the report covers. name*: the scope as the tables say it ("江州市（全市）");
 * place*: the place a title names ("江州市"); issuer*: who issues it (编制单位):
 * the unit reported on, or the city's bureau for the whole city.
 */
export type ReportUnit = { id: number | null; nameZh: string; nameEn: string; isCity: boolean; placeZh: string; placeEn: string; issuerZh: string; issuerEn: string };
export type Band = { count: number; valueCny: string };
export type GroupLine = { id: number | null; nameZh: string; nameEn: string; count: number; cny: string; usd: string };
export type CountryLine = { countryCode: string; count: number; cny: string; usd: string };
export type SignedProjectLine = {
  projectId: number;
  /** 项目编号 */
  number: string;
  investorZh: string;
  investorEn: string | null;
  countryCode: string;
  title: string;
  sectorZh: string | null;
  sectorEn: string | null;
  unitZh: string;
  unitEn: string;
  signedOn: string;
  contractedCny: string;
  contractedUsd: string;
};
export type StartLine = { projectId: number; number: string; investorZh: string; title: string; unitZh: string; unitEn: string; startedOn: string; signedOn: string | null; contractedCny: string };
export type StageLine = { stage: Stage; count: number; plannedCny: string };
export type StalledLine = { projectId: number; number: string; investorZh: string; title: string; unitZh: string; unitEn: string; stage: Stage; lastActivityOn: string; days: number };
/** A set of delivery-rate counts with its rates (null: no denominator). */
export type RateLine = RateCounts & { rates: Record<RateName, number | null> };

/**
 * A line of the reconciliation (count once, lib/domain/signings.ts):
 * recorded → notRecognised (then one "reason" line each) → repeats →
 * upgrades → counted. `href` is the project list showing exactly its projects.
 */
export type ReconciliationLine = {
  line: "recorded" | "notRecognised" | "reason" | "repeats" | "upgrades" | "counted";
  /** A reason line's reason: a NOT_RECOGNISED_REASON item's id, "sector" or "threshold"; its name for an item. */
  excludedBy: string | null;
  nameZh: string | null;
  nameEn: string | null;
  signings: number;
  projects: number;
  cny: string;
  usd: string;
  href: string;
};
export type LeadLine = { id: number | null; nameZh: string; nameEn: string; count: number };

export type Report = {
  period: { label: string; kind: "year" | "quarter"; from: string; to: string; lastDay: string };
  unit: ReportUnit;
  generatedOn: string;
  signed: {
    count: number;
    contractedCny: string;
    contractedUsd: string;
    atLeast100MillionCny: Band;
    atLeast5BillionCny: Band;
    atLeast10BillionCny: Band;
  };
  constructionStarts: { count: number };
  fundsInPlace: { cny: string; usd: string };
  foreignInvestmentInPlaceUsd: string;
  roundsHeld: number;
  /** The delivery rates as of `asOf` (the period's last day, or the report's day while the period runs). */
  deliveryRates: {
    asOf: string;
    overall: RateLine;
    byUnit: (RateLine & { id: number; nameZh: string; nameEn: string })[];
    byQuarter: (RateLine & { label: string; asOf: string })[];
    /** Promised against actual per figure, over the projects signed in the period (getDeliveryRates' figures), with reached / promised. */
    figures: (FigureTotal & { share: number | null })[];
  };
  newLeads: { total: number; bySource: LeadLine[]; byEvent: LeadLine[] };
  stalled: { days: number; count: number }[];
  summary: { zh: string; en: string };
  series: { bucket: Bucket; points: { start: string; count: number; cny: string; usd: string }[] };
  /** Set when a long list below was cut at the caller's listLimit (the JSON download caps them; see BuildReportOptions). */
  truncated?: true;
  /** Signings recorded → minus not recognised (by reason) → minus repeats → minus upgrades → counted (= signed). */
  reconciliation: ReconciliationLine[];
  signedProjects: SignedProjectLine[];
  constructionStartsList: StartLine[];
  pipelineByStage: StageLine[];
  stalledProjects: StalledLine[];
  bySector: GroupLine[];
  byUnit: GroupLine[];
  byChain: GroupLine[];
  byCountry: CountryLine[];
};

/** Stalled projects listed: at least the dashboard's last step past their stage's limit (60 days past it). */
export const STALLED_LIST_STEP = STALL_STEPS[STALL_STEPS.length - 1];

/**
 * Who may have which unit's report → the dashboard filters and the unit.
 * Throws ForbiddenError (officers; a manager asking for another unit) or
 * NotFoundError (no such unit).
 */
export async function reportScope(db: Db, actor: Actor, period: Period, unitId?: number): Promise<{ filters: DashboardFilters; unit: ReportUnit }> {
  if (!may(actor, "viewReports")) throw new ForbiddenError();
  // The project scope (lib/domain/scope.ts) and a unit filter inside it: a manager's report is their unit's.
  if (unitId !== undefined && !unitInScope(actor, unitId)) throw new ForbiddenError();
  const id = unitId ?? (seesAllUnits(actor) ? undefined : actor.unitId);
  if (id !== undefined) {
    const u = await db.unit.findUnique({ where: { id }, select: { id: true, nameZh: true, nameEn: true, kind: true } });
    if (!u) throw new NotFoundError();
    // The city unit's own report is the whole city's only when nothing narrows it: a unit filter on the city
    // unit means its own projects, as on the dashboard.
    const own = { nameZh: u.nameZh, nameEn: u.nameEn, placeZh: u.nameZh, placeEn: u.nameEn, issuerZh: u.nameZh, issuerEn: u.nameEn };
    return { filters: { period, unitId: id }, unit: { id: u.id, isCity: false, ...own } };
  }
  const city = await db.unit.findFirst({ where: { kind: "CITY" }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } });
  const name = (locale: ReportLocale, cityName: string | undefined) =>
    cityName === undefined ? reportText(locale, "names.wholeCityNoName") : reportText(locale, "names.wholeCityUnit", { city: cityName });
  const bureau = (locale: ReportLocale, cityName: string | undefined) =>
    cityName === undefined ? reportText(locale, "names.bureauNoName") : reportText(locale, "names.bureau", { city: cityName });
  const unit: ReportUnit = {
    id: null,
    isCity: true,
    nameZh: name("zh-CN", city?.nameZh),
    nameEn: name("en", city?.nameEn),
    placeZh: city?.nameZh ?? name("zh-CN", undefined),
    placeEn: city?.nameEn ?? name("en", undefined),
    issuerZh: bureau("zh-CN", city?.nameZh),
    issuerEn: bureau("en", city?.nameEn),
  };
  return { filters: { period }, unit };
}

const withRates = <C extends RateCounts>(c: C): C & { rates: Record<RateName, number | null> } => ({
  ...c,
  rates: Object.fromEntries(RATE_NAMES.map((name) => [name, rateOf(c, name)])) as Record<RateName, number | null>,
});

const bandOf = (bands: { min: string; count: number; cny: string }[], min: string): Band => {
  const b = bands.find((x) => x.min.replace(/\.0+$/, "") === min);
  return { count: b?.count ?? 0, valueCny: b?.cny ?? "0" };
};

export type BuildReportOptions = {
  /**
   * How many rows of each long list (signed projects, construction starts,
   * stalled projects) to load into the report. Undefined: all of them (the
   * Reports page, tests); 0: none (the CSV/XLSX writers stream them through
   * reportListPages instead); n: at most n, with `truncated: true` when a list
   * had more (the JSON download).
   */
  listLimit?: number;
};

export async function buildReport(db: Db, actor: Actor, input: ReportInput, now = new Date(), opts: BuildReportOptions = {}): Promise<Report> {
  const period = parseReportPeriod(input.period);
  if (!period) throw new RuleError("invalid", { period: "reports.errors.badPeriod" });
  const { filters, unit } = await reportScope(db, actor, period, input.unitId);
  const where = projectFilterSql(actor, filters);
  const { from, to } = period;
  const today = todayDate(now);

  const [totals, bands, series, bySector, byUnit, byCountry, delivery, rates, rounds, stalled, reconciliation] = await Promise.all([
    signedTotals(db, actor, filters),
    sizeBands(db, actor, filters),
    signedSeries(db, actor, filters),
    signedBySector(db, actor, filters),
    signedByUnit(db, actor, filters),
    signedByCountry(db, actor, filters),
    getDelivery(db, actor, filters),
    getDeliveryRates(db, actor, filters, now),
    roundsInPeriod(db, actor, filters),
    stalledAndOverdue(db, actor, filters, now),
    getReconciliation(db, actor, filters),
  ]);

  const ctx: ListContext = { actor, filters, today };
  const cap = opts.listLimit;
  const [signedList, startList, stalledList] =
    cap === 0
      ? [{ rows: [], truncated: false }, { rows: [], truncated: false }, { rows: [], truncated: false }]
      : await Promise.all([
          collect(listPages(db, ctx, "signedProjects", cap === undefined ? null : Math.min(cap + 1, LIST_PAGE_SIZE)), cap),
          collect(listPages(db, ctx, "constructionStartsList", cap === undefined ? null : Math.min(cap + 1, LIST_PAGE_SIZE)), cap),
          collect(listPages(db, ctx, "stalledProjects", cap === undefined ? null : Math.min(cap + 1, LIST_PAGE_SIZE)), cap),
        ]);

  const [stageRows, chainRows, sourceRows, eventRows, leadTotal] = await Promise.all([
    db.$queryRaw<{ stage: Stage; count: number; planned: string | null }[]>`
      SELECT p.stage, COUNT(*)::int AS count, SUM(p.planned_investment_cny)::text AS planned
        FROM project p WHERE ${where} GROUP BY p.stage`,
    db.$queryRaw<{ id: number | null; name_zh: string | null; name_en: string | null; count: number; cny: string | null; usd: string | null }[]>`
      SELECT p.chain_id AS id, ri.name_zh, ri.name_en, COUNT(*)::int AS count, SUM(s.cny)::text AS cny, SUM(s.usd)::text AS usd
        FROM (${signedInPeriodSql(actor, filters)}) s JOIN project p ON p.id = s.project_id
        LEFT JOIN reference_item ri ON ri.id = p.chain_id
       GROUP BY p.chain_id, ri.name_zh, ri.name_en
       ORDER BY SUM(s.cny) DESC NULLS LAST, COUNT(*) DESC, p.chain_id`,
    db.$queryRaw<{ id: number | null; name_zh: string | null; name_en: string | null; count: number }[]>`
      SELECT p.source_id AS id, ri.name_zh, ri.name_en, COUNT(*)::int AS count
        FROM project p LEFT JOIN reference_item ri ON ri.id = p.source_id
       WHERE p.first_contact_on >= ${from}::date AND p.first_contact_on < ${to}::date AND ${where}
       GROUP BY p.source_id, ri.name_zh, ri.name_en ORDER BY COUNT(*) DESC, p.source_id`,
    db.$queryRaw<{ id: number | null; name_zh: string | null; name_en: string | null; count: number }[]>`
      SELECT p.event_id AS id, e.name_zh, e.name_en, COUNT(*)::int AS count
        FROM project p LEFT JOIN promotion_event e ON e.id = p.event_id
       WHERE p.first_contact_on >= ${from}::date AND p.first_contact_on < ${to}::date AND ${where}
       GROUP BY p.event_id, e.name_zh, e.name_en ORDER BY COUNT(*) DESC, p.event_id`,
    db.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM project p WHERE p.first_contact_on >= ${from}::date AND p.first_contact_on < ${to}::date AND ${where}`,
  ]);

  const none = { zh: reportText("zh-CN", "file.unnamed"), en: reportText("en", "file.unnamed") };
  const noEvent = { zh: reportText("zh-CN", "names.notFromEvent"), en: reportText("en", "names.notFromEvent") };
  const group = (r: { id: number | null; nameZh: string | null; nameEn: string | null; count: number; cny: string; usd: string }): GroupLine => ({
    id: r.id,
    nameZh: r.nameZh ?? none.zh,
    nameEn: r.nameEn ?? none.en,
    count: r.count,
    cny: r.cny,
    usd: r.usd,
  });
  const stageBy = new Map(stageRows.map((r) => [r.stage, r]));
  const roundsHeld = rounds.byUnit.reduce((n, r) => n + r.rounds, 0);

  const report: Report = {
    period: { label: period.label, kind: period.kind === "year" ? "year" : "quarter", from: isoDay(from), to: isoDay(to), lastDay: isoDay(lastDay(period)) },
    unit,
    generatedOn: isoDay(today),
    signed: {
      count: totals.current.count,
      contractedCny: totals.current.cny,
      contractedUsd: totals.current.usd,
      atLeast100MillionCny: bandOf(bands, "100000000"),
      atLeast5BillionCny: bandOf(bands, "5000000000"),
      atLeast10BillionCny: bandOf(bands, "10000000000"),
    },
    constructionStarts: { count: delivery.startsInPeriod },
    fundsInPlace: { cny: delivery.fundsInPeriodCny, usd: delivery.fundsInPeriodUsd },
    foreignInvestmentInPlaceUsd: delivery.fundsInPeriodUsd,
    roundsHeld,
    deliveryRates: {
      asOf: isoDay(asOfDay(rates.cutoff)),
      overall: withRates(rates.overall),
      byUnit: rates.byUnit.map(withRates),
      byQuarter: rates.trend.map(({ period: _, cutoff, ...q }) => ({ ...withRates(q), asOf: isoDay(asOfDay(cutoff)) })),
      figures: rates.figures.map((f) => ({ ...f, share: rate(f.reached, f.promised) })),
    },
    newLeads: {
      total: leadTotal[0]?.n ?? 0,
      bySource: sourceRows.map((r) => ({ id: r.id, nameZh: r.name_zh ?? none.zh, nameEn: r.name_en ?? none.en, count: r.count })),
      byEvent: eventRows.map((r) => ({ id: r.id, nameZh: r.id === null ? noEvent.zh : r.name_zh ?? "", nameEn: r.id === null ? noEvent.en : r.name_en ?? r.name_zh ?? "", count: r.count })),
    },
    stalled: stalled.stalled,
    summary: { zh: "", en: "" },
    series: { bucket: series.bucket, points: series.points.map((p) => ({ start: isoDay(p.start), ...p.current })) },
    reconciliation: reconciliationLines(reconciliation, filters),
    signedProjects: signedList.rows as SignedProjectLine[],
    constructionStartsList: startList.rows as StartLine[],
    pipelineByStage: STAGES.map((stage) => ({ stage, count: stageBy.get(stage)?.count ?? 0, plannedCny: money(stageBy.get(stage)?.planned) })),
    stalledProjects: stalledList.rows as StalledLine[],
    bySector: bySector.map(group),
    byUnit: byUnit.map(group),
    byChain: chainRows.map((r) => group({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, count: r.count, cny: money(r.cny), usd: money(r.usd) })),
    byCountry: byCountry.map((r) => ({ countryCode: r.countryCode, count: r.count, cny: r.cny, usd: r.usd })),
  };
  if (signedList.truncated || startList.truncated || stalledList.truncated) report.truncated = true;
  report.summary = summarize(report);
  return report;
}

/** The reconciliation as the report's lines, each linking to the list of its projects (the one project filter). */
function reconciliationLines(r: Reconciliation, filters: DashboardFilters): ReconciliationLine[] {
  const inPeriod = { signedFrom: filters.period.from, signedTo: filters.period.to, unitId: filters.unitId };
  const line = (name: ReconciliationLine["line"], a: Reconciliation["counted"], signings: SigningFilter, extra: Partial<ReconciliationLine> = {}): ReconciliationLine => ({
    line: name,
    excludedBy: null,
    nameZh: null,
    nameEn: null,
    ...a,
    ...extra,
    href: projectsHref({ ...inPeriod, signings, excludedBy: extra.excludedBy ?? undefined }),
  });
  return [
    line("recorded", r.recorded, "recorded"),
    line("notRecognised", r.notRecognised, "notRecognised"),
    ...r.notRecognised.byReason.map((x) => line("reason", x, "notRecognised", { excludedBy: x.excludedBy, nameZh: x.nameZh, nameEn: x.nameEn })),
    line("repeats", r.repeats, "repeat"),
    line("upgrades", r.upgrades, "upgrade"),
    { ...line("counted", r.counted, "counted"), href: projectsHref(inPeriod) },
  ];
}

/* ---------- The long lists, read in pages ---------- */

export type LongListKey = "signedProjects" | "constructionStartsList" | "stalledProjects";
export type LongListLine<K extends LongListKey> = Report[K][number];
/** Each long list as an async iterable of pages (arrays of lines), in the report's order. */
export type ReportListPages = { [K in LongListKey]: () => AsyncGenerator<Report[K]> };
export type ListContext = { actor: Actor; filters: DashboardFilters; today: Date };

/**
 * The JSON download holds the report in memory, so its long lists are capped
 * at this many rows each; a capped report says `truncated: true`. CSV and XLSX
 * stream the lists whole (openReport).
 */
export const JSON_LIST_LIMIT = 10_000;
/** Rows per query when a long list is read in pages. */
export const LIST_PAGE_SIZE = 2000;
/** Above every contracted amount: where a project without an amount sorts (cny DESC NULLS LAST as an ascending key). */
const NO_AMOUNT_KEY = "1e30";

type SignedRow = { project_id: number; number: string; investor_zh: string; investor_en: string | null; country_code: string; title: string; sector_zh: string | null; sector_en: string | null; unit_zh: string; unit_en: string; signed_on: Date; cny: string | null; usd: string | null };

/** The signed list's order: by signing day, the largest amount first, then the project. */
const SIGNED_ORDER = Prisma.sql`s.signed_on, COALESCE(-s.cny, ${NO_AMOUNT_KEY}::numeric), s.project_id`;

/** Lines of the signed list that meet `cond` (on the signed row aliased s), in the list's order. */
function signedRowsSql({ actor, filters }: ListContext, cond: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT s.project_id, p.number, c.name_zh AS investor_zh, c.name_en AS investor_en, c.country_code, p.title,
           ri.name_zh AS sector_zh, ri.name_en AS sector_en, u.name_zh AS unit_zh, u.name_en AS unit_en,
           s.signed_on, s.cny::text AS cny, s.usd::text AS usd
      FROM (${signedInPeriodSql(actor, filters)}) s
      JOIN project p ON p.id = s.project_id
      JOIN company c ON c.id = s.company_id
      JOIN unit u ON u.id = s.unit_id
      LEFT JOIN reference_item ri ON ri.id = s.sector_id
     WHERE ${cond}
     ORDER BY ${SIGNED_ORDER}`;
}

const signedLine = (r: SignedRow): SignedProjectLine => ({
  projectId: r.project_id,
  number: r.number,
  investorZh: r.investor_zh,
  investorEn: r.investor_en,
  countryCode: r.country_code,
  title: r.title,
  sectorZh: r.sector_zh,
  sectorEn: r.sector_en,
  unitZh: r.unit_zh,
  unitEn: r.unit_en,
  signedOn: isoDay(r.signed_on),
  contractedCny: money(r.cny),
  contractedUsd: money(r.usd),
});

/** One page of the signed list: the lines of these projects (signedPages), in the list's order. */
export function signedPageSql(ctx: ListContext, ids: number[]): Prisma.Sql {
  return signedRowsSql(ctx, Prisma.sql`s.project_id = ANY(${ids}::int[])`);
}

/**
 * The signed list page by page. Its order is on values aggregated per project (the first counted signing's day,
 * the amounts summed: firstContractsSql), which no index holds, so a keyset page had to compute and sort the whole
 * period's signings again (pages × the period: quadratic in the data). Instead its order is read once as project
 * ids (one statement; a number per line held), then each page's lines are read for its ids alone: the condition
 * on the grouped project id reaches counted_signing's project_id index, so a page costs its own lines.
 */
async function* signedPages(db: Db, ctx: ListContext, pageSize: number): AsyncGenerator<SignedProjectLine[]> {
  const { actor, filters } = ctx;
  const order = await db.$queryRaw<{ project_id: number }[]>`
    SELECT s.project_id FROM (${signedInPeriodSql(actor, filters)}) s ORDER BY ${SIGNED_ORDER}`;
  for (let i = 0; i < order.length; i += pageSize) {
    const ids = order.slice(i, i + pageSize).map((r) => r.project_id);
    const rows = await db.$queryRaw<SignedRow[]>(signedPageSql(ctx, ids));
    if (rows.length) yield rows.map(signedLine);
  }
}

/**
 * One long list, page by page, in the report's order, each page one query of at most `pageSize` rows with the
 * same scope and period conditions, holding nothing but the current page: the signed list by its ids
 * (signedPages); the starts and the stalled list by keyset pagination on the list's own order, ending in the
 * project id (unique per row), along an index. pageSize null: the whole list in one query.
 */
async function* listPages<K extends LongListKey>(db: Db, ctx: ListContext, key: K, pageSize: number | null): AsyncGenerator<Report[K]> {
  if (key === "signedProjects") {
    if (pageSize === null) yield (await db.$queryRaw<SignedRow[]>(signedRowsSql(ctx, Prisma.sql`TRUE`))).map(signedLine) as Report[K];
    else yield* signedPages(db, ctx, pageSize) as AsyncGenerator<Report[K]>;
    return;
  }
  const { today } = ctx;
  const limit = pageSize === null ? Prisma.empty : Prisma.sql`LIMIT ${pageSize}`;
  let after: Prisma.Sql | null = null;
  for (;;) {
    let lines: Report[K];
    let next: Prisma.Sql;
    if (key === "constructionStartsList") {
      const rows = await db.$queryRaw<{ project_id: number; number: string; investor_zh: string; title: string; unit_zh: string; unit_en: string; started_on: Date; signed_on: Date | null; cny: string | null }[]>(
        startsPageSql(ctx, after, limit),
      );
      const last = rows[rows.length - 1];
      next = last ? startsAfterSql(last.started_on, last.project_id) : Prisma.empty;
      lines = rows.map((r) => ({
        projectId: r.project_id,
        number: r.number,
        investorZh: r.investor_zh,
        title: r.title,
        unitZh: r.unit_zh,
        unitEn: r.unit_en,
        startedOn: isoDay(r.started_on),
        signedOn: r.signed_on ? isoDay(r.signed_on) : null,
        contractedCny: money(r.cny),
      })) as Report[K];
    } else {
      const rows = await db.$queryRaw<{ project_id: number; number: string; investor_zh: string; title: string; unit_zh: string; unit_en: string; stage: Stage; last_on: Date }[]>(
        stalledPageSql(ctx, after, limit),
      );
      const last = rows[rows.length - 1];
      next = last ? stalledAfterSql(last.last_on, last.project_id) : Prisma.empty;
      lines = rows.map((r) => ({
        projectId: r.project_id,
        number: r.number,
        investorZh: r.investor_zh,
        title: r.title,
        unitZh: r.unit_zh,
        unitEn: r.unit_en,
        stage: r.stage,
        lastActivityOn: isoDay(r.last_on),
        days: Math.round((today.getTime() - r.last_on.getTime()) / DAY_MS),
      })) as Report[K];
    }
    if (lines.length) yield lines;
    if (pageSize === null || lines.length < pageSize) return;
    after = next;
  }
}

/**
 * One page of the construction starts, in (first start's day, project) order after `after` (startsAfterSql of the
 * previous page's last line): a range of the first starts' index (milestone_reached's kind, day and project) from that
 * line on, so a page reads its own lines, not the whole period again.
 */
export function startsPageSql(ctx: ListContext, after: Prisma.Sql | null, limit: Prisma.Sql): Prisma.Sql {
  const { actor, filters } = ctx;
  return Prisma.sql`
    SELECT p.id AS project_id, p.number, c.name_zh AS investor_zh, p.title, u.name_zh AS unit_zh, u.name_en AS unit_en, cs.started_on,
           fk.signed_on, fk.cny::text AS cny
      FROM (${firstStartsSql([filters.period])}) cs
      JOIN project p ON p.id = cs.project_id
      JOIN company c ON c.id = p.company_id
      JOIN unit u ON u.id = p.unit_id
      LEFT JOIN LATERAL (SELECT k.signed_on, k.contracted_investment_cny AS cny FROM contract k WHERE k.project_id = p.id ORDER BY k.signed_on, k.id LIMIT 1) fk ON TRUE
     WHERE ${projectFilterSql(actor, filters)} AND ${after ?? Prisma.sql`TRUE`}
     ORDER BY cs.started_on, cs.project_id ${limit}`;
}
/**
 * After the line (day, project) in the starts' order. Both columns from the first starts: PostgreSQL reads a row
 * comparison whose first column leads an index as a range of it (with p.id, the same project, it could not).
 */
export const startsAfterSql = (startedOn: Date, projectId: number) => Prisma.sql`(cs.started_on, cs.project_id) > (${startedOn}::date, ${projectId}::int)`;

/**
 * One page of the stalled list, in (last activity, id) order after `after` (stalledAfterSql of the previous page's
 * last line): a range of project_stall_list_idx (migration 20261201101000), whose expression and WHERE are
 * lastActivitySql's and STALL_STAGES's, so no page scans and sorts the whole list again.
 */
export function stalledPageSql(ctx: ListContext, after: Prisma.Sql | null, limit: Prisma.Sql): Prisma.Sql {
  const { actor, filters, today } = ctx;
  return Prisma.sql`
    SELECT p.id AS project_id, p.number, c.name_zh AS investor_zh, p.title, u.name_zh AS unit_zh, u.name_en AS unit_en, p.stage,
           ${lastActivitySql()} AS last_on
      FROM project p JOIN company c ON c.id = p.company_id JOIN unit u ON u.id = p.unit_id
     WHERE ${projectFilterSql(actor, filters)} AND ${stalledSql(today, STALLED_LIST_STEP)}
       AND ${after ?? Prisma.sql`TRUE`}
     ORDER BY ${lastActivitySql()}, p.id ${limit}`;
}
export const stalledAfterSql = (lastOn: Date, projectId: number) => Prisma.sql`(${lastActivitySql()}, p.id) > (${lastOn}::date, ${projectId}::int)`;

/** The first `cap` lines of a paged list (all of them when cap is undefined), and whether there were more. */
async function collect<T>(pages: AsyncGenerator<T[]>, cap: number | undefined): Promise<{ rows: T[]; truncated: boolean }> {
  const rows: T[] = [];
  for await (const page of pages) {
    rows.push(...page);
    if (cap !== undefined && rows.length > cap) {
      await pages.return(undefined);
      return { rows: rows.slice(0, cap), truncated: true };
    }
  }
  return { rows, truncated: false };
}

/**
 * The report for the CSV and XLSX downloads: the summary, breakdowns and
 * short lists in memory (buildReport with listLimit 0), the long lists as
 * pages read on demand (each call starts a fresh read), so a report of any
 * size is written while holding one page at a time.
 */
export async function openReport(
  db: Db,
  actor: Actor,
  input: ReportInput,
  now = new Date(),
  { pageSize = LIST_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<{ report: Report; pages: ReportListPages }> {
  const report = await buildReport(db, actor, input, now, { listLimit: 0 });
  // buildReport has checked the period and the actor's scope; the same filters again for the lists.
  const { filters } = await reportScope(db, actor, parseReportPeriod(input.period)!, input.unitId);
  const ctx: ListContext = { actor, filters, today: todayDate(now) };
  return {
    report,
    pages: {
      signedProjects: () => listPages(db, ctx, "signedProjects", pageSize),
      constructionStartsList: () => listPages(db, ctx, "constructionStartsList", pageSize),
      stalledProjects: () => listPages(db, ctx, "stalledProjects", pageSize),
    },
  };
}

/** The unit picker: the units the actor may ask for (null: their own only). */
export async function reportUnitOptions(db: Db, actor: Actor) {
  if (!seesAllUnits(actor)) return null;
  return db.unit.findMany({ select: { id: true, nameZh: true, nameEn: true, kind: true }, orderBy: [{ kind: "asc" }, { id: "asc" }] });
}

