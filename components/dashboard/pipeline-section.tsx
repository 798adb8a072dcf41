/**
 * "What may sign next": the open pipeline as of today (projects in intent and
 * negotiation, with planned value) and the largest projects in negotiation.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Dashboard } from "@/lib/data/dashboard";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import type { LinkedNumbers } from "@/components/dashboard/links";

export async function PipelineSection({ pipeline, locale, links }: { pipeline: Dashboard["pipeline"]; locale: Locale; links: LinkedNumbers }) {
  const [t, ts] = await Promise.all([getTranslations("dashboard"), getTranslations("stages")]);
  const date = (d: Date | null) => (d ? formatDate(d, locale) : "—");
  return (
    <Section id="pipeline" title={t("pipeline.title")} help={t("pipeline.help")}>
      <NumbersTable
        open
        caption={t("pipeline.byStage")}
        summary={t("table.show")}
        empty={t("table.empty")}
        columns={[
          { key: "stage", label: t("pipeline.stage") },
          { key: "count", label: t("pipeline.count"), numeric: true },
          { key: "cny", label: t("pipeline.plannedCny"), numeric: true },
          { key: "usd", label: t("pipeline.plannedUsd"), numeric: true },
        ]}
        rows={pipeline.byStage.map((s) => ({
          key: s.stage,
          cells: {
            stage: ts(s.stage),
            count: <CountLink n={links.get(`pipeline.${s.stage}`)} locale={locale} />,
            cny: formatCny(s.plannedCny, locale),
            usd: formatUsd(s.plannedUsd, locale),
          },
        }))}
      />
      <h3 className="mt-4 font-medium text-slate-800">{t("pipeline.closest")}</h3>
      <NumbersTable
        open
        caption={t("pipeline.closest")}
        summary={t("table.show")}
        empty={t("pipeline.none")}
        columns={[
          { key: "project", label: t("pipeline.project") },
          { key: "owner", label: t("pipeline.owner") },
          { key: "planned", label: t("pipeline.plannedCny"), numeric: true },
          { key: "rounds", label: t("pipeline.rounds"), numeric: true },
          { key: "last", label: t("pipeline.lastRound") },
          { key: "next", label: t("pipeline.nextFollowUp") },
        ]}
        rows={pipeline.closest.map((p) => ({
          key: p.id,
          cells: {
            project: (
              <Link href={`/projects/${p.id}`} className="text-brand-700 hover:underline">
                {p.title}
                <span className="block text-xs text-slate-500">{locale === "en" ? p.companyEn ?? p.companyZh : p.companyZh}</span>
              </Link>
            ),
            owner: p.ownerName,
            planned: p.plannedCny ? formatCny(p.plannedCny, locale) : "—",
            rounds: formatCount(p.roundCount, locale),
            last: date(p.lastRoundOn),
            next: date(p.nextFollowUpOn),
          },
        }))}
      />
    </Section>
  );
}
