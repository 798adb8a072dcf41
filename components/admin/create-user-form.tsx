"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { ROLES } from "@/lib/validation/user";

/** Creates an account with an initial password; the form clears after a success and keeps what was typed on an error. */
export function CreateUserForm({ units }: { units: { value: string; label: string }[] }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const form = useActionForm(createUserAction, {
    refresh: true,
    onSuccess: (_data, el) => {
      const name = String(new FormData(el).get("name") ?? "");
      el.reset();
      return t("created", { name });
    },
  });
  const { errors } = form;
  return (
    <form method="post" onSubmit={form.onSubmit} noValidate aria-labelledby="create-user-title" aria-describedby="create-user-summary" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="create-user-title" className="text-lg font-semibold">{t("createTitle")}</h2>
      <input type="hidden" name="requestId" value={form.requestId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("fields.name")} required maxLength={100} error={errors.name} autoComplete="off" />
        <TextField name="email" type="email" label={t("fields.email")} required maxLength={254} error={errors.email} autoComplete="off" />
        <SelectField name="role" label={t("fields.role")} defaultValue="OFFICER" options={ROLES.map((r) => ({ value: r, label: tr(r) }))} required error={errors.role} />
        <SelectField name="unitId" label={t("fields.unit")} defaultValue="" placeholder={t("choose")} options={units} required error={errors.unitId} />
        <TextField name="mobile" type="tel" inputMode="tel" label={t("fields.mobile")} maxLength={40} autoComplete="off" hint={t("hints.mobile")} error={errors.mobile} />
        <NewPasswordField name="password" label={t("fields.password")} hint={t("hints.password")} error={errors.password} className="sm:col-span-2" />
      </div>
      <FormSummary id="create-user-summary" error={form.failure?.message} success={form.success} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
