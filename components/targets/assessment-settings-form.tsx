"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { VersionedSettingsForm } from "@/components/ui/versioned-settings-form";
import { updateAssessmentSettingsAction } from "@/app/(app)/admin/targets/actions";
import { ASSESSMENT_METHODS } from "@/lib/domain/assessment";

/** The assessment's scoring method and its deduction per project late to start (lib/domain/assessment.ts). */
export function AssessmentSettingsForm(props: { method: string; deductionPerLateStart: number; version: number }) {
  const t = useTranslations("targets.assessment");
  return (
    <VersionedSettingsForm id="assessment-settings-title" title={t("title")} description={t("description")} version={props.version} action={updateAssessmentSettingsAction} saved={t("saved")} saveLabel={t("save")} savingLabel="…" refresh>
      {(errorOf) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField name="method" label={t("method")} defaultValue={props.method} error={errorOf("method")} options={ASSESSMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))} />
          <TextField name="deductionPerLateStart" label={t("deduction")} defaultValue={props.deductionPerLateStart} error={errorOf("deductionPerLateStart")} inputMode="decimal" />
        </div>
      )}
    </VersionedSettingsForm>
  );
}
