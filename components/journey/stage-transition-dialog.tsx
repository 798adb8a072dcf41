"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { stageMoveContextAction, transitionStageAction } from "@/app/(app)/projects/[id]/stage-actions";
import type { TransitionResult } from "@/lib/data/stage";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { AgreementKindOption } from "@/lib/validation/stage";
import { planMove, type JourneyFacts } from "@/lib/domain/stages";
import { FormSummary } from "@/components/ui/form-summary";
import { StageFields } from "@/components/journey/stage-fields";
import { todayYmd } from "@/lib/validation/fields";
import { useActionForm } from "@/components/ui/use-action-form";

export type StageTransitionDialogProps = {
  projectId: number;
  /** The project's version as the caller loaded it (a stale one gets the conflict message). */
  version: number;
  fromStage: Stage;
  toStage: Stage;
  agreementKinds: readonly AgreementKindOption[];
  /** Called with the move's result after a success, or with null when the user cancels (Esc, Cancel). */
  onDone: (result: TransitionResult | null) => void;
  /** The project's journey facts if the caller has them; otherwise the dialog loads them. */
  facts?: JourneyFacts;
  /** Shown in the title when given. */
  projectTitle?: string;
};

/**
 * A modal stage move for a given target stage, with exactly the fields that
 * move needs and the same rules as the project page's form. Mount it to open
 * it (e.g. when a card is dropped on a column, or moved there by keyboard);
 * it calls onDone when finished, and the caller unmounts it.
 */
export function StageTransitionDialog({ projectId, version, fromStage, toStage, agreementKinds, onDone, facts: givenFacts, projectTitle }: StageTransitionDialogProps) {
  const t = useTranslations("journey");
  const ts = useTranslations("stages");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [facts, setFacts] = useState<JourneyFacts | null>(givenFacts ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [today] = useState(() => todayYmd());
  const done = useRef(false);
  const finish = (result: TransitionResult | null) => {
    if (done.current) return;
    done.current = true;
    dialogRef.current?.close();
    onDone(result);
  };
  const { pending, failure, conflict, requestId, onSubmit, errorOf } = useActionForm(transitionStageAction, { onSuccess: (data) => finish(data) });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const te = useTranslations("errors");
  const failed = useRef(te("serverBody"));
  const needFacts = !givenFacts;
  useEffect(() => {
    if (!needFacts) return;
    let live = true;
    stageMoveContextAction(projectId).then(
      (context) => {
        if (!live) return;
        if (context.ok) setFacts(context.data.facts);
        else setLoadError(context.message);
      },
      () => live && setLoadError(failed.current),
    );
    return () => {
      live = false;
    };
  }, [needFacts, projectId]);

  const plan = facts ? planMove(fromStage, toStage, facts) : null;
  const conflictStage = conflict?.values.stage as Stage | undefined;
  const title = projectTitle ? t("stage.dialogTitle", { title: projectTitle, stage: ts(toStage) }) : t("stage.dialogTitleShort", { stage: ts(toStage) });

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`stage-dialog-title-${projectId}`}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) finish(null);
      }}
      className="w-full max-w-xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4 p-5">
        <h2 id={`stage-dialog-title-${projectId}`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{t("stage.current", { stage: ts(fromStage) })}</p>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="toStage" value={toStage} />
        {loadError ? (
          <p role="alert" className="text-sm text-red-700">
            {loadError}
          </p>
        ) : facts ? (
          <StageFields fromStage={fromStage} toStage={toStage} facts={facts} agreementKinds={agreementKinds} today={today} errorOf={errorOf} autoFocus />
        ) : (
          <p className="text-sm text-slate-600">{t("stage.loading")}</p>
        )}
        <FormSummary error={failure?.message} detail={conflictStage ? t("stage.conflictCurrent", { stage: ts(conflictStage) }) : undefined} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => finish(null)} disabled={pending}>
            {t("stage.cancel")}
          </Button>
          {plan?.ok && (
            <Button type="submit" disabled={pending}>
              {pending ? t("stage.submitting") : t("stage.submit", { stage: ts(toStage) })}
            </Button>
          )}
        </div>
      </form>
    </dialog>
  );
}
