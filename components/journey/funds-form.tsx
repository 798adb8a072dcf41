"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CancelButton } from "@/components/journey/cancel-button";
import { DateField } from "@/components/ui/date-field";
import { AmountField } from "@/components/ui/amount-field";
import { recordFundsAction } from "@/app/(app)/projects/[id]/stage-actions";
import { STAGE_LIMITS } from "@/lib/validation/stage";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useActionForm } from "@/components/ui/use-action-form";

/** Funds actually in place on a signed project: amount, currency, date. */
export function FundsForm({ projectId, today, signedOn, onCancel }: { projectId: number; today: string; signedOn: string | null; onCancel?: () => void }) {
  const t = useTranslations("journey.funds");
  const ts = useTranslations("journey.stage");
  // The amount's echo reads in the currency chosen beside it.
  const [currency, setCurrency] = useState<"CNY" | "USD">("CNY");
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(recordFundsAction, {
    onSuccess: (_data, form) => {
      form.reset();
      return t("saved");
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="funds-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="funds-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h3>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <AmountField name="amount" currency={currency} label={t("amount")} hint={ts("amountHint")} error={errorOf("amount")} required autoFocus />
        <SelectField name="currency" label={t("currency")} error={errorOf("currency")} value={currency} onChange={(e) => setCurrency(e.target.value === "USD" ? "USD" : "CNY")}>
          <option value="CNY">{t("currencies.CNY")}</option>
          <option value="USD">{t("currencies.USD")}</option>
        </SelectField>
        <DateField name="receivedOn" label={t("receivedOn")} error={errorOf("receivedOn")} defaultValue={today} max={today} min={signedOn ?? undefined} required />
      </div>
      <TextAreaField name="note" label={t("note")} error={errorOf("note")} rows={2} limit={STAGE_LIMITS.contractNote} />
      <FormSummary error={failure?.message} success={success} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
        <CancelButton onCancel={onCancel} />
      </div>
    </form>
  );
}
