/**
 * The project page's industrial chain: the project's anchor, and the chain it
 * drew counted and valued city-wide. Projects outside the reader's scope show
 * only their unit and stage (lib/data/anchors.ts decides what reaches here).
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { AnchorOf, Chain } from "@/lib/data/anchors";
import { formatCny } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { StageBadge } from "@/components/projects/stage-badge";
import { localName } from "@/components/projects/names";

export async function ChainSection({ anchor, drawn, locale }: { anchor: AnchorOf | null; drawn: Chain; locale: Locale }) {
  const [t, ts] = await Promise.all([getTranslations("projects"), getTranslations("stages")]);
  const outside = drawn.projects.filter((d) => !d.inScope).length;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="chain">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{t("chain.heading")}</h2>
      <h3 className="text-sm font-medium text-slate-700">{t("chain.anchor")}</h3>
      <p className="mb-3 text-sm" data-testid="chain-anchor">
        {anchor === null
          ? t("chain.noAnchor")
          : anchor.visible
            ? (
                <Link href={`/projects/${anchor.visible.id}`} className="text-brand-700 hover:underline">
                  {anchor.title}
                </Link>
              )
            : t("chain.anchorOutside", { title: anchor.title, unit: localName(anchor.unit, locale) })}
      </p>
      <h3 className="text-sm font-medium text-slate-700" data-testid="chain-count">
        {t("chain.drawn", { count: formatCount(drawn.count, locale) })}
      </h3>
      {drawn.count === 0 ? (
        <p className="text-sm text-slate-600">{t("chain.noneDrawn")}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700" data-testid="chain-total">
            {t("chain.total", { amount: formatCny(drawn.plannedInvestmentCny, locale) })}
          </p>
          {outside > 0 && <p className="mt-1 text-xs text-slate-500">{t("chain.outsideNote", { count: outside })}</p>}
          <ul className="mt-2 space-y-1 text-sm" aria-label={t("chain.listLabel")}>
            {drawn.projects.map((d, i) => (
              <li key={d.inScope ? d.id : `outside-${i}`} className="flex flex-wrap items-center justify-between gap-2">
                {d.inScope ? (
                  <Link href={`/projects/${d.id}`} className="text-brand-700 hover:underline">
                    {d.title}
                  </Link>
                ) : (
                  <span className="text-slate-600" data-testid="chain-outside">
                    {t("chain.outsideRow", { unit: localName(d.unit, locale) })}
                  </span>
                )}
                <StageBadge stage={d.stage} label={ts(d.stage)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
