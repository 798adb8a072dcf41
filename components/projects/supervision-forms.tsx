"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DateField } from "@/components/ui/date-field";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { SUPERVISION_LIMITS } from "@/lib/domain/supervision";
import { answerSupervisionAction, closeSupervisionAction, issueSupervisionAction } from "@/app/(app)/projects/[id]/supervision-actions";

/** A manager's new supervision order: what must happen, by when, who answers (the owner by default). */
export function IssueSupervisionForm({ projectId, today, ownerId, assignees }: { projectId: number; today: string; ownerId: number; assignees: { id: number; name: string }[] }) {
  const t = useTranslations("supervision.issue");
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(issueSupervisionAction, {
    refresh: true,
    onSuccess: (_data, form) => {
      form.reset();
      return t("saved");
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t("title")} className="mt-3 space-y-3">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField name="requirement" label={t("requirement")} error={errorOf("requirement")} rows={3} limit={SUPERVISION_LIMITS.requirement} required />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField name="answerDueOn" label={t("answerDueOn")} error={errorOf("answerDueOn")} min={today} required />
        <SelectField name="assigneeId" label={t("assignee")} error={errorOf("assigneeId")} defaultValue={String(ownerId)} options={assignees.map((a) => ({ value: String(a.id), label: a.name }))} />
      </div>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

/** A step on an order: the assignee's plan or progress note, or the manager's resolve/escalate. */
export function SupervisionStepForm({ mode, orderId, version, number, kinds }: { mode: "answer" | "close"; orderId: number; version: number; number: number; kinds: string[] }) {
  const t = useTranslations(`supervision.${mode}`);
  const ts = useTranslations("supervision.step");
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(mode === "answer" ? answerSupervisionAction : closeSupervisionAction, {
    refresh: true,
    onSuccess: (_data, form) => {
      form.reset();
      return t("saved");
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t("title", { number })} className="mt-2 space-y-2 rounded border border-slate-200 p-3">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField name="kind" label={t("kind")} error={errorOf("kind")} options={kinds.map((k) => ({ value: k, label: ts(k as never) }))} />
      <TextAreaField name="body" label={t("body")} error={errorOf("body")} rows={3} limit={SUPERVISION_LIMITS.body} required />
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
