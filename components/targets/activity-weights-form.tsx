"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateActivityWeightsAction } from "@/app/(app)/admin/targets/actions";
import { ACTIVITY_PARTS, type ActivityWeights } from "@/lib/domain/activity";

/** The activity index's weight per part (lib/domain/activity.ts). */
export function ActivityWeightsForm(props: { weights: ActivityWeights; version: number }) {
  const t = useTranslations("targets.activity");
  const [version, setVersion] = useState(props.version);
  // The installation settings share one version: a save of the other form on this page moves it (the page refreshes).
  useEffect(() => setVersion(props.version), [props.version]);
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(updateActivityWeightsAction, {
    refresh: true,
    onSuccess: (data) => {
      setVersion(data.version);
      return t("weights.saved");
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="activity-weights-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="activity-weights-title" className="text-lg font-semibold text-slate-900">
        {t("weights.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("weights.description")}</p>
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-4">
        {ACTIVITY_PARTS.map((p) => (
          <TextField key={p} name={p} label={t("weights.weight", { part: t(`parts.${p}`) })} defaultValue={props.weights[p]} error={errorOf(p)} inputMode="decimal" />
        ))}
      </div>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {t("weights.save")}
      </Button>
    </form>
  );
}
