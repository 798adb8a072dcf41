/**
 * Size bands: signed projects at or above each amount, each count linking to
 * the list of those projects.
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props } from "@/components/dashboard/section-props";

export async function BandsSection({ bands, locale, links }: Props<"bands">) {
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
            count: <CountLink n={links.get(`band.${b.min}`)} locale={locale} />,
            cny: formatCny(b.cny, locale),
            usd: formatUsd(b.usd, locale),
          },
        }))}
      />
    </Section>
  );
}
