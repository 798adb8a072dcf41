import { getLocale, getTranslations } from "next-intl/server";
import type { JourneyState, AgreementKind } from "@/lib/data/stage";
import type { LeaderOption } from "@/lib/data/rounds";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import { todayDate } from "@/lib/validation/fields";
import { isFunded, isPaused, takesRounds } from "@/lib/domain/stages";
import type { Locale } from "@/i18n/locales";
import { JourneyActions } from "@/components/journey/journey-actions";
import { LiveDate, LiveJourneyRounds } from "@/components/projects/project-live";

/**
 * The journey part of the project page: where the project stands, and the
 * forms that move it along — log a round, move the stage, record funds in
 * place — each opened on demand (JourneyActions). Its data comes with the
 * page's (lib/data/project-page.ts getProjectPageView: the state is read with
 * the project, the lists with the page's other pickers), read in the user's scope.
 */
export async function ProjectJourney({ state, agreementKinds, leaders, officerName }: { state: JourneyState; agreementKinds: AgreementKind[]; leaders: LeaderOption[]; officerName: string }) {
  const [t, ts, locale] = await Promise.all([getTranslations("journey"), getTranslations("stages"), getLocale() as Promise<Locale>]);
  const today = todayDate().toISOString().slice(0, 10);
  const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  const funded = isFunded(state.stage) && state.firstSignedOn !== null;

  return (
    <section aria-labelledby="journey-title" className="space-y-4" data-testid="project-journey">
      <h2 id="journey-title" className="text-xl font-semibold text-slate-900">
        {t("title")}
      </h2>
      <dl aria-label={t("facts.label")} className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("facts.stage")}</dt>
          <dd data-testid="journey-stage">
            <span className="font-medium">{ts(state.stage)}</span> <span className="text-slate-500">{t("facts.since", { date: formatDate(state.stageEnteredAt, locale) })}</span>
          </dd>
        </div>
        {isPaused(state.stage) && state.stageReason && (
          <div>
            <dt className="text-slate-500">{t("facts.reason")}</dt>
            <dd>{state.stageReason}</dd>
          </div>
        )}
        <div>
          <dt className="text-slate-500">{t("facts.rounds")}</dt>
          <dd data-testid="journey-round-count">
            <LiveJourneyRounds count={state.roundCount} lastRoundOn={iso(state.lastRoundOn)} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("facts.nextFollowUp")}</dt>
          <dd data-testid="journey-follow-up">
            <LiveDate field="nextFollowUpOn" value={iso(state.nextFollowUpOn)} />
          </dd>
        </div>
        {state.contract && (
          <div>
            <dt className="text-slate-500">{t("facts.contract")}</dt>
            <dd data-testid="journey-contract">
              {t("facts.contractValue", { date: formatDate(state.contract.signedOn, locale), amount: formatCny(state.contract.contractedInvestmentCny, locale) })}
            </dd>
          </div>
        )}
        {state.start && (
          <div>
            <dt className="text-slate-500">{t("facts.start")}</dt>
            <dd data-testid="journey-start">{formatDate(state.start.startedOn, locale)}</dd>
          </div>
        )}
        {state.funds.length > 0 && (
          <div>
            <dt className="text-slate-500">{t("facts.funds")}</dt>
            <dd data-testid="journey-funds">{state.funds.map((f) => (f.currency === "USD" ? formatUsd(f.total, locale) : formatCny(f.total, locale))).join(" + ")}</dd>
          </div>
        )}
      </dl>
      <JourneyActions
        round={{ projectId: state.id, nextRoundNumber: state.nextRoundNumber, today, officerName, disabled: !takesRounds(state.stage), leaders }}
        stage={{ projectId: state.id, version: state.version, stage: state.stage, facts: state.facts, agreementKinds, today }}
        funds={funded ? { projectId: state.id, today, signedOn: iso(state.firstSignedOn) } : null}
      />
    </section>
  );
}
