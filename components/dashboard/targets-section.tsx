/**
 * 目标完成: progress against the year's targets and against the share of the
 * year elapsed (ahead / behind pace, Asia/Shanghai day), for the city (or the
 * user's unit), then the units ranked on each measure. Counts link to their
 * projects (components/dashboard/links.ts); funds and foreign investment are
 * receipts and have no project-list link.
 */
import { getTranslations } from "next-intl/server";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { todayDate } from "@/lib/validation/fields";
import { MEASURE_KIND, TARGET_MEASURES, progressOf, rankOnMeasure, yearElapsed, type Measure } from "@/lib/domain/targets";
import type { UnitMeasures } from "@/lib/data/targets";
import type { Locale } from "@/i18n/locales";
import { NumLink, NumbersTable, Section } from "@/components/dashboard/parts";
import { type Props } from "@/components/dashboard/section-props";
import type { LinkedNumbers } from "@/components/dashboard/links";

const LINKED: readonly Measure[] = ["SIGNED", "SIGNED_100M", "STARTS"];

function value(m: Measure, v: string, locale: Locale): string {
  const kind = MEASURE_KIND[m];
  return kind === "count" ? formatCount(Number(v), locale) : kind === "CNY" ? formatCny(v, locale) : formatUsd(v, locale);
}

function actualCell(row: UnitMeasures, which: string, m: Measure, locale: Locale, links: LinkedNumbers) {
  const text = value(m, row.measures[m].actual, locale);
  // Only counts link (a linked number shows its count); amounts are read beside them.
  return LINKED.includes(m) ? <NumLink href={links.get(`target.${m}.${which}`).href}>{text}</NumLink> : text;
}

export async function TargetsSection({ targets, locale, links, now = new Date() }: Props<"targets"> & { now?: Date }) {
  const t = await getTranslations("targets.dashboard");
  const tm = await getTranslations("targets.measures");
  const show = (await getTranslations("dashboard.table"))("show");
  const today = todayDate(now);
  const elapsed = yearElapsed(targets.year, today);
  const head = targets.city ?? (targets.units.length === 1 ? targets.units[0] : null);
  const headKey = targets.city ? "city" : head ? String(head.unitId) : "";
  const name = (u: UnitMeasures) => (locale === "en" ? u.nameEn : u.nameZh);

  const progressRows = head
    ? TARGET_MEASURES.map((m) => {
        const { actual, target } = head.measures[m];
        const p = progressOf(Number(actual), target === null ? null : Number(target), elapsed);
        return {
          key: m,
          cells: {
            measure: tm(m),
            actual: actualCell(head, headKey, m, locale, links),
            target: target === null ? t("noTarget") : value(m, target, locale),
            share: p ? formatPercent(p.share, locale) : "—",
            expected: p && target !== null ? value(m, MEASURE_KIND[m] === "count" ? String(Math.round(p.expected * 100) / 100) : p.expected.toFixed(2), locale) : "—",
            pace: p ? <span data-pace={p.pace} className={p.pace === "behind" ? "text-red-700" : "text-green-800"}>{t(`paces.${p.pace}`)}</span> : "—",
          },
        };
      })
    : [];

  const ranks = Object.fromEntries(
    TARGET_MEASURES.map((m) => [m, rankOnMeasure(targets.units.map((u) => ({ id: u.unitId, actual: Number(u.measures[m].actual), target: u.measures[m].target === null ? null : Number(u.measures[m].target) })))]),
  ) as Record<Measure, Map<number, number>>;
  const rankingRows = [...targets.units]
    .sort((a, b) => ranks.SIGNED.get(a.unitId)! - ranks.SIGNED.get(b.unitId)! || a.unitId - b.unitId)
    .map((u) => ({
      key: u.unitId,
      cells: {
        unit: name(u),
        ...Object.fromEntries(
          TARGET_MEASURES.map((m) => {
            const { target } = u.measures[m];
            const share = target !== null && Number(target) > 0 ? formatPercent(Number(u.measures[m].actual) / Number(target), locale) : null;
            return [
              m,
              <span key={m}>
                {actualCell(u, String(u.unitId), m, locale, links)}
                {" / "}
                {target === null ? t("noTarget") : value(m, target, locale)}
                <span className="block text-xs text-slate-500">
                  {share ? `${t("cellShare", { share })} · ` : ""}
                  {t("rank", { rank: ranks[m].get(u.unitId)! })}
                </span>
              </span>,
            ];
          }),
        ),
      },
    }));

  const description = elapsed >= 1 ? t("descriptionPast", { year: targets.year }) : t("description", { year: targets.year, elapsed: formatPercent(elapsed, locale) });
  return (
    <Section id="targets" title={t("title")} help={description}>
      {head && (
        <NumbersTable
          open
          caption={t("whose", { unit: name(head) })}
          summary={show}
          empty="—"
          columns={[
            { key: "measure", label: t("measure") },
            { key: "actual", label: t("actual"), numeric: true },
            { key: "target", label: t("target"), numeric: true },
            { key: "share", label: t("share"), numeric: true },
            { key: "expected", label: t("expected"), numeric: true },
            { key: "pace", label: t("pace"), numeric: true },
          ]}
          rows={progressRows}
        />
      )}
      {targets.units.length > 1 && (
        <>
          <h3 className="mt-4 text-base font-semibold text-slate-900">{t("ranking")}</h3>
          <p className="text-sm text-slate-600">{t("rankingDescription")}</p>
          <NumbersTable
            open
            caption={t("ranking")}
            summary={show}
            empty="—"
            columns={[{ key: "unit", label: t("unit") }, ...TARGET_MEASURES.map((m) => ({ key: m, label: tm(m), numeric: true }))]}
            rows={rankingRows}
          />
        </>
      )}
    </Section>
  );
}
