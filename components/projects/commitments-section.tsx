import { getLocale, getTranslations } from "next-intl/server";
import type { CommitmentsView, FigureRow, PromiseRow } from "@/lib/data/commitments";
import type { MilestoneSettings } from "@/lib/domain/milestones";
import { formatPercent } from "@/lib/format/numbers";
import { formatCny } from "@/lib/format/money";
import { FIGURE_KINDS, REPORTED_FIGURE_KINDS } from "@/lib/domain/milestones";
import { formatFigure } from "@/components/projects/figure-value";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { CommitmentForms } from "@/components/projects/commitment-forms";
import { ColourBadge } from "@/components/projects/colour-badge";

/**
 * 履约 on the project page of a signed project: the milestone plan
 * (供地 → 开工 → 投产 → 达产 → 入统) with due and actual dates and colours,
 * promised versus actual for the figures, and the forms that record them.
 * Renders nothing before the signing.
 */
export async function CommitmentsSection({
  projectId,
  view,
  settings,
  today,
  mayRecord,
}: {
  projectId: number;
  /** The project's commitments (getCommitments, read with the page: lib/data/project-page.ts getProjectPageView); null before the signing. */
  view: CommitmentsView | null;
  settings: MilestoneSettings;
  /** YYYY-MM-DD, the day the colours are as of. */
  today: string;
  mayRecord: boolean;
}) {
  if (!view) return null;
  const [t, td, locale] = await Promise.all([getTranslations("commitments"), getTranslations("delivery"), getLocale() as Promise<Locale>]);

  const value = (row: Pick<FigureRow, "unit">, v: string | null) => formatFigure(row.unit, v, locale, t);
  const history = (rows: PromiseRow[], show: (r: PromiseRow) => string) =>
    rows.map((h) => (
      <p key={h.id} className="text-xs text-slate-500">
        {t("history", { value: show(h), date: formatDate(h.replacedAt, locale) })}
      </p>
    ));

  const current = Object.fromEntries(
    [...view.milestones, ...view.figures].filter((r) => r.current).map((r) => [r.kind, { id: r.current!.id, version: r.current!.version }]),
  );

  return (
    <section aria-labelledby="commitments-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="commitments">
      <h2 id="commitments-title" className="mb-1 text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t("intro")}</p>

      <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("milestonesHeading")}</h3>
      <table className="mb-1 w-full text-left text-sm" data-testid="milestone-plan">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">{t("milestone")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("dueOn")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("reachedOn")}</th>
            <th scope="col" className="py-1 font-medium">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {view.milestones.map((m) => (
            <tr key={m.kind} className="border-t border-slate-100 align-top" data-testid={`milestone-${m.kind}`}>
              <th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">{t(`kinds.${m.kind}`)}</th>
              <td className="py-1.5 pr-3">
                {m.current?.dueOn ? formatDate(m.current.dueOn, locale) : <span className="text-slate-400">{t("notPromised")}</span>}
                {history(m.history, (h) => formatDate(h.dueOn, locale))}
              </td>
              <td className="py-1.5 pr-3">
                {m.reachedOn ? formatDate(m.reachedOn, locale) : <span className="text-slate-400">{t("notReached")}</span>}
                {m.kind === "CONSTRUCTION_START" && <p className="text-xs text-slate-500">{t("fromStart")}</p>}
              </td>
              <td className="py-1.5">{m.colour ? <ColourBadge colour={m.colour} label={t(`colours.${m.colour}`)} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mb-4 text-xs text-slate-500">
        {t("colourHint", { days: settings.warnDays, share: formatPercent(settings.fundsBehindShare, locale) })}
      </p>

      <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("figuresHeading")}</h3>
      <table className="mb-4 w-full text-left text-sm" data-testid="commitment-figures">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">{t("item")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("promised")}</th>
            <th scope="col" className="py-1 font-medium">{t("actual")}</th>
          </tr>
        </thead>
        <tbody>
          {view.figures.map((f) => (
            <tr key={f.kind} className="border-t border-slate-100 align-top" data-testid={`figure-${f.kind}`}>
              <th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">{t(`kinds.${f.kind}`)}</th>
              <td className="py-1.5 pr-3 tabular-nums">
                {f.current ? value(f, f.current.value) : <span className="text-slate-400">{t("notPromised")}</span>}
                {f.current?.dueOn && <span className="text-xs text-slate-500"> · {formatDate(f.current.dueOn, locale)}</span>}
                {history(f.history, (h) => value(f, h.value))}
              </td>
              <td className="py-1.5 tabular-nums">
                {value(f, f.actual)}
                {f.kind === "INVESTMENT_TOTAL" || f.kind === "FOREIGN_INVESTMENT" ? (
                  <p className="text-xs text-slate-500">{t("fromFunds")}</p>
                ) : (
                  f.actualOn && <p className="text-xs text-slate-500">{t("reportedBy", { date: formatDate(f.actualOn, locale), name: f.actualBy ?? "" })}</p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {view.years.length > 0 && (
        <>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{td("years.title")}</h3>
          <table className="mb-4 w-full text-left text-sm" data-testid="reported-by-year">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{td("years.year")}</th>
                {REPORTED_FIGURE_KINDS.map((k) => (
                  <th key={k} scope="col" className="py-1 pr-3 font-medium">{t(`kinds.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.years.map((y) => (
                <tr key={y.year} className="border-t border-slate-100" data-testid={`year-${y.year}`}>
                  <th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">{y.year}</th>
                  {REPORTED_FIGURE_KINDS.map((k) => (
                    <td key={k} className="py-1.5 pr-3 tabular-nums">{formatFigure(FIGURE_KINDS[k], y.values[k] ?? null, locale, t)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h3 className="mb-2 text-sm font-semibold text-slate-800">{td("perMu.title")}</h3>
      {view.perMu ? (
        <table className="mb-4 w-full text-left text-sm" data-testid="per-mu">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium"><span className="sr-only">{td("years.year")}</span></th>
              <th scope="col" className="py-1 pr-3 font-medium">{td("perMu.output")}</th>
              <th scope="col" className="py-1 font-medium">{td("perMu.tax")}</th>
            </tr>
          </thead>
          <tbody>
            {[{ key: "promised", label: td("perMu.promised"), ...view.perMu.promised }, ...view.perMu.years.map((y) => ({ key: String(y.year), label: td("perMu.year", { year: String(y.year) }), ...y }))].map((r) => (
              <tr key={r.key} className="border-t border-slate-100" data-testid={`per-mu-${r.key}`}>
                <th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">{r.label}</th>
                <td className="py-1.5 pr-3 tabular-nums">{r.output === null ? "—" : td("perMu.value", { amount: formatCny(r.output, locale) })}</td>
                <td className="py-1.5 tabular-nums">{r.tax === null ? "—" : td("perMu.value", { amount: formatCny(r.tax, locale) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mb-4 text-sm text-slate-500">{td("perMu.noLand")}</p>
      )}

      {mayRecord && <CommitmentForms projectId={projectId} today={today} current={current} />}
    </section>
  );
}
