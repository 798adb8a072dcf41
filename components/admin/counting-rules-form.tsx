"use client";

import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { AmountField } from "@/components/ui/amount-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateCountingRulesAction } from "@/app/(app)/admin/settings/actions";

/** The automatic 不予认定 rules of count once (lib/domain/signings.ts): a threshold and the sectors never recognised. */
export function CountingRulesForm(props: { minRecognisedCny: string | null; sectorIds: number[]; sectors: { id: number; nameZh: string; nameEn: string }[]; version: number }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("admin.common");
  const locale = useLocale();
  const [version, setVersion] = useState(props.version);
  // The settings row's version is shared by the forms of this page: a save by the other one arrives as a new prop.
  useEffect(() => setVersion(props.version), [props.version]);
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(updateCountingRulesAction, {
    onSuccess: (data) => {
      setVersion(data.version);
      return tc("saved");
    },
  });
  const sectorsError = errorOf("notRecognisedSectorIds");
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="counting-rules-title" className="mt-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="counting-rules-title" className="text-lg font-semibold text-slate-900">
        {t("counting")}
      </h2>
      <p className="text-sm text-slate-600">{t("countingIntro")}</p>
      <input type="hidden" name="version" value={version} />
      <AmountField name="minRecognisedCny" label={t("minRecognisedCny")} hint={t("minRecognisedCnyHint")} error={errorOf("minRecognisedCny")} defaultValue={props.minRecognisedCny ?? ""} />
      <fieldset aria-describedby="counting-sectors-hint">
        <legend className="text-sm font-medium text-slate-700">{t("notRecognisedSectors")}</legend>
        <p id="counting-sectors-hint" className="text-xs text-slate-500">
          {t("notRecognisedSectorsHint")}
        </p>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {props.sectors.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="notRecognisedSectorIds[]" value={s.id} defaultChecked={props.sectorIds.includes(s.id)} />
              {locale === "en" ? s.nameEn : s.nameZh}
            </label>
          ))}
        </div>
        {sectorsError && <p className="mt-1 text-sm text-red-700">{sectorsError}</p>}
      </fieldset>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? tc("saving") : tc("save")}
      </Button>
    </form>
  );
}
