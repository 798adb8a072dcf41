"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/text-field";
import { VersionedSettingsForm } from "@/components/ui/versioned-settings-form";
import { updateActivityWeightsAction } from "@/app/(app)/admin/targets/actions";
import { ACTIVITY_PARTS, type ActivityWeights } from "@/lib/domain/activity";

/** The activity index's weight per part (lib/domain/activity.ts). */
export function ActivityWeightsForm(props: { weights: ActivityWeights; version: number }) {
  const t = useTranslations("targets.activity");
  return (
    <VersionedSettingsForm id="activity-weights-title" title={t("weights.title")} description={t("weights.description")} version={props.version} action={updateActivityWeightsAction} saved={t("weights.saved")} saveLabel={t("weights.save")} refresh>
      {(errorOf) => (
        <div className="grid gap-3 sm:grid-cols-4">
          {ACTIVITY_PARTS.map((p) => (
            <TextField key={p} name={p} label={t("weights.weight", { part: t(`parts.${p}`) })} defaultValue={props.weights[p]} error={errorOf(p)} inputMode="decimal" />
          ))}
        </div>
      )}
    </VersionedSettingsForm>
  );
}
