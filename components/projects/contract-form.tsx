"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DateField } from "@/components/ui/date-field";
import { AmountField } from "@/components/ui/amount-field";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { CONTRACT_KINDS } from "@/lib/domain/signings";
import { STAGE_LIMITS } from "@/lib/validation/stage";
import type { ContractFormOptions } from "@/lib/data/signings";
import { addContractAction } from "@/app/(app)/projects/[id]/contract-actions";
import { useProjectVersion } from "@/components/projects/project-live";

/** The kinds a further contract is offered as, the likely ones first. */
const FURTHER_KINDS = ["UPGRADE", "CAPITAL_INCREASE", "FORMAL", "FRAMEWORK"] as const satisfies readonly (typeof CONTRACT_KINDS)[number][];

/**
 * A further contract on a project already signed: an upgrade (升格), a capital
 * increase (增资) or another signing. How it counts is the rule's
 * (lib/domain/signings.ts): the server says it after saving, and the list above
 * shows it.
 */
export function ContractForm({ projectId, version, today, options }: { projectId: number; version: number; today: string; options: ContractFormOptions }) {
  // A round logged on the page moved the project's version (components/projects/project-live.tsx).
  const projectVersion = useProjectVersion(version);
  const t = useTranslations("signings.add");
  const tr = useTranslations("signings.roles");
  const locale = useLocale();
  const form = useActionForm(addContractAction, {
    refresh: true,
    onSuccess: (data, el) => {
      el.reset();
      return t("saved", { role: tr(data.role) });
    },
  });
  const name = (o: { nameZh: string; nameEn: string | null }) => (locale === "en" && o.nameEn ? o.nameEn : o.nameZh);
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("open")}</summary>
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-3 space-y-3" aria-labelledby="contract-form-title">
        <h3 id="contract-form-title" className="text-sm font-semibold text-slate-800">
          {t("heading")}
        </h3>
        <p className="text-xs text-slate-500">{t("hint")}</p>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="version" value={projectVersion} />
        <input type="hidden" name="requestId" value={form.requestId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField name="kind" label={t("kind")} error={form.errorOf("kind")} defaultValue="UPGRADE" className="sm:col-span-2">
            {FURTHER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <DateField name="signedOn" label={t("signedOn")} error={form.errorOf("signedOn")} max={today} required />
          <SelectField name="agreementKindId" label={t("agreementKind")} error={form.errorOf("agreementKindId")} defaultValue="" required>
            <option value="">{t("chooseAgreementKind")}</option>
            {options.agreementKinds.map((k) => (
              <option key={k.id} value={k.id}>
                {name(k)}
              </option>
            ))}
          </SelectField>
          <AmountField name="contractedInvestmentCny" label={t("cny")} hint={t("cnyHint")} error={form.errorOf("contractedInvestmentCny")} required />
          <AmountField name="contractedForeignUsd" currency="USD" label={t("usd")} error={form.errorOf("contractedForeignUsd")} />
          <SelectField name="eventId" label={t("event")} error={form.errorOf("eventId")} defaultValue="" className="sm:col-span-2">
            <option value="">{t("noEvent")}</option>
            {options.events.map((e) => (
              <option key={e.id} value={e.id}>
                {name(e)}
              </option>
            ))}
          </SelectField>
          <TextAreaField name="note" label={t("note")} error={form.errorOf("note")} rows={2} limit={STAGE_LIMITS.contractNote} className="sm:col-span-2" />
        </div>
        <FormSummary error={form.failure?.message} success={form.success} />
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {form.pending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </details>
  );
}
