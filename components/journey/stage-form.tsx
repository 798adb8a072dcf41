"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CancelButton } from "@/components/journey/cancel-button";
import { transitionStageAction } from "@/app/(app)/projects/[id]/stage-actions";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { AgreementKindOption } from "@/lib/validation/stage";
import { targetStages, type JourneyFacts } from "@/lib/domain/stages";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { StageFields } from "@/components/journey/stage-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { useProjectVersion } from "@/components/projects/project-live";

type Props = {
  projectId: number;
  version: number;
  stage: Stage;
  facts: JourneyFacts;
  agreementKinds: readonly AgreementKindOption[];
  today: string;
  /** Closes the form (the project page opens it on demand). */
  onCancel?: () => void;
};

/** Moving a project: pick the target stage, then fill only what that move needs. */
export function MoveStageForm({ projectId, version, stage, facts, agreementKinds, today, onCancel }: Props) {
  // A round logged on the page moved the project's version (components/projects/project-live.tsx).
  const projectVersion = useProjectVersion(version);
  const t = useTranslations("journey.stage");
  const ts = useTranslations("stages");
  const targets = targetStages(stage, facts);
  const [chosen, setChosen] = useState<Stage | "">("");
  const target = chosen && targets.includes(chosen) ? chosen : "";
  const router = useRouter();
  const { pending, failure, success, conflict, requestId, onSubmit, errorOf, reset } = useActionForm(transitionStageAction, {
    onSuccess: (data) => {
      setChosen("");
      return t("moved", { stage: ts(data.stage) });
    },
    // Fetch the project as it is now (new version); what the user typed stays in the form.
    onConflict: () => router.refresh(),
  });
  const conflictStage = conflict?.values.stage as Stage | undefined;

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="move-stage-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="move-stage-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-700" data-testid="current-stage">
        {t("current", { stage: ts(stage) })}
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="version" value={projectVersion} />
      <input type="hidden" name="requestId" value={requestId} />
      {targets.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noTargets")}</p>
      ) : (
        <>
          <SelectField
            name="toStage"
            label={t("target")}
            error={errorOf("toStage")}
            value={target}
            onChange={(e) => {
              setChosen(e.target.value as Stage | "");
              reset();
            }}
            className="max-w-xs"
            autoFocus
          >
            <option value="">{t("choose")}</option>
            {targets.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </SelectField>
          {target && <StageFields key={target} fromStage={stage} toStage={target} facts={facts} agreementKinds={agreementKinds} today={today} errorOf={errorOf} />}
        </>
      )}
      <FormSummary error={failure?.message} detail={conflictStage ? t("conflictCurrent", { stage: ts(conflictStage) }) : undefined} success={success} />
      <div className="flex flex-wrap gap-2">
        {targets.length > 0 && (
          <Button type="submit" disabled={pending || !target}>
            {pending ? t("submitting") : target ? t("submit", { stage: ts(target) }) : t("title")}
          </Button>
        )}
        <CancelButton onCancel={onCancel} />
      </div>
    </form>
  );
}
