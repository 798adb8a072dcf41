/**
 * The activity index (lib/domain/activity.ts): units ranked on the period's
 * index with each part's count, and the index per ISO week as a trend chart
 * with its numbers as a table. The weights are the admin's, read fresh on
 * each page (the counts are cached with the activity half).
 */
import { getTranslations } from "next-intl/server";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import { ACTIVITY_PARTS, activityIndex, type ActivityCounts, type ActivityWeights } from "@/lib/domain/activity";
import type { ActivityRow } from "@/lib/data/activity";
import type { Locale } from "@/i18n/locales";
import { NumbersTable, Section } from "@/components/dashboard/parts";
import { Chart, type ChartOption } from "@/components/dashboard/chart";

const zero = (): ActivityCounts => Object.fromEntries(ACTIVITY_PARTS.map((p) => [p, 0])) as ActivityCounts;
const fmt = (n: number, locale: Locale) => (Number.isInteger(n) ? formatCount(n, locale) : n.toFixed(2));

export async function ActivitySection({ activity, weights, locale }: { activity: ActivityRow[]; weights: ActivityWeights; locale: Locale }) {
  const t = await getTranslations("targets.activity");
  const show = (await getTranslations("dashboard.table"))("show");
  const units = new Map<number, { name: string; counts: ActivityCounts }>();
  const weeks = new Map<string, Map<number, number>>();
  for (const r of activity) {
    const u = units.get(r.unitId) ?? { name: locale === "en" ? r.nameEn : r.nameZh, counts: zero() };
    for (const p of ACTIVITY_PARTS) u.counts[p] += r.counts[p];
    units.set(r.unitId, u);
    const key = r.week.toISOString().slice(0, 10);
    const w = weeks.get(key) ?? new Map<number, number>();
    w.set(r.unitId, activityIndex(r.counts, weights));
    weeks.set(key, w);
  }
  const ranked = [...units.entries()].map(([id, u]) => ({ id, ...u, index: activityIndex(u.counts, weights) })).sort((a, b) => b.index - a.index || a.id - b.id);
  const weekKeys = [...weeks.keys()].sort();
  const weekLabel = (k: string) => formatDate(new Date(`${k}T00:00:00Z`), locale);
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { type: "scroll" },
    grid: { top: 40, left: 40, right: 16, bottom: 30 },
    xAxis: { type: "category", data: weekKeys.map(weekLabel) },
    yAxis: { type: "value" },
    series: ranked.map((u) => ({ type: "line", name: u.name, data: weekKeys.map((k) => weeks.get(k)!.get(u.id) ?? 0) })),
  };
  return (
    <Section id="activity" title={t("title")} help={t("description")}>
      <NumbersTable
        open
        caption={t("ranking")}
        summary={show}
        empty="—"
        columns={[{ key: "unit", label: t("unit") }, ...ACTIVITY_PARTS.map((p) => ({ key: p, label: t(`parts.${p}`), numeric: true })), { key: "index", label: t("index"), numeric: true }]}
        rows={ranked.map((u) => ({ key: u.id, cells: { unit: u.name, ...Object.fromEntries(ACTIVITY_PARTS.map((p) => [p, formatCount(u.counts[p], locale)])), index: fmt(u.index, locale) } }))}
      />
      {weekKeys.length > 0 && (
        <>
          <h3 className="mt-4 font-medium text-slate-800">{t("trend")}</h3>
          <Chart option={option} label={t("trend")} locale={locale} height={240} />
          <NumbersTable
            caption={t("trend")}
            summary={show}
            empty="—"
            columns={[{ key: "week", label: t("week") }, ...ranked.map((u) => ({ key: String(u.id), label: u.name, numeric: true }))]}
            rows={weekKeys.map((k) => ({ key: k, cells: { week: weekLabel(k), ...Object.fromEntries(ranked.map((u) => [String(u.id), fmt(weeks.get(k)!.get(u.id) ?? 0, locale)])) } }))}
          />
        </>
      )}
    </Section>
  );
}
