"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { savePreferencesAction } from "@/app/(app)/notifications/actions";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "@/lib/domain/notifications";

type Props = { mutedKinds: string[]; channels: string[]; locale: "zh-CN" | "en"; version: number };

/** Which reminders, on which channels, in which language (the app always keeps them). */
export function PreferencesForm(props: Props) {
  const t = useTranslations("notifications");
  const [version, setVersion] = useState(props.version);
  const { pending, failure, success, onSubmit } = useActionForm(savePreferencesAction, {
    onSuccess: (data) => {
      setVersion(data.version);
      return t("preferences.saved");
    },
  });
  const box = "flex items-center gap-2 text-sm";
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="version" value={version} />
      <fieldset>
        <legend className="font-semibold">{t("preferences.kindsLegend")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {NOTIFICATION_KINDS.map((k) => (
            <label key={k} className={box}>
              <input type="checkbox" name={`kind.${k}`} defaultChecked={!props.mutedKinds.includes(k)} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-semibold">{t("preferences.channelsLegend")}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {NOTIFICATION_CHANNELS.map((c) => (
            <label key={c} className={box}>
              <input type="checkbox" name={`channel.${c}`} defaultChecked={props.channels.includes(c)} />
              {t(`channels.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm">
        <span className="font-semibold">{t("preferences.locale")}</span>
        <select name="locale" defaultValue={props.locale} className="mt-1 block rounded border border-slate-300 px-2 py-1">
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {t("preferences.save")}
      </Button>
    </form>
  );
}
