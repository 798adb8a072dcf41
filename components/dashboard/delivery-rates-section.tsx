/**
 * The delivery rates (lib/domain/delivery-rates.ts): overall, per unit as a
 * table a leader ranks by any rate (a header link re-sorts it: `rank=` in the
 * address, no script), and their trend by quarter of the year as a chart with
 * its table. Every numerator and denominator opens its projects.
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import { periodName } from "@/lib/domain/period";
import { RATES, RATE_NAMES, asOfDay, rate, rateOf, type RateName } from "@/lib/domain/delivery-rates";
import { FIGURE_KINDS } from "@/lib/domain/milestones";
import { formatFigure } from "@/components/projects/figure-value";
import type { RateCounts } from "@/lib/data/dashboard";
import { Chart, type ChartOption } from "@/components/dashboard/chart";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props, localName } from "@/components/dashboard/section-props";
import type { RateLink } from "@/components/dashboard/links";

/** `rank` from the address: a rate name, or the default (fulfilment). */
export const rankOf = (v: string | string[] | undefined): RateName => (RATE_NAMES.includes(v as RateName) ? (v as RateName) : "fulfilment");

type SectionProps = Props<"deliveryRates"> & { rank: RateName; rankHref: (rank: RateName) => string };

export async function DeliveryRatesSection({ deliveryRates: r, locale, links, rank, rankHref }: SectionProps) {
  const t = await getTranslations("dashboard.rates");
  const tt = await getTranslations("dashboard.table");
  const count = (key: string) => <CountLink n={links.get(key)} locale={locale} />;
  /** A rate's cell: the rate, then its numerator / denominator as links (amounts for funds). */
  const cell = (prefix: string, c: RateCounts, name: RateName) => {
    const { num, den } = RATES[name];
    const value = formatPercent(rateOf(c, name), locale);
    if (name === "fundsCny" || name === "fundsUsd") {
      const money = name === "fundsCny" ? formatCny : formatUsd;
      return (
        <>
          {value}
          <span className="block text-xs text-slate-500">
            {t("ofProjects", { numerator: money(c[num], locale), denominator: money(c[den], locale) })} · {count(`${prefix}.${name === "fundsCny" ? "fundedCny" : "fundedUsd"}`)}/{count(`${prefix}.signed`)}
          </span>
        </>
      );
    }
    return (
      <>
        {value}
        <span className="block text-xs text-slate-500">
          {count(`${prefix}.${num as RateLink}`)} / {count(`${prefix}.${den as RateLink}`)}
        </span>
      </>
    );
  };

  const overallRows: { key: string; cells: Record<string, React.ReactNode> }[] = RATE_NAMES.map((name) => ({ key: name, cells: { measure: t(`names.${name}`), parts: t(`parts.${name}`), value: cell("rates", r.overall, name) } }));
  overallRows.push({ key: "pastDue", cells: { measure: t("names.pastDue"), parts: t("parts.pastDue"), value: count("rates.pastDue") } });

  // Ranked: highest rate first, units without the rate's denominator last.
  const ranked = [...r.byUnit].sort((a, b) => (rateOf(b, rank) ?? -1) - (rateOf(a, rank) ?? -1) || a.id - b.id);
  const header = (name: RateName) => (
    <a href={rankHref(name)} aria-label={t("rankBy", { column: t(`names.${name}`) })}>
      {t(`names.${name}`)}
      {rank === name && <span aria-hidden="true"> ▼</span>}
    </a>
  );

  const year = r.trend[0]?.period.from.getUTCFullYear();
  const trendNames: RateName[] = ["fulfilment", "started", "producing"];
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { data: trendNames.map((n) => t(`names.${n}`)) },
    grid: { left: 50, right: 20, top: 56, bottom: 32 },
    xAxis: { type: "category", data: r.trend.map((q) => periodName(q.label, locale)) },
    yAxis: { type: "value", name: "%", min: 0, max: 100 },
    series: trendNames.map((n) => ({ name: t(`names.${n}`), type: "line", connectNulls: false, data: r.trend.map((q) => pct(rateOf(q, n))) })),
  };

  // Promised against actual, per figure: each amount with the count of its projects (a link).
  const tf = await getTranslations("delivery.figures");
  const tk = await getTranslations("commitments");
  const figureRows = r.figures.map((f) => ({
    key: f.kind,
    cells: {
      figure: tk(`kinds.${f.kind}`),
      promised: (
        <>
          {f.promisedProjects > 0 ? formatFigure(FIGURE_KINDS[f.kind], f.promised, locale, tk) : "—"}
          <span className="block text-xs text-slate-500">{count(`rates.figure.${f.kind}.promised`)}</span>
        </>
      ),
      reached: (
        <>
          {f.reachedProjects > 0 ? formatFigure(FIGURE_KINDS[f.kind], f.reached, locale, tk) : "—"}
          <span className="block text-xs text-slate-500">{count(`rates.figure.${f.kind}.reached`)}</span>
        </>
      ),
      share: formatPercent(rate(f.reached, f.promised), locale),
    },
  }));

  return (
    <Section id="delivery-rates" title={t("title")} help={t("help")}>
      <p className="text-sm text-slate-600">{t("asOf", { date: formatDate(asOfDay(r.cutoff), locale) })}</p>
      <NumbersTable
        open
        caption={t("title")}
        summary={tt("show")}
        empty="—"
        columns={[
          { key: "measure", label: t("measure") },
          { key: "parts", label: `${t("numerator")} / ${t("denominator")}` },
          { key: "value", label: t("rate"), numeric: true },
        ]}
        rows={overallRows}
      />
      <h3 className="mt-6 font-medium text-slate-800">{tf("title")}</h3>
      <p className="text-xs text-slate-500">{tf("help")}</p>
      <NumbersTable
        open
        caption={tf("title")}
        summary={tt("show")}
        empty="—"
        columns={[
          { key: "figure", label: tf("figure") },
          { key: "promised", label: `${tf("promised")} · ${tf("promisedProjects")}`, numeric: true },
          { key: "reached", label: `${tf("reached")} · ${tf("reachedProjects")}`, numeric: true },
          { key: "share", label: tf("share"), numeric: true },
        ]}
        rows={figureRows}
      />
      <h3 className="mt-6 font-medium text-slate-800">{t("byUnit")}</h3>
      <NumbersTable
        open
        caption={t("byUnit")}
        summary={tt("show")}
        empty={tt("empty")}
        columns={[
          { key: "rank", label: t("rank"), numeric: true },
          { key: "unit", label: t("unit") },
          ...RATE_NAMES.map((name) => ({ key: name, label: header(name), numeric: true, sort: rank === name ? ("descending" as const) : undefined })),
          { key: "pastDue", label: t("names.pastDue"), numeric: true },
        ]}
        rows={ranked.map((u, i) => ({
          key: u.id,
          cells: {
            rank: formatCount(i + 1, locale),
            unit: localName(u, locale, "—"),
            ...Object.fromEntries(RATE_NAMES.map((name) => [name, cell(`rates.unit.${u.id}`, u, name)])),
            pastDue: count(`rates.unit.${u.id}.pastDue`),
          },
        }))}
      />
      <h3 className="mt-6 font-medium text-slate-800">{t("trend")}</h3>
      {r.trend.length > 0 && <Chart option={option} label={t("trendChart", { year: String(year) })} locale={locale} />}
      <NumbersTable
        caption={t("trendChart", { year: String(year ?? "") })}
        summary={tt("show")}
        empty={tt("empty")}
        columns={[
          { key: "quarter", label: t("quarter") },
          ...RATE_NAMES.map((name) => ({ key: name, label: t(`names.${name}`), numeric: true })),
          { key: "pastDue", label: t("names.pastDue"), numeric: true },
        ]}
        rows={r.trend.map((q) => ({
          key: q.label,
          cells: {
            quarter: periodName(q.label, locale),
            ...Object.fromEntries(RATE_NAMES.map((name) => [name, cell(`rates.quarter.${q.label}`, q, name)])),
            pastDue: count(`rates.quarter.${q.label}.pastDue`),
          },
        }))}
      />
    </Section>
  );
}
