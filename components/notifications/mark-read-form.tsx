"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { markReadAction } from "@/app/(app)/notifications/actions";

/** "Mark read" for one notification (`id`), or "Mark all read" without it. */
export function MarkReadForm({ id, label }: { id?: string; label: string }) {
  const t = useTranslations("notifications");
  const { pending, failure, success, onSubmit } = useActionForm(markReadAction, { refresh: true, onSuccess: () => (id ? null : t("markedAllRead")) });
  return (
    <form method="post" onSubmit={onSubmit} className="flex items-center gap-2">
      {id && <input type="hidden" name="id" value={id} />}
      <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
        {id ? t("markRead") : t("markAllRead")}
      </Button>
      <FormSummary error={failure?.message} success={success} />
    </form>
  );
}
