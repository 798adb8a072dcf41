"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { changeOwnPasswordAction } from "@/app/(auth)/account/actions";

/**
 * The user's own password change. When the change was required (an admin set
 * the password), a success goes on into the app; otherwise it says so and
 * clears the form.
 */
export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const t = useTranslations("account");
  const form = useActionForm(changeOwnPasswordAction, {
    onSuccess: (_data, el) => {
      el.reset();
      if (forced) {
        // A full navigation: every server component reads the session anew.
        window.location.assign("/");
        return t("continue");
      }
      return t("changed");
    },
  });
  const { errors } = form;
  return (
    <form method="post" onSubmit={form.onSubmit} noValidate aria-describedby="change-password-summary" className="space-y-4">
      <TextField name="currentPassword" type="password" label={t("current")} autoComplete="current-password" required maxLength={200} error={errors.currentPassword} />
      <NewPasswordField name="newPassword" label={t("new")} hint={t("hint")} error={errors.newPassword} />
      <TextField name="confirmPassword" type="password" label={t("confirm")} autoComplete="new-password" required maxLength={200} error={errors.confirmPassword} />
      <FormSummary id="change-password-summary" error={form.failure?.message} success={form.success} />
      <Button type="submit" disabled={form.pending} className="w-full">
        {form.pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
