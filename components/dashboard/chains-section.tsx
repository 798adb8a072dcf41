/**
 * Industrial chains: the projects each anchor project drew, by the end of the
 * period. An anchor outside the user's scope shows only its number.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Dashboard } from "@/lib/data/dashboard";
import { formatCny } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import { NumLink, NumbersTable, Section } from "@/components/dashboard/parts";

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
            anchor: c.inScope ? (
              <Link href={`/projects/${c.anchorId}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>
            ) : (
              c.title
            ),
            drawn: c.inScope ? <NumLink href={`/projects/${c.anchorId}`}>{formatCount(c.drawn, locale)}</NumLink> : formatCount(c.drawn, locale),
            planned: formatCny(c.plannedCny, locale),
            signed: formatCount(c.signed, locale),
            contracted: formatCny(c.contractedCny, locale),
          },
        }))}
      />
    </Section>
  );
}
