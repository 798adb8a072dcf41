import { todayDate } from "@/lib/validation/fields";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { seesAllUnits } from "@/lib/domain/scope";
import { db } from "@/lib/db";
import { listNotRecognisedReasons } from "@/lib/data/signings";
import { listProjects } from "@/lib/data/project-list";
import { filterOptions } from "@/lib/data/filter-options";
import { fromSearchParams, narrowsList, projectsHref, toSearchParams, type ProjectFilter, type ProjectSort } from "@/lib/domain/project-filter";
import { formatCny } from "@/lib/format/money";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { StageBadge } from "@/components/projects/stage-badge";
import { localName } from "@/components/projects/names";
import { NarrowingFilters, type Narrowing } from "@/components/projects/narrowing-filters";
import { countryName, countryOptions } from "@/lib/validation/countries";
import { STAGES } from "@/lib/domain/stages";
import { MILESTONE_COLOURS } from "@/lib/domain/milestones";
import { ColourBadge } from "@/components/projects/colour-badge";
import { HighRiskBadge } from "@/components/projects/high-risk-badge";
import { IssueForList } from "@/components/supervision/issue-for-list";
import { parseFigureSet } from "@/lib/domain/delivery-rates";

export async function generateMetadata() {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The list with `change` made to its filter, sort or page. */
const href = (query: ProjectFilter, change: Partial<ProjectFilter>) => projectsHref({ ...query, ...change });

/** Filters without a form field; the form carries them as hidden inputs. */
const NARROWING_KEYS = ["stalled", "signedFrom", "signedTo", "minSignedCny", "signings", "excludedBy", "startedFrom", "startedTo", "reached", "reachedFrom", "reachedTo", "delivery", "deliveryTo"] as const;

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
const labelClass = "mb-1 block text-sm font-medium text-slate-700";

export default async function ProjectsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const query = fromSearchParams(await searchParams);
  const [t, tc, tColours, tsg, locale, tDelivery, tKinds] = await Promise.all([getTranslations("projects"), getTranslations("stages"), getTranslations("commitments.colours"), getTranslations("signings"), getLocale() as Promise<Locale>, getTranslations("delivery"), getTranslations("commitments.kinds")]);
  const [list, options] = await Promise.all([listProjects(db(), user, query), filterOptions(db(), user)]);
  const manyUnits = seesAllUnits(user);

  const sortLink = (sort: ProjectSort, label: string) => {
    const active = (query.sort ?? "updated") === sort;
    const defaultDir = sort === "title" || sort === "followUp" || sort === "stage" ? "asc" : "desc";
    const dir = query.dir ?? (active ? defaultDir : undefined);
    const nextDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
    return (
      <Link href={href(query, { sort, dir: nextDir, page: undefined })} className="inline-flex items-center gap-1 hover:underline" aria-label={t("sort.by", { column: label })}>
        {label}
        {active && <span aria-hidden="true">{dir === "asc" ? "▲" : "▼"}</span>}
      </Link>
    );
  };
  const ariaSort = (sort: ProjectSort) => {
    if ((query.sort ?? "updated") !== sort) return undefined;
    const dir = query.dir ?? (sort === "title" || sort === "followUp" || sort === "stage" ? "asc" : "desc");
    return dir === "asc" ? ("ascending" as const) : ("descending" as const);
  };

  const select = (name: keyof ProjectFilter, label: string, items: { id: number | string; label: string }[]) => (
    <div>
      <label htmlFor={`f-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={query[name] === undefined ? "" : String(query[name])} className={selectClass}>
        <option value="">{t("filters.any")}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.label}
          </option>
        ))}
      </select>
    </div>
  );
  const named = (items: { id: number; nameZh: string; nameEn: string | null }[]) => items.map((i) => ({ id: i.id, label: localName(i, locale) }));
  // A code outside the usual list (from a dashboard link) still shows as chosen.
  const countries = countryOptions(locale).map((c) => ({ id: c.value, label: c.label }));
  if (query.countryCode && !countries.some((c) => c.id === query.countryCode)) countries.push({ id: query.countryCode, label: countryName(query.countryCode, locale) });
  const hasFilters = narrowsList(query);

  // Half-open ranges [from, to) shown with their last day, as people read them.
  const range = (from: Date | undefined, to: Date | undefined) => {
    const last = to && formatDate(new Date(to.getTime() - 86_400_000), locale);
    if (from && last) return t("narrowing.range", { from: formatDate(from, locale), to: last });
    return from ? t("narrowing.since", { from: formatDate(from, locale) }) : t("narrowing.until", { to: last ?? "" });
  };
  const chip = (key: string, label: string, remove: Partial<Record<keyof ProjectFilter, undefined>>): Narrowing => ({
    key,
    label,
    removeHref: href(query, { ...remove, page: undefined }),
    removeLabel: t("narrowing.remove", { filter: label }),
  });
  const narrowing: Narrowing[] = [];
  if (query.stalled !== undefined) narrowing.push(chip("stalled", query.stalled ? t("narrowing.stalledBy", { days: query.stalled }) : t("narrowing.stalled"), { stalled: undefined }));
  if (query.signedFrom || query.signedTo) {
    narrowing.push(chip("signed", t("narrowing.signed", { range: range(query.signedFrom, query.signedTo) }), { signedFrom: undefined, signedTo: undefined }));
  }
  if (query.signings) {
    const reason = query.excludedBy === undefined ? "" : query.excludedBy === "sector" || query.excludedBy === "threshold" ? t(`narrowing.excludedBy.${query.excludedBy}`) : ((await listNotRecognisedReasons(db())).find((r) => String(r.id) === query.excludedBy) ?? null)?.[locale === "en" ? "nameEn" : "nameZh"] ?? "";
    narrowing.push(chip("signings", t("narrowing.signings", { which: query.signings, reason: reason || "none" }), { signings: undefined, excludedBy: undefined }));
  }
  if (query.minSignedCny !== undefined) {
    narrowing.push(chip("minSignedCny", t("narrowing.minSignedCny", { amount: formatCny(query.minSignedCny, locale) }), { minSignedCny: undefined }));
  }
  if (query.startedFrom || query.startedTo) {
    narrowing.push(chip("started", t("narrowing.started", { range: range(query.startedFrom, query.startedTo) }), { startedFrom: undefined, startedTo: undefined }));
  }
  if (query.delivery) {
    // Counted as of the day before the cutoff (default: today).
    const asOf = query.deliveryTo ? range(undefined, query.deliveryTo) : formatDate(todayDate(), locale);
    const figure = parseFigureSet(query.delivery);
    const set = figure ? tDelivery("figures.set", { side: figure.side, figure: tKinds(figure.kind) }) : t(`narrowing.deliverySets.${query.delivery}` as never);
    narrowing.push(chip("delivery", t("narrowing.delivery", { set, asOf }), { delivery: undefined, deliveryTo: undefined }));
  }
  if (query.reached) {
    const forward = query.reached === "ON_HOLD" || query.reached === "LOST" ? "no" : "yes";
    narrowing.push(chip("reached", t("narrowing.reached", { stage: tc(query.reached), forward, range: range(query.reachedFrom, query.reachedTo) }), { reached: undefined, reachedFrom: undefined, reachedTo: undefined }));
  }

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/projects/new" className={buttonClasses("primary")}>
            {t("new")}
          </Link>
        }
      />

      <form method="get" action="/projects" role="search" className="mb-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <label htmlFor="f-q" className={labelClass}>
              {t("search.label")}
            </label>
            <input id="f-q" type="search" name="q" defaultValue={query.q ?? ""} placeholder={t("search.placeholder")} className={selectClass} />
          </div>
          {query.sort && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir && <input type="hidden" name="dir" value={query.dir} />}
          {[...toSearchParams(Object.fromEntries(NARROWING_KEYS.map((key) => [key, query[key]])))].map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)}
          <button type="submit" className={buttonClasses("primary")}>
            {t("search.submit")}
          </button>
        </div>
        <details open={hasFilters}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("filters.legend")}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {select("stage", t("filters.stage"), STAGES.map((s) => ({ id: s, label: tc(s) })))}
            {select("sectorId", t("filters.sector"), named(options.sectors))}
            {select("chainId", t("filters.chain"), named(options.chains))}
            {manyUnits && select("unitId", t("filters.unit"), named(options.units))}
            {select("ownerId", t("filters.owner"), options.owners.map((o) => ({ id: o.id, label: o.name })))}
            {select("sourceId", t("filters.source"), named(options.sources))}
            {select("eventId", t("filters.event"), named(options.events))}
            {select("countryCode", t("filters.country"), countries)}
            {select("colour", t("filters.colour"), MILESTONE_COLOURS.map((c) => ({ id: c, label: tColours(c) })))}
            <div>
              <label htmlFor="f-minAmount" className={labelClass}>
                {t("filters.minAmount")}
              </label>
              <input id="f-minAmount" name="minAmount" inputMode="decimal" defaultValue={query.minAmount ?? ""} className={selectClass} />
            </div>
            <div>
              <label htmlFor="f-maxAmount" className={labelClass}>
                {t("filters.maxAmount")}
              </label>
              <input id="f-maxAmount" name="maxAmount" inputMode="decimal" defaultValue={query.maxAmount ?? ""} className={selectClass} />
            </div>
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue === true} />
              {t("filters.overdue")}
            </label>
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" name="highRisk" value="1" defaultChecked={query.highRisk === true} />
              {t("filters.highRisk")}
            </label>
          </div>
          <div className="mt-3 flex gap-2">
            <button type="submit" className={buttonClasses("secondary")}>
              {t("filters.apply")}
            </button>
            <Link href="/projects" className={buttonClasses("ghost")}>
              {t("filters.reset")}
            </Link>
          </div>
        </details>
      </form>

      <NarrowingFilters label={t("narrowing.label")} items={narrowing} />

      {hasFilters && <IssueForList user={user} query={query} total={list.total} totalIsAtLeast={list.totalIsAtLeast} units={options.units} locale={locale} />}

      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="project-count">
        {list.totalIsAtLeast ? t("countAtLeast", { total: list.total }) : t("count", { total: list.total })}
      </p>

      {list.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">{hasFilters ? t("empty.title") : t("empty.none")}</p>
          {hasFilters && <p className="mt-1 text-sm text-slate-600">{t("empty.body")}</p>}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" aria-sort={ariaSort("title")}>
                  {sortLink("title", t("columns.title"))}
                </th>
                <th scope="col">
                  {t("columns.company")}
                </th>
                <th scope="col" aria-sort={ariaSort("stage")}>
                  {sortLink("stage", t("columns.stage"))}
                </th>
                <th scope="col" className="text-right" aria-sort={ariaSort("amount")}>
                  {sortLink("amount", t("columns.amount"))}
                </th>
                <th scope="col">
                  {t("columns.owner")}
                </th>
                {manyUnits && (
                  <th scope="col">
                    {t("columns.unit")}
                  </th>
                )}
                <th scope="col" aria-sort={ariaSort("followUp")}>
                  {sortLink("followUp", t("columns.followUp"))}
                </th>
                <th scope="col" aria-sort={ariaSort("updated")}>
                  {sortLink("updated", t("columns.updated"))}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((p) => (
                <tr key={p.id} className={p.overdue ? "bg-red-50/60" : undefined}>
                  <td>
                    <Link href={`/projects/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    <div className="text-xs tabular-nums text-slate-500">{p.number}</div>
                    {p.highRisk && (
                      <HighRiskBadge text={t("highRisk")} label={t("highRiskLabel")} className="mt-0.5 mr-1" />
                    )}
                    {p.notRecognised && (
                      <span className="mt-0.5 inline-block rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900" data-testid="not-recognised">
                        {tsg("listBadge")}
                      </span>
                    )}
                  </td>
                  <td>{localName(p.company, locale)}</td>
                  <td>
                    <StageBadge stage={p.stage} label={tc(p.stage)} />
                    {p.colour && p.colour !== "GREEN" && (
                      <div className="mt-1">
                        <ColourBadge colour={p.colour} label={tColours(p.colour)} />
                      </div>
                    )}
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums">{formatCny(p.plannedInvestmentCny, locale)}</td>
                  <td>{p.owner.name}</td>
                  {manyUnits && <td>{localName(p.unit, locale)}</td>}
                  <td className="whitespace-nowrap">
                    {p.overdue ? (
                      <span className="font-medium text-red-700">
                        {formatDate(p.nextFollowUpOn, locale)} <span className="rounded bg-red-100 px-1 text-xs">{t("overdue")}</span>
                      </span>
                    ) : (
                      formatDate(p.nextFollowUpOn, locale)
                    )}
                  </td>
                  <td className="whitespace-nowrap text-slate-600">{formatDateTime(p.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(list.pageCount > 1 || list.hasNextPage) && (
        <nav aria-label={t("pagination.label")} className="mt-4 flex items-center justify-between text-sm">
          {list.page > 1 ? (
            <Link href={href(query, { page: list.page - 1 })} className={buttonClasses("secondary")} rel="prev">
              {t("pagination.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span>
            {list.totalIsAtLeast ? t("pagination.pageOfAtLeast", { page: list.page, pages: list.pageCount }) : t("pagination.pageOf", { page: list.page, pages: list.pageCount })}
          </span>
          {list.hasNextPage ? (
            <Link href={href(query, { page: list.page + 1 })} className={buttonClasses("secondary")} rel="next">
              {t("pagination.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
