"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { AmountField } from "@/components/ui/amount-field";
import { DateField } from "@/components/ui/date-field";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { recordCommitmentAction, recordCommitmentActualAction } from "@/app/(app)/projects/[id]/commitment-actions";
import { FIGURE_KINDS, FIGURE_KIND_LIST, MILESTONE_KINDS, isMilestoneKind } from "@/lib/domain/milestones";
import { COMMITMENT_LIMITS } from "@/lib/validation/commitments";
import type { CommitmentKind } from "@/lib/generated/prisma/enums";

const ALL_KINDS: CommitmentKind[] = [...MILESTONE_KINDS, ...FIGURE_KIND_LIST];
/** Read from the journey's own records (construction start, funds in place): not recorded here. */
const ACTUAL_KINDS = ALL_KINDS.filter((k) => k !== "CONSTRUCTION_START" && k !== "INVESTMENT_TOTAL" && k !== "FOREIGN_INVESTMENT");

/** A value field for a kind: an amount in yuan or dollars, else a plain number (亩, people). */
function ValueField({ kind, name, label, error }: { kind: CommitmentKind; name: string; label: string; error?: string }) {
  const unit = isMilestoneKind(kind) ? null : FIGURE_KINDS[kind as keyof typeof FIGURE_KINDS];
  if (unit === "CNY" || unit === "USD") return <AmountField key={kind} name={name} currency={unit} label={label} error={error} required />;
  return <TextField key={kind} name={name} label={label} error={error} inputMode="decimal" required />;
}

/** Record or amend a promise, and record an actual. `current`: the promise in force per kind (the amendment's target). */
export function CommitmentForms({ projectId, today, current }: { projectId: number; today: string; current: Partial<Record<string, { id: number; version: number }>> }) {
  const t = useTranslations("commitments");
  const [kind, setKind] = useState<CommitmentKind>("LAND_HANDOVER");
  const [actualKind, setActualKind] = useState<CommitmentKind>("LAND_HANDOVER");
  const promise = useActionForm(recordCommitmentAction, { onSuccess: (_d, form) => (form.reset(), t("form.saved")) });
  const actual = useActionForm(recordCommitmentActualAction, { onSuccess: (_d, form) => (form.reset(), t("form.savedActual")) });
  const amends = current[kind];
  const milestone = isMilestoneKind(kind);

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form method="post" onSubmit={promise.onSubmit} noValidate aria-labelledby="promise-title" className="space-y-3 rounded-md border border-slate-200 p-3">
        <h3 id="promise-title" className="text-sm font-semibold text-slate-900">
          {t("form.promiseTitle")}
        </h3>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="requestId" value={promise.requestId} />
        {amends && <input type="hidden" name="replacesId" value={amends.id} />}
        {amends && <input type="hidden" name="version" value={amends.version} />}
        <KindSelect kinds={ALL_KINDS} value={kind} onChange={setKind} error={promise.errorOf("kind")} />
        {!milestone && <ValueField kind={kind} name="value" label={t("form.value")} error={promise.errorOf("value")} />}
        <DateField key={kind} name="dueOn" label={t("form.dueOn")} error={promise.errorOf("dueOn")} required={milestone} />
        {amends && <p className="text-xs text-amber-800">{t("form.amends")}</p>}
        <FormSummary error={promise.failure?.message} success={promise.success} />
        <Button type="submit" disabled={promise.pending}>
          {promise.pending ? t("form.submitting") : t("form.submit")}
        </Button>
      </form>

      <form method="post" onSubmit={actual.onSubmit} noValidate aria-labelledby="actual-title" className="space-y-3 rounded-md border border-slate-200 p-3">
        <h3 id="actual-title" className="text-sm font-semibold text-slate-900">
          {t("form.actualTitle")}
        </h3>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="requestId" value={actual.requestId} />
        <KindSelect kinds={ACTUAL_KINDS} value={actualKind} onChange={setActualKind} error={actual.errorOf("kind")} />
        {!isMilestoneKind(actualKind) && <ValueField kind={actualKind} name="value" label={t("form.actualValue")} error={actual.errorOf("value")} />}
        <DateField name="reportedOn" label={t("form.reportedOn")} error={actual.errorOf("reportedOn")} defaultValue={today} max={today} required />
        <TextAreaField name="note" label={t("form.note")} error={actual.errorOf("note")} rows={2} limit={COMMITMENT_LIMITS.note} />
        <FormSummary error={actual.failure?.message} success={actual.success} />
        <Button type="submit" disabled={actual.pending}>
          {actual.pending ? t("form.submitting") : t("form.submitActual")}
        </Button>
      </form>
    </div>
  );
}

/** The commitment kind picker of both forms. */
function KindSelect({ kinds, value, onChange, error }: { kinds: readonly CommitmentKind[]; value: CommitmentKind; onChange: (kind: CommitmentKind) => void; error?: string }) {
  const t = useTranslations("commitments");
  return (
    <SelectField name="kind" label={t("form.kind")} value={value} onChange={(e) => onChange(e.target.value as CommitmentKind)} error={error}>
      {kinds.map((k) => (
        <option key={k} value={k}>
          {t(`kinds.${k}`)}
        </option>
      ))}
    </SelectField>
  );
}
