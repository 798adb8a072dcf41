"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { ConflictBox } from "@/components/ui/conflict-box";
import { formValuesOf, useConflictMerge } from "@/components/ui/use-conflict-rows";
import type { ConflictAnswer } from "@/lib/actions/result";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { resetPasswordAction, setUserDisabledAction, updateUserAccessAction } from "@/app/(app)/admin/users/actions";
import { ROLES } from "@/lib/validation/user";

/** What the three forms can find changed: the access form's fields and the account status. */
const FIELDS = ["role", "unitId", "mobile", "disabled"] as const;

type Props = {
  user: { id: number; version: number; role: string; unitId: number; mobile: string; disabled: boolean; name: string };
  units: { value: string; label: string }[];
};

/**
 * A user's role and unit, account status and password. The three forms share
 * the record's version (each change moves it on), so a change made in one
 * does not make the next look like someone else's edit.
 */
export function UserAdminPanel({ user, units }: Props) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  // One merge for the three forms: a conflict on any fills the access form's fields the admin left alone, and the page re-reads the account's status.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, user), version: user.version });
  const version = merge.version;
  const onConflict = (answer: ConflictAnswer, sent: FormData, form: HTMLFormElement) => {
    merge.onConflict(answer, sent, form);
    router.refresh();
  };
  const after = (data: { version: number }) => merge.saved(data.version);

  const access = useActionForm(updateUserAccessAction, { refresh: true, onConflict, onSuccess: (d) => (after(d), t("accessSaved")) });
  const status = useActionForm(setUserDisabledAction, { refresh: true, onConflict, onSuccess: (d) => (after(d), user.disabled ? t("enabledDone") : t("disabledDone")) });
  const reset = useActionForm(resetPasswordAction, {
    refresh: true,
    onConflict,
    onSuccess: (d, el) => {
      after(d);
      el.reset();
      return t("resetDone");
    },
  });
  const label = (f: (typeof FIELDS)[number]) => t(f === "role" ? "fields.role" : f === "unitId" ? "fields.unit" : f === "mobile" ? "fields.mobile" : "fields.status");
  const show = (f: (typeof FIELDS)[number], v: string) =>
    f === "role"
      ? tr(v as never)
      : f === "unitId"
        ? (units.find((u) => u.value === v)?.label ?? v)
        : f === "mobile"
          ? v || "—"
          : v === "true"
            ? t("status.disabled")
            : t("status.active");

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {merge.conflict && (
        <div className="lg:col-span-2">
          <ConflictBox conflict={merge.conflict} title={tc("conflictTitle")} label={label} show={show} />
        </div>
      )}
      <form method="post" ref={merge.formRef} onSubmit={access.onSubmit} noValidate aria-labelledby="access-title" aria-describedby="access-summary" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="access-title" className="text-lg font-semibold">{t("accessTitle")}</h2>
        <input type="hidden" name="id" value={user.id} />
        <input type="hidden" name="version" value={version} />
        <SelectField name="role" label={t("fields.role")} defaultValue={user.role} options={ROLES.map((r) => ({ value: r, label: tr(r) }))} error={access.errors.role} />
        <SelectField name="unitId" label={t("fields.unit")} defaultValue={String(user.unitId)} options={units} error={access.errors.unitId} hint={t("hints.sessions")} />
        <TextField name="mobile" type="tel" inputMode="tel" label={t("fields.mobile")} defaultValue={user.mobile} maxLength={40} autoComplete="off" hint={t("hints.mobile")} error={access.errors.mobile} />
        <FormSummary id="access-summary" error={access.failure?.message} success={access.success} />
        <Button type="submit" disabled={access.pending}>{access.pending ? tc("saving") : tc("save")}</Button>
      </form>

      <div className="space-y-6">
        <form method="post" onSubmit={status.onSubmit} aria-labelledby="status-title" aria-describedby="status-summary" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="status-title" className="text-lg font-semibold">{t("statusTitle")}</h2>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
          <p className="text-sm text-slate-700" data-testid="user-status">{user.disabled ? t("statusDisabled") : t("statusActive")}</p>
          <FormSummary id="status-summary" error={status.failure?.message} success={status.success} />
          <Button type="submit" variant={user.disabled ? "secondary" : "danger"} disabled={status.pending}>
            {user.disabled ? t("enable") : t("disable")}
          </Button>
        </form>

        <form method="post" onSubmit={reset.onSubmit} noValidate aria-labelledby="reset-title" aria-describedby="reset-summary" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="reset-title" className="text-lg font-semibold">{t("resetTitle")}</h2>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="version" value={version} />
          <NewPasswordField name="password" label={t("fields.newPassword")} hint={t("hints.password")} error={reset.errors.password} />
          <FormSummary id="reset-summary" error={reset.failure?.message} success={reset.success} />
          <Button type="submit" disabled={reset.pending}>{reset.pending ? t("resetting") : t("reset")}</Button>
        </form>
      </div>
    </div>
  );
}
