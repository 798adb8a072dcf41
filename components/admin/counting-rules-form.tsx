"use client";

import { useLocale, useTranslations } from "next-intl";
import { AmountField } from "@/components/ui/amount-field";
import { VersionedSettingsForm } from "@/components/ui/versioned-settings-form";
import { updateCountingRulesAction } from "@/app/(app)/admin/settings/actions";

/** The automatic 不予认定 rules of count once (lib/domain/signings.ts): a threshold and the sectors never recognised. */
export function CountingRulesForm(props: { minRecognisedCny: string | null; sectorIds: number[]; sectors: { id: number; nameZh: string; nameEn: string }[]; version: number }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("admin.common");
  const locale = useLocale();
  return (
    <VersionedSettingsForm id="counting-rules-title" title={t("counting")} description={t("countingIntro")} version={props.version} action={updateCountingRulesAction} saved={tc("saved")} saveLabel={tc("save")} savingLabel={tc("saving")} className="mt-6 max-w-xl">
      {(errorOf) => (
        <>
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
            {errorOf("notRecognisedSectorIds") && <p className="mt-1 text-sm text-red-700">{errorOf("notRecognisedSectorIds")}</p>}
          </fieldset>
        </>
      )}
    </VersionedSettingsForm>
  );
}
