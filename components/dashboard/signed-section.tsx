/**
 * Signed value: the period's signings against the same period a year before,
 * then by sector, unit and investor country (yuan and US dollars apart).
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { countryName } from "@/lib/validation/countries";
import { formatMonth } from "@/lib/format/dates";
import { periodName } from "@/lib/domain/period";
import { Chart, type ChartOption } from "@/components/dashboard/chart";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props, localName, yi } from "@/components/dashboard/section-props";

export async function SignedSection({ signed, locale, links }: Props<"signed">) {
  const t = await getTranslations("dashboard");
  const { series, bySector, byUnit, byCountry } = signed;
  const bucketLabel = (d: Date) =>
    series.bucket === "quarter" ? periodName(`${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`, locale) : formatMonth(d, locale);
  const chartLabel = t("signed.chart", { bucket: t(`signed.bucket.${series.bucket}`) });
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { data: [t("signed.current"), t("signed.prior")] },
    grid: { left: 60, right: 20, top: 56, bottom: 32 },
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
  /** A row's cells; its count links to the projects it counts, unless `key` is null (signed without a sector). */
  const amountCells = (r: { count: number; cny: string; usd: string }, key: string | null) => ({
    count: key === null ? formatCount(r.count, locale) : <CountLink n={links.get(key)} locale={locale} />,
    cny: formatCny(r.cny, locale),
    usd: formatUsd(r.usd, locale),
  });
  const region = (code: string) => countryName(code, locale);
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
              cells: { name: localName(r, locale, t("signed.noSector")), ...amountCells(r, r.id === null ? null : `signed.sector.${r.id}`) },
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
            rows={byUnit.map((r) => ({ key: r.id ?? 0, cells: { name: localName(r, locale, "—"), ...amountCells(r, r.id === null ? null : `signed.unit.${r.id}`) } }))}
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
            rows={byCountry.map((r) => ({ key: r.countryCode, cells: { name: region(r.countryCode), ...amountCells(r, `signed.country.${r.countryCode}`) } }))}
          />
        </div>
      </div>
    </Section>
  );
}
