/**
 * The conversion funnel: how many projects reached each stage in the period,
 * entered it and moved on, with the median days and rounds to signing and to
 * a construction start.
 */
import { getTranslations } from "next-intl/server";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { Chart, type ChartOption } from "@/components/dashboard/chart";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props } from "@/components/dashboard/section-props";

export async function FunnelSection({ funnel, locale, links }: Props<"funnel">) {
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
                  reached: <CountLink n={links.get(`funnel.${s.stage}`)} locale={locale} />,
                  entered: formatCount(s.entered, locale),
                  converted: formatCount(s.converted, locale),
                  rate: formatPercent(s.rate, locale),
                },
              })),
              { key: "ON_HOLD", cells: { stage: t("funnel.onHold"), entered: <CountLink n={links.get("funnel.ON_HOLD")} locale={locale} /> } },
              { key: "LOST", cells: { stage: t("funnel.lost"), entered: <CountLink n={links.get("funnel.LOST")} locale={locale} /> } },
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
