"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DateField } from "@/components/ui/date-field";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { SUPERVISION_LIMITS } from "@/lib/domain/supervision";
import { issueSupervisionAction } from "@/app/(app)/projects/[id]/supervision-actions";

/**
 * The project list's "one order for these projects": the list's filter goes as
 * its query and the server resolves it to the set when issuing (then frozen).
 * Who answers: the unit's manager by default, or a named user of the unit.
 */
export function IssueForListForm({ unitId, query, today, assignees }: { unitId: number; query: string; today: string; assignees: { id: number; name: string }[] }) {
  const t = useTranslations("supervision");
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(issueSupervisionAction, {
    refresh: true,
    onSuccess: (data, form) => {
      form.reset();
      return t("list.saved", { count: data.projectIds.length });
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t("list.title")} className="mt-3 space-y-3">
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="query" value={query} />
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField name="requirement" label={t("issue.requirement")} error={errorOf("requirement")} rows={3} limit={SUPERVISION_LIMITS.requirement} required />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField name="answerDueOn" label={t("issue.answerDueOn")} error={errorOf("answerDueOn")} min={today} required />
        <SelectField
          name="assigneeId"
          label={t("issue.assignee")}
          error={errorOf("assigneeId")}
          placeholder={t("list.assigneeDefault")}
          options={assignees.map((a) => ({ value: String(a.id), label: a.name }))}
        />
      </div>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? t("issue.submitting") : t("issue.submit")}
      </Button>
    </form>
  );
}
