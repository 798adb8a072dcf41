/**
 * The officers' work: negotiation rounds by week, stalled and overdue
 * projects, and rounds and projects by officer and by unit.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import { Chart, type ChartOption } from "@/components/dashboard/chart";
import { CountLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props, localName } from "@/components/dashboard/section-props";

/** Officers listed before "show all": a city-wide scope has a hundred of them, most of the page's weight. */
export const OFFICERS_SHOWN = 20;

/** `allOfficersHref`: this dashboard with every officer listed, or null when they already are. */
export async function WorkSection({ work, locale, links, allOfficersHref }: Props<"work"> & { allOfficersHref: string | null }) {
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
                cells: { what: s.days ? t("work.stalledDays", { days: s.days }) : t("work.stalledPast"), count: <CountLink n={links.get(`stalled.${s.days}`)} locale={locale} /> },
              })),
              { key: "overdue", cells: { what: t("work.overdue"), count: <CountLink n={links.get("overdue")} locale={locale} /> } },
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
              cells: { name: o.name, rounds: formatCount(o.rounds, locale), projects: <CountLink n={links.get(`owner.${o.id}`)} locale={locale} /> },
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
              cells: { name: localName(u, locale, "—"), rounds: formatCount(u.rounds, locale), projects: <CountLink n={links.get(`unit.${u.id}`)} locale={locale} /> },
            }))}
          />
        </div>
      </div>
    </Section>
  );
}
