/**
 * The dashboard's sections: each chart followed by its numbers as a table,
 * every count linking to the project list behind it.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import Decimal from "decimal.js";
import type { Dashboard } from "@/lib/data/dashboard";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import { dateTimeFormat } from "@/lib/format/intl-cache";
import type { Locale } from "@/i18n/locales";
import { Chart, type ChartOption } from "@/components/dashboard/chart";
import { NumLink, NumbersTable, Section } from "@/components/dashboard/parts";
import type { ProjectsLink } from "@/components/dashboard/links";

type Props<K extends keyof Dashboard> = { locale: Locale; link: ProjectsLink } & Record<K, Dashboard[K]>;

const yi = (cny: string) => new Decimal(cny).div(1e8).toDecimalPlaces(2).toNumber();
const localName = (o: { nameZh: string | null; nameEn: string | null }, locale: Locale, fallback: string) =>
  (locale === "en" ? o.nameEn ?? o.nameZh : o.nameZh) ?? fallback;

export async function FunnelSection({ funnel, locale, link }: Props<"funnel">) {
  const [t, ts] = await Promise.all([getTranslations("dashboard"), getTranslations("stages")]);
  const option: ChartOption = {
    tooltip: { trigger: "item" },
    series: [
      {
        type: "funnel",
        sort: "none",
        minSize: "8%",
        left: "10%",
        width: "80%",
        label: { show: true, position: "inside" },
        data: funnel.stages.map((s) => ({ name: `${ts(s.stage)} ${s.reached}`, value: s.reached })),
      },
    ],
  };
  const median = (v: number | null, key: "days" | "rounds") => (v === null ? "—" : t(`funnel.${key}`, { [key]: formatCount(Math.round(v * 10) / 10, locale) }));
  return (
    <Section id="funnel" title={t("funnel.title")} help={t("funnel.help")}>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <Chart option={option} label={t("funnel.chart")} locale={locale} />
          <NumbersTable
            open
            caption={t("funnel.chart")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[
              { key: "stage", label: t("funnel.stage") },
              { key: "reached", label: t("funnel.reached"), numeric: true },
              { key: "entered", label: t("funnel.entered"), numeric: true },
              { key: "converted", label: t("funnel.converted"), numeric: true },
              { key: "rate", label: t("funnel.rate"), numeric: true },
            ]}
            rows={[
              ...funnel.stages.map((s) => ({
                key: s.stage,
                cells: {
                  stage: ts(s.stage),
                  reached: <NumLink href={link({ stage: s.stage })}>{formatCount(s.reached, locale)}</NumLink>,
                  entered: formatCount(s.entered, locale),
                  converted: formatCount(s.converted, locale),
                  rate: formatPercent(s.rate, locale),
                },
              })),
              { key: "ON_HOLD", cells: { stage: t("funnel.onHold"), entered: <NumLink href={link({ stage: "ON_HOLD" })}>{formatCount(funnel.onHold, locale)}</NumLink> } },
              { key: "LOST", cells: { stage: t("funnel.lost"), entered: <NumLink href={link({ stage: "LOST" })}>{formatCount(funnel.lost, locale)}</NumLink> } },
            ]}
          />
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("funnel.medians")}</h3>
          <dl className="mt-2 space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">{t("funnel.medianDaysToSign")}</dt>
              <dd className="text-lg font-semibold">{median(funnel.medianDaysToSign, "days")}</dd>
              <dd className="text-xs text-slate-500">{t("funnel.basisSigned", { count: funnel.signed })}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("funnel.medianRoundsToSign")}</dt>
              <dd className="text-lg font-semibold">{median(funnel.medianRoundsToSign, "rounds")}</dd>
              <dd className="text-xs text-slate-500">{t("funnel.basisSigned", { count: funnel.signed })}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("funnel.medianDaysToStart")}</dt>
              <dd className="text-lg font-semibold">{median(funnel.medianDaysToStart, "days")}</dd>
              <dd className="text-xs text-slate-500">{t("funnel.basisStarted", { count: funnel.started })}</dd>
            </div>
          </dl>
        </div>
      </div>
    </Section>
  );
}

export async function SignedSection({ signed, locale, link }: Props<"signed">) {
  const t = await getTranslations("dashboard");
  const { series, bySector, byUnit, byCountry } = signed;
  const bucketLabel = (d: Date) =>
    series.bucket === "quarter"
      ? `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`
      : dateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(d);
  const chartLabel = t("signed.chart", { bucket: t(`signed.bucket.${series.bucket}`) });
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { data: [t("signed.current"), t("signed.prior")] },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: "category", data: series.points.map((p) => bucketLabel(p.start)) },
    yAxis: { type: "value", name: t("signed.yi") },
    series: [
      { name: t("signed.current"), type: "bar", data: series.points.map((p) => yi(p.current.cny)) },
      { name: t("signed.prior"), type: "bar", data: series.points.map((p) => yi(p.prior.cny)) },
    ],
  };
  const topSectors = bySector.slice(0, 12);
  const sectorOption: ChartOption = {
    tooltip: { trigger: "axis" },
    grid: { left: 120, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "value", name: t("signed.yi") },
    yAxis: { type: "category", inverse: true, data: topSectors.map((s) => localName(s, locale, t("signed.noSector"))) },
    series: [{ type: "bar", data: topSectors.map((s) => yi(s.cny)) }],
  };
  const amountCols = [
    { key: "count", label: t("signed.count"), numeric: true },
    { key: "cny", label: t("signed.cny"), numeric: true },
    { key: "usd", label: t("signed.usd"), numeric: true },
  ];
  const amountCells = (r: { count: number; cny: string; usd: string }, href: string | null) => ({
    count: <NumLink href={href}>{formatCount(r.count, locale)}</NumLink>,
    cny: formatCny(r.cny, locale),
    usd: formatUsd(r.usd, locale),
  });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const region = (code: string) => {
    try {
      return regions.of(code.trim()) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <Section id="signed" title={t("signed.title")} help={t("signed.help")}>
      <Chart option={option} label={chartLabel} locale={locale} />
      <NumbersTable
        caption={chartLabel}
        summary={t("table.show")}
        empty={t("table.empty")}
        columns={[
          { key: "period", label: t("signed.period") },
          { key: "count", label: t("signed.count"), numeric: true },
          { key: "cny", label: t("signed.cny"), numeric: true },
          { key: "usd", label: t("signed.usd"), numeric: true },
          { key: "priorCount", label: t("signed.priorCount"), numeric: true },
          { key: "priorCny", label: t("signed.priorCny"), numeric: true },
        ]}
        rows={series.points.map((p) => ({
          key: p.start.toISOString(),
          cells: {
            period: bucketLabel(p.start),
            count: formatCount(p.current.count, locale),
            cny: formatCny(p.current.cny, locale),
            usd: formatUsd(p.current.usd, locale),
            priorCount: formatCount(p.prior.count, locale),
            priorCny: formatCny(p.prior.cny, locale),
          },
        }))}
      />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div>
          <h3 className="font-medium text-slate-800">{t("signed.bySector")}</h3>
          {topSectors.length > 0 && <Chart option={sectorOption} label={t("signed.sectorChart")} locale={locale} height={Math.max(160, topSectors.length * 28)} />}
          <NumbersTable
            caption={t("signed.bySector")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[{ key: "name", label: t("signed.sector") }, ...amountCols]}
            rows={bySector.map((r) => ({
              key: r.id ?? "none",
              cells: { name: localName(r, locale, t("signed.noSector")), ...amountCells(r, r.id ? link({ within: "signed", sectorId: r.id }) : null) },
            }))}
          />
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("signed.byUnit")}</h3>
          <NumbersTable
            open
            caption={t("signed.byUnit")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[{ key: "name", label: t("signed.unit") }, ...amountCols]}
            rows={byUnit.map((r) => ({ key: r.id ?? 0, cells: { name: localName(r, locale, "—"), ...amountCells(r, link({ within: "signed", unitId: r.id ?? undefined })) } }))}
          />
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("signed.byCountry")}</h3>
          <NumbersTable
            open
            caption={t("signed.byCountry")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[{ key: "name", label: t("signed.country") }, ...amountCols]}
            rows={byCountry.map((r) => ({ key: r.countryCode, cells: { name: region(r.countryCode), ...amountCells(r, link({ within: "signed", countryCode: r.countryCode.trim() })) } }))}
          />
        </div>
      </div>
    </Section>
  );
}

export async function BandsSection({ bands, locale, link }: Props<"bands">) {
  const t = await getTranslations("dashboard");
  return (
    <Section id="bands" title={t("bands.title")} help={t("bands.help")}>
      <NumbersTable
        open
        caption={t("bands.title")}
        summary={t("table.show")}
        empty={t("table.empty")}
        columns={[
          { key: "band", label: t("bands.band") },
          { key: "count", label: t("bands.count"), numeric: true },
          { key: "cny", label: t("bands.cny"), numeric: true },
          { key: "usd", label: t("bands.usd"), numeric: true },
        ]}
        rows={bands.map((b) => ({
          key: b.min,
          cells: {
            band: t("bands.atLeast", { amount: formatCny(b.min, locale) }),
            count: <NumLink href={link({ within: "signed", minSignedCny: b.min })}>{formatCount(b.count, locale)}</NumLink>,
            cny: formatCny(b.cny, locale),
            usd: formatUsd(b.usd, locale),
          },
        }))}
      />
    </Section>
  );
}

export async function DeliverySection({ delivery: d, locale, link }: Props<"delivery">) {
  const t = await getTranslations("dashboard.delivery");
  const rows: [string, React.ReactNode][] = [
    ["signed", formatCount(d.signed, locale)],
    ["started", t("ofSigned", { count: formatCount(d.started, locale), rate: formatPercent(d.startedRate, locale) })],
    ["funded", t("ofSigned", { count: formatCount(d.funded, locale), rate: formatPercent(d.fundedRate, locale) })],
    ["cohortFundsCny", formatCny(d.cohortFundsCny, locale)],
    ["cohortFundsUsd", formatUsd(d.cohortFundsUsd, locale)],
    ["startsInPeriod", <NumLink key="s" href={link({ within: "started" })}>{formatCount(d.startsInPeriod, locale)}</NumLink>],
    ["fundedProjectsInPeriod", formatCount(d.fundedProjectsInPeriod, locale)],
    ["fundsInPeriodCny", formatCny(d.fundsInPeriodCny, locale)],
    ["fundsInPeriodUsd", formatUsd(d.fundsInPeriodUsd, locale)],
  ];
  return (
    <Section id="delivery" title={t("title")} help={t("help")}>
      <NumbersTable
        open
        caption={t("title")}
        summary={(await getTranslations("dashboard.table"))("show")}
        empty="—"
        columns={[
          { key: "measure", label: t("measure") },
          { key: "value", label: t("value"), numeric: true },
        ]}
        rows={rows.map(([key, value]) => ({ key, cells: { measure: t(key), value } }))}
      />
    </Section>
  );
}

/** Officers listed before "show all": a city-wide scope has a hundred of them, most of the page's weight. */
export const OFFICERS_SHOWN = 20;

/** `allOfficersHref`: this dashboard with every officer listed, or null when they already are. */
export async function WorkSection({ work, locale, link, allOfficersHref }: Props<"work"> & { allOfficersHref: string | null }) {
  const t = await getTranslations("dashboard");
  const weekLabel = (d: Date) => formatDate(d, locale);
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: { type: "category", data: work.byWeek.map((w) => weekLabel(w.week)) },
    yAxis: { type: "value" },
    series: [{ type: "line", name: t("work.rounds"), data: work.byWeek.map((w) => w.rounds) }],
  };
  return (
    <Section id="work" title={t("work.title")}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="font-medium text-slate-800">{t("work.weekChart")}</h3>
          <Chart option={option} label={t("work.weekChart")} locale={locale} height={220} />
          <NumbersTable
            caption={t("work.weekChart")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[
              { key: "week", label: t("work.week") },
              { key: "rounds", label: t("work.rounds"), numeric: true },
            ]}
            rows={work.byWeek.map((w) => ({ key: w.week.toISOString(), cells: { week: weekLabel(w.week), rounds: formatCount(w.rounds, locale) } }))}
          />
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("work.stalledTitle")}</h3>
          <p className="text-xs text-slate-500">{t("work.stalledHelp")}</p>
          <NumbersTable
            open
            caption={t("work.asOf", { date: formatDate(work.today, locale) })}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[
              { key: "what", label: t("work.stalledTitle") },
              { key: "count", label: t("work.count"), numeric: true },
            ]}
            rows={[
              ...work.stalled.map((s) => ({
                key: `s${s.days}`,
                cells: { what: t("work.stalledDays", { days: s.days }), count: <NumLink href={link({ stalled: s.days })}>{formatCount(s.count, locale)}</NumLink> },
              })),
              { key: "overdue", cells: { what: t("work.overdue"), count: <NumLink href={link({ overdue: 1 })}>{formatCount(work.overdue, locale)}</NumLink> } },
            ]}
          />
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("work.byOwner")}</h3>
          <NumbersTable
            open
            caption={t("work.byOwner")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[
              { key: "name", label: t("work.officer") },
              { key: "rounds", label: t("work.rounds"), numeric: true },
              { key: "projects", label: t("work.projects"), numeric: true },
            ]}
            rows={(allOfficersHref ? work.byOwner.slice(0, OFFICERS_SHOWN) : work.byOwner).map((o) => ({
              key: o.id,
              cells: { name: o.name, rounds: formatCount(o.rounds, locale), projects: <NumLink href={link({ ownerId: o.id })}>{formatCount(o.projects, locale)}</NumLink> },
            }))}
          />
          {allOfficersHref && work.byOwner.length > OFFICERS_SHOWN && (
            <p className="mt-2 text-sm text-slate-600">
              {t("work.officersShown", { shown: OFFICERS_SHOWN })}{" "}
              <Link href={allOfficersHref} className="text-brand-700 hover:underline">
                {t("work.showAllOfficers", { count: work.byOwner.length })}
              </Link>
            </p>
          )}
        </div>
        <div>
          <h3 className="font-medium text-slate-800">{t("work.byUnit")}</h3>
          <NumbersTable
            open
            caption={t("work.byUnit")}
            summary={t("table.show")}
            empty={t("table.empty")}
            columns={[
              { key: "name", label: t("work.unit") },
              { key: "rounds", label: t("work.rounds"), numeric: true },
              { key: "projects", label: t("work.projects"), numeric: true },
            ]}
            rows={work.byUnit.map((u) => ({
              key: u.id,
              cells: { name: localName(u, locale, "—"), rounds: formatCount(u.rounds, locale), projects: <NumLink href={link({ unitId: u.id })}>{formatCount(u.projects, locale)}</NumLink> },
            }))}
          />
        </div>
      </div>
    </Section>
  );
}

export async function ChainsSection({ chains, locale }: { chains: Dashboard["chains"]; locale: Locale }) {
  const t = await getTranslations("dashboard");
  return (
    <Section id="chains" title={t("chains.title")} help={t("chains.help")}>
      <NumbersTable
        open
        caption={t("chains.title")}
        summary={t("table.show")}
        empty={t("table.empty")}
        columns={[
          { key: "anchor", label: t("chains.anchor") },
          { key: "drawn", label: t("chains.drawn"), numeric: true },
          { key: "planned", label: t("chains.planned"), numeric: true },
          { key: "signed", label: t("chains.signed"), numeric: true },
          { key: "contracted", label: t("chains.contracted"), numeric: true },
        ]}
        rows={chains.map((c) => ({
          key: c.anchorId,
          cells: {
            anchor: c.title ? (
              <Link href={`/projects/${c.anchorId}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>
            ) : (
              t("chains.hidden", { id: c.anchorId })
            ),
            drawn: c.title ? <NumLink href={`/projects/${c.anchorId}`}>{formatCount(c.drawn, locale)}</NumLink> : formatCount(c.drawn, locale),
            planned: formatCny(c.plannedCny, locale),
            signed: formatCount(c.signed, locale),
            contracted: formatCny(c.contractedCny, locale),
          },
        }))}
      />
    </Section>
  );
}

export async function EventsSection({ events, locale, link }: Props<"events">) {
  const t = await getTranslations("dashboard");
  return (
    <Section id="events" title={t("events.title")} help={t("events.help")}>
      <NumbersTable
        open
        caption={t("events.title")}
        summary={t("table.show")}
        empty={t("table.empty")}
        columns={[
          { key: "event", label: t("events.event") },
          { key: "startsOn", label: t("events.startsOn") },
          { key: "leads", label: t("events.leads"), numeric: true },
          { key: "signed", label: t("events.signed"), numeric: true },
          { key: "cny", label: t("events.signedCny"), numeric: true },
          { key: "usd", label: t("events.signedUsd"), numeric: true },
        ]}
        rows={events.map((e) => ({
          key: e.id,
          cells: {
            event: locale === "en" && e.nameEn ? e.nameEn : e.nameZh,
            startsOn: formatDate(e.startsOn, locale),
            leads: <NumLink href={link({ eventId: e.id })}>{formatCount(e.leads, locale)}</NumLink>,
            signed: formatCount(e.signed, locale),
            cny: formatCny(e.signedCny, locale),
            usd: formatUsd(e.signedUsd, locale),
          },
        }))}
      />
    </Section>
  );
}
