"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/admin/tokens/actions";

/**
 * Creates a token and shows it once: it lives only in this component's state
 * until the admin dismisses it (or leaves the page); nothing can show it again.
 */
export function CreateApiTokenForm({ defaultExpiry, minExpiry, maxExpiry }: { defaultExpiry: string; minExpiry: string; maxExpiry: string }) {
  const t = useTranslations("admin.tokens");
  const [shown, setShown] = useState<{ name: string; token: string | null } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useActionForm(createApiTokenAction, {
    refresh: true,
    onSuccess: (data, el) => {
      el.reset();
      setCopied(false);
      setShown({ name: data.name, token: data.token });
      return null;
    },
  });
  const { errors } = form;

  async function copy() {
    if (!shown?.token) return;
    try {
      await navigator.clipboard.writeText(shown.token);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (plain http): the token is selectable text
    }
  }

  return (
    <div className="space-y-4">
      {shown && (
        <section aria-labelledby="new-token-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="new-token">
          <h2 id="new-token-title" className="font-semibold text-amber-950">{t("createdTitle", { name: shown.name })}</h2>
          {shown.token ? (
            <>
              <p className="mt-1 text-sm text-amber-950">{t("createdBody")}</p>
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <output aria-label={t("tokenLabel")} className="block max-w-full select-all break-all rounded border border-amber-300 bg-white px-3 py-2 font-mono text-sm" data-testid="token-value">
                  {shown.token}
                </output>
                <Button variant="secondary" onClick={copy}>{t("copy")}</Button>
                <span aria-live="polite" className="text-sm text-green-800">{copied ? t("copied") : ""}</span>
              </div>
            </>
          ) : (
            <p className="mt-1 text-sm text-amber-950">{t("repeated")}</p>
          )}
          <Button variant="ghost" className="mt-3" onClick={() => setShown(null)}>{t("dismiss")}</Button>
        </section>
      )}
      <form method="post" onSubmit={form.onSubmit} noValidate aria-labelledby="create-token-title" aria-describedby="create-token-summary" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-token-title" className="text-lg font-semibold">{t("createTitle")}</h2>
        <input type="hidden" name="requestId" value={form.requestId} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="name" label={t("fields.name")} required maxLength={100} hint={t("hints.name")} error={errors.name} autoComplete="off" />
          <TextField name="expiresOn" type="date" label={t("fields.expiresOn")} required defaultValue={defaultExpiry} min={minExpiry} max={maxExpiry} hint={t("hints.expiresOn")} error={errors.expiresOn} />
        </div>
        <FormSummary id="create-token-summary" error={form.failure?.message} success={form.success} />
        <Button type="submit" disabled={form.pending}>{form.pending ? t("creating") : t("create")}</Button>
      </form>
    </div>
  );
}

export function RevokeApiTokenButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations("admin.tokens");
  const form = useActionForm(revokeApiTokenAction, { refresh: true, onSuccess: () => t("revokedDone", { name }) });
  return (
    <form method="post" onSubmit={form.onSubmit} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="danger" disabled={form.pending} aria-label={t("revokeLabel", { name })}>
        {form.pending ? t("revoking") : t("revoke")}
      </Button>
      <FormSummary error={form.failure?.message} success={form.success} />
    </form>
  );
}
