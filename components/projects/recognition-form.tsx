"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { RECOGNITION_LIMITS } from "@/lib/validation/signings";
import { setRecognitionAction } from "@/app/(app)/projects/[id]/recognition-actions";
import { useProjectVersion } from "@/components/projects/project-live";

/** Managers and admins: 不予认定 with a reason from the admin-kept list, or recognised again (no reason). */
export function RecognitionForm(props: { projectId: number; version: number; reasonId: number | null; note: string | null; reasons: { id: number; nameZh: string; nameEn: string }[] }) {
  // A round logged on the page moved the project's version (components/projects/project-live.tsx).
  const projectVersion = useProjectVersion(props.version);
  const t = useTranslations("signings.form");
  const locale = useLocale();
  const form = useActionForm(setRecognitionAction, { refresh: true, onSuccess: () => t("saved") });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} className="mt-3 space-y-3" aria-labelledby="recognition-form-title">
      <h3 id="recognition-form-title" className="text-sm font-semibold text-slate-800">
        {t("heading")}
      </h3>
      <input type="hidden" name="projectId" value={props.projectId} />
      <input type="hidden" name="version" value={projectVersion} />
      <SelectField name="reasonId" label={t("reason")} error={form.errorOf("reasonId")} defaultValue={props.reasonId ?? ""}>
        <option value="">{t("noReason")}</option>
        {props.reasons.map((r) => (
          <option key={r.id} value={r.id}>
            {locale === "en" ? r.nameEn : r.nameZh}
          </option>
        ))}
      </SelectField>
      <TextAreaField name="note" label={t("note")} error={form.errorOf("note")} defaultValue={props.note ?? ""} rows={2} limit={RECOGNITION_LIMITS.note} />
      <FormSummary error={form.failure?.message} success={form.success} />
      <Button type="submit" variant="secondary" disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
