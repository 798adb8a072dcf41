/**
 * Promotion events starting in the period: their leads, and the leads signed
 * by now.
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props } from "@/components/dashboard/section-props";

export async function EventsSection({ events, locale, links }: Props<"events">) {
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
            leads: <CountLink n={links.get(`event.${e.id}`)} locale={locale} />,
            signed: formatCount(e.signed, locale),
            cny: formatCny(e.signedCny, locale),
            usd: formatUsd(e.signedUsd, locale),
          },
        }))}
      />
    </Section>
  );
}
