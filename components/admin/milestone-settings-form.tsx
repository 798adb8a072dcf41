"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/text-field";
import { VersionedSettingsForm } from "@/components/ui/versioned-settings-form";
import { updateMilestoneSettingsAction } from "@/app/(app)/admin/settings/actions";
import { STALL_STAGES, type StallLimits } from "@/lib/domain/stages";
import { STALL_LIMIT_FIELDS } from "@/lib/validation/settings";

/** N days and X% of the milestone colours (lib/domain/milestones.ts), and the stall limit of each stall stage (lib/domain/stages.ts). */
export function MilestoneSettingsForm(props: { warnDays: number; fundsBehindPercent: number; stallLimits: StallLimits; version: number }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("admin.common");
  return (
    <VersionedSettingsForm id="milestone-settings-title" title={t("milestones")} version={props.version} action={updateMilestoneSettingsAction} saved={tc("saved")} saveLabel={tc("save")} savingLabel={tc("saving")} className="max-w-xl">
      {(errorOf) => (
        <>
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
        </>
      )}
    </VersionedSettingsForm>
  );
}
