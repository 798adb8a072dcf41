"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateMilestoneSettingsAction } from "@/app/(app)/admin/settings/actions";
import { STALL_STAGES, type StallLimits } from "@/lib/domain/stages";
import { STALL_LIMIT_FIELDS } from "@/lib/validation/settings";

/** N days and X% of the milestone colours (lib/domain/milestones.ts), and the stall limit of each stall stage (lib/domain/stages.ts). */
export function MilestoneSettingsForm(props: { warnDays: number; fundsBehindPercent: number; stallLimits: StallLimits; version: number }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("admin.common");
  const [version, setVersion] = useState(props.version);
  // The settings row's version is shared by the forms of this page: a save by the other one arrives as a new prop.
  useEffect(() => setVersion(props.version), [props.version]);
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(updateMilestoneSettingsAction, {
    onSuccess: (data) => {
      setVersion(data.version);
      return tc("saved");
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="milestone-settings-title" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="milestone-settings-title" className="text-lg font-semibold text-slate-900">
        {t("milestones")}
      </h2>
      <input type="hidden" name="version" value={version} />
      <TextField name="warnDays" label={t("warnDays")} hint={t("warnDaysHint")} error={errorOf("warnDays")} defaultValue={props.warnDays} inputMode="numeric" required />
      <TextField name="fundsBehindPercent" label={t("fundsBehindPercent")} hint={t("fundsBehindPercentHint")} error={errorOf("fundsBehindPercent")} defaultValue={props.fundsBehindPercent} inputMode="numeric" required />
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="pt-2 text-lg font-semibold text-slate-900">{t("stallLimits")}</legend>
        <p className="text-sm text-slate-600">{t("stallLimitsHint")}</p>
        {STALL_STAGES.map((stage) => (
          <TextField
            key={stage}
            name={STALL_LIMIT_FIELDS[stage]}
            label={t(`stallLimit.${stage}`)}
            error={errorOf(STALL_LIMIT_FIELDS[stage])}
            defaultValue={props.stallLimits[stage]}
            inputMode="numeric"
            required
          />
        ))}
      </fieldset>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? tc("saving") : tc("save")}
      </Button>
    </form>
  );
}
