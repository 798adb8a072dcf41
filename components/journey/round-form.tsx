"use client";

import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CancelButton } from "@/components/journey/cancel-button";
import { TextField } from "@/components/ui/text-field";
import { DateField } from "@/components/ui/date-field";
import { logRoundAction } from "@/app/(app)/projects/[id]/round-actions";
import { OTHER_LEADER, ROUND_FORMATS, ROUND_LIMITS, ROUND_TOPICS } from "@/lib/validation/round";
import type { LeaderOption } from "@/lib/data/rounds";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { submitOnCtrlEnter, useActionForm } from "@/components/ui/use-action-form";
import { useAddLoggedRound, useNextRoundNumber } from "@/components/projects/project-live";

type Props = {
  projectId: number;
  nextRoundNumber: number;
  /** Today (YYYY-MM-DD, the bureau's time zone): the default date and the earliest next meeting. */
  today: string;
  /** The officer logging the round: the default "our participants". */
  officerName: string;
  /** A lost project takes no rounds. */
  disabled?: boolean;
  /** Closes the form (the project page opens it on demand). */
  onCancel?: () => void;
  /** The LEADER list (admins maintain it). */
  leaders?: LeaderOption[];
};

/**
 * Logging a negotiation round in under a minute: the summary has the focus
 * when the form opens, everything else has a sensible default, Ctrl/⌘+Enter
 * saves.
 */
export function LogRoundForm({ projectId, nextRoundNumber: renderedNextNumber, today, officerName, disabled = false, onCancel, leaders = [] }: Props) {
  const t = useTranslations("journey.round");
  const tFormat = useTranslations("roundFormats");
  const locale = useLocale();
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  const [leader, setLeader] = useState("");
  // The page shows the logged round from the reply, without re-rendering (components/projects/project-live.tsx).
  const showLogged = useAddLoggedRound();
  const nextRoundNumber = useNextRoundNumber(renderedNextNumber);
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(logRoundAction, {
    onSuccess: (data, form) => {
      showLogged(data.entry, {
        version: data.projectVersion,
        roundCount: data.roundCount,
        lastRoundOn: data.lastRoundOn,
        nextFollowUpOn: data.nextFollowUpOn,
        overdue: data.overdue,
        nextRoundNumber: data.number + 1,
      });
      form.reset();
      setLeader("");
      summaryRef.current?.focus();
      return t("saved", { number: data.number });
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} onKeyDown={submitOnCtrlEnter} noValidate aria-labelledby="log-round-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="log-round-title" className="flex items-baseline justify-between gap-2 text-lg font-semibold text-slate-900">
        <span>{t("title")}</span>
        <span data-testid="next-round-number" className="text-sm font-medium text-slate-600">
          {t("number", { number: nextRoundNumber })}
        </span>
      </h3>
      {disabled && <p className="text-sm text-slate-600">{t("lostHint")}</p>}
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="requestId" value={requestId} />
      <fieldset disabled={disabled} className="space-y-4">
        <TextAreaField
          ref={summaryRef}
          name="summary"
          label={t("summary")}
          hint={t("summaryHint")}
          error={errorOf("summary")}
          rows={4}
          limit={ROUND_LIMITS.summary}
          required
          autoFocus={!disabled}
        />
        <fieldset aria-describedby={errorOf("topics") ? "round-topics-error" : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("topics")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {ROUND_TOPICS.map((topic) => (
              <label key={topic} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="topics[]" value={topic} className="h-4 w-4" />
                {t(`topicNames.${topic}`)}
              </label>
            ))}
          </div>
          {errorOf("topics") && (
            <p id="round-topics-error" className="mt-1 text-sm text-red-700">
              {errorOf("topics")}
            </p>
          )}
        </fieldset>
        <TextAreaField name="nextSteps" label={t("nextSteps")} error={errorOf("nextSteps")} rows={2} limit={ROUND_LIMITS.nextSteps} />
        <DateField name="nextMeetingOn" label={t("nextMeetingOn")} hint={t("nextMeetingHint")} error={errorOf("nextMeetingOn")} min={today} className="max-w-xs" />
        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="sr-only">{t("details")}</legend>
          <DateField name="heldOn" label={t("heldOn")} error={errorOf("heldOn")} defaultValue={today} max={today} required />
          <SelectField name="format" label={t("format")} error={errorOf("format")} defaultValue="VISIT_HERE">
            {ROUND_FORMATS.map((format) => (
              <option key={format} value={format}>
                {tFormat(format)}
              </option>
            ))}
          </SelectField>
          <TextField name="place" label={t("place")} error={errorOf("place")} maxLength={ROUND_LIMITS.place} />
          <SelectField name="leaderId" label={t("leader")} hint={t("leaderHint")} error={errorOf("leaderId")} value={leader} onChange={(e) => setLeader(e.target.value)}>
            <option value="">{t("leaderNone")}</option>
            {leaders.map((l) => (
              <option key={l.id} value={l.id}>
                {locale === "en" ? l.nameEn : l.nameZh}
              </option>
            ))}
            <option value={OTHER_LEADER}>{t("leaderOtherChoice")}</option>
          </SelectField>
          {leader === OTHER_LEADER && (
            <TextField name="leaderOther" label={t("leaderOther")} error={errorOf("leaderOther")} maxLength={ROUND_LIMITS.leaderOther} className="sm:col-span-2" />
          )}
          <TextField name="ourParticipants" label={t("ourParticipants")} error={errorOf("ourParticipants")} defaultValue={officerName} maxLength={ROUND_LIMITS.participants} className="sm:col-span-3" />
          <TextField name="investorParticipants" label={t("investorParticipants")} error={errorOf("investorParticipants")} maxLength={ROUND_LIMITS.participants} className="sm:col-span-3" />
        </fieldset>
      </fieldset>
      <FormSummary error={failure?.message} success={success} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || disabled}>
          {pending ? t("submitting") : t("submit", { number: nextRoundNumber })}
        </Button>
        <CancelButton onCancel={onCancel} />
      </div>
    </form>
  );
}
