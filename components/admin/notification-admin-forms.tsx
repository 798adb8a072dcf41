"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { VersionedSettingsForm } from "@/components/ui/versioned-settings-form";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { saveWebhookAction, updateNotificationSettingsAction } from "@/app/(app)/admin/notifications/actions";

type Settings = { digestTime: string; ownerOnlyDays: number; copyManagerDays: number; highRiskDays: number; version: number };

/** The morning digest's time and the escalation ladder's days (lib/domain/notifications.ts), on notification_setting's version. */
export function NotificationSettingsForm(props: Settings) {
  const t = useTranslations("notifications.admin");
  return (
    <VersionedSettingsForm id="notify-settings-title" title={t("settingsLegend")} version={props.version} action={updateNotificationSettingsAction} saved={t("saved")} saveLabel={t("save")} className="max-w-xl">
      {(errorOf) => (
        <>
          <TextField name="digestTime" label={t("digestTime")} error={errorOf("digestTime")} defaultValue={props.digestTime} placeholder="08:30" required />
          <TextField name="ownerOnlyDays" label={t("ownerOnlyDays")} hint={t("ladderHint")} error={errorOf("ownerOnlyDays")} defaultValue={props.ownerOnlyDays} inputMode="numeric" required />
          <TextField name="copyManagerDays" label={t("copyManagerDays")} error={errorOf("copyManagerDays")} defaultValue={props.copyManagerDays} inputMode="numeric" required />
          <TextField name="highRiskDays" label={t("highRiskDays")} error={errorOf("highRiskDays")} defaultValue={props.highRiskDays} inputMode="numeric" required />
        </>
      )}
    </VersionedSettingsForm>
  );
}

/** Sets a unit's WeCom or DingTalk group robot (an empty URL removes it). */
export function WebhookForm({ units }: { units: { value: string; label: string }[] }) {
  const t = useTranslations("notifications");
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(saveWebhookAction, { refresh: true, onSuccess: () => t("admin.webhookSaved") });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="webhook-form-title" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="webhook-form-title" className="text-lg font-semibold text-slate-900">
        {t("admin.webhooksLegend")}
      </h2>
      <SelectField name="unitId" label={t("admin.unit")} options={units} error={errorOf("unitId")} />
      <SelectField name="channel" label={t("admin.channel")} options={[{ value: "WECOM", label: t("channels.WECOM") }, { value: "DINGTALK", label: t("channels.DINGTALK") }]} error={errorOf("channel")} />
      <TextField name="url" label={t("admin.url")} error={errorOf("url")} type="url" />
      <TextField name="secret" label={t("admin.secret")} error={errorOf("secret")} autoComplete="off" />
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {t("admin.saveWebhook")}
      </Button>
    </form>
  );
}
