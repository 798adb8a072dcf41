"use client";

import { useLocale, useTranslations } from "next-intl";
import { DateField } from "@/components/ui/date-field";
import { AmountField } from "@/components/ui/amount-field";
import type { Stage } from "@/lib/generated/prisma/enums";
import { CONTRACT_KINDS } from "@/lib/domain/signings";
import { STAGE_LIMITS, type AgreementKindOption } from "@/lib/validation/stage";
import { planMove, type JourneyFacts } from "@/lib/domain/stages";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";

type Props = {
  fromStage: Stage;
  toStage: Stage;
  facts: JourneyFacts;
  agreementKinds: readonly AgreementKindOption[];
  today: string;
  errorOf: (name: string) => string | undefined;
  /** Put the focus on the first field (in a dialog). */
  autoFocus?: boolean;
};

/**
 * Exactly the fields a move from `fromStage` to `toStage` needs (the rule is
 * planMove, the same one the server applies): a reason, the visit or intent,
 * the contract, the construction start. Shared by the "move stage" form and
 * the pipeline board's dialog.
 */
export function StageFields({ fromStage, toStage, facts, agreementKinds, today, errorOf, autoFocus = false }: Props) {
  const t = useTranslations("journey");
  const ts = useTranslations("stages");
  const locale = useLocale();
  const plan = planMove(fromStage, toStage, facts);
  if (!plan.ok) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {t(`rules.${plan.refusal}`)}
      </p>
    );
  }
  const { needs } = plan;
  let focus = autoFocus;
  const takeFocus = () => {
    const f = focus;
    focus = false;
    return f;
  };

  return (
    <div className="space-y-4">
      {plan.kind === "revive" && facts.reviveTo && <p className="text-sm text-slate-600">{t("stage.reviveHint", { stage: ts(facts.reviveTo) })}</p>}
      {plan.skips && (needs.intent || needs.contract || needs.start) && <p className="text-sm text-slate-600">{t("stage.skipHint")}</p>}
      {needs.reason && (
        <TextAreaField name="reason" label={t("stage.reason")} hint={t("stage.reasonHint")} error={errorOf("reason")} rows={2} limit={STAGE_LIMITS.reason} required autoFocus={takeFocus()} />
      )}
      {needs.intent && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-800">{t("stage.intentHeading")}</legend>
          <p className="text-xs text-slate-500">{t("stage.intentHint")}</p>
          <DateField name="visitOn" label={t("stage.visitOn")} error={errorOf("visitOn")} max={today} className="max-w-xs" autoFocus={takeFocus()} />
          <TextAreaField name="intentNote" label={t("stage.intentNote")} error={errorOf("intentNote")} rows={2} limit={STAGE_LIMITS.intentNote} />
        </fieldset>
      )}
      {needs.contract && (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t("stage.contractHeading")}</legend>
          <DateField name="signedOn" label={t("stage.signedOn")} error={errorOf("signedOn")} max={today} required autoFocus={takeFocus()} />
          <SelectField name="agreementKindId" label={t("stage.agreementKind")} error={errorOf("agreementKindId")} defaultValue="" required>
            <option value="">{t("stage.chooseKind")}</option>
            {agreementKinds.map((kind) => (
              <option key={kind.id} value={kind.id}>
                {locale === "en" ? kind.nameEn : kind.nameZh}
              </option>
            ))}
          </SelectField>
          <SelectField name="contractKind" label={t("stage.contractKind")} hint={t("stage.contractKindHint")} error={errorOf("contractKind")} defaultValue="FORMAL" className="sm:col-span-2">
            {CONTRACT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`stage.contractKinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <AmountField name="contractedInvestmentCny" label={t("stage.contractedInvestmentCny")} hint={t("stage.amountHint")} error={errorOf("contractedInvestmentCny")} required />
          <AmountField name="contractedForeignUsd" currency="USD" label={t("stage.contractedForeignUsd")} error={errorOf("contractedForeignUsd")} />
          <TextAreaField name="contractNote" label={t("stage.contractNote")} error={errorOf("contractNote")} rows={2} limit={STAGE_LIMITS.contractNote} className="sm:col-span-2" />
        </fieldset>
      )}
      {needs.start && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-800">{t("stage.startHeading")}</legend>
          <DateField name="startedOn" label={t("stage.startedOn")} error={errorOf("startedOn")} max={today} required className="max-w-xs" autoFocus={takeFocus()} />
          <TextAreaField name="startNote" label={t("stage.startNote")} error={errorOf("startNote")} rows={2} limit={STAGE_LIMITS.startNote} />
        </fieldset>
      )}
    </div>
  );
}
