"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateAssessmentSettingsAction } from "@/app/(app)/admin/targets/actions";
import { ASSESSMENT_METHODS } from "@/lib/domain/assessment";

/** The assessment's scoring method and its deduction per project late to start (lib/domain/assessment.ts). */
export function AssessmentSettingsForm(props: { method: string; deductionPerLateStart: number; version: number }) {
  const t = useTranslations("targets.assessment");
  const [version, setVersion] = useState(props.version);
  // The installation settings share one version: a save of the other form on this page moves it (the page refreshes).
  useEffect(() => setVersion(props.version), [props.version]);
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(updateAssessmentSettingsAction, {
    refresh: true,
    onSuccess: (data) => {
      setVersion(data.version);
      return t("saved");
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="assessment-settings-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="assessment-settings-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t("description")}</p>
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="method" label={t("method")} defaultValue={props.method} error={errorOf("method")} options={ASSESSMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))} />
        <TextField name="deductionPerLateStart" label={t("deduction")} defaultValue={props.deductionPerLateStart} error={errorOf("deductionPerLateStart")} inputMode="decimal" />
      </div>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? "…" : t("save")}
      </Button>
    </form>
  );
}
