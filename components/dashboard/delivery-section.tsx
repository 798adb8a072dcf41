/**
 * Delivery after signing: of the projects signed in the period, how many have
 * started construction and have funds in place; then the period's own starts
 * and funds.
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props } from "@/components/dashboard/section-props";

export async function DeliverySection({ delivery: d, locale, links }: Props<"delivery">) {
  const t = await getTranslations("dashboard.delivery");
  const rows: [string, React.ReactNode][] = [
    ["signed", formatCount(d.signed, locale)],
    ["started", t("ofSigned", { count: formatCount(d.started, locale), rate: formatPercent(d.startedRate, locale) })],
    ["funded", t("ofSigned", { count: formatCount(d.funded, locale), rate: formatPercent(d.fundedRate, locale) })],
    ["cohortFundsCny", formatCny(d.cohortFundsCny, locale)],
    ["cohortFundsUsd", formatUsd(d.cohortFundsUsd, locale)],
    ["startsInPeriod", <CountLink key="s" n={links.get("starts")} locale={locale} />],
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
