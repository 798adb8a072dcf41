"use client";

import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form";

type Props = {
  /** The heading's id (the form's accessible name). */
  id: string;
  title: string;
  description?: string;
  /** The settings row's version when the page was rendered. */
  version: number;
  action: FormAction<{ version: number }>;
  /** Announced after a save. */
  saved: string;
  saveLabel: string;
  /** The button while saving (the button is disabled either way). */
  savingLabel?: string;
  /** Re-render the page after a save (what it changes shows elsewhere on the page). */
  refresh?: boolean;
  className?: string;
  /** The fields, given the error of a field by name. */
  children: (errorOf: (name: string) => string | undefined) => ReactNode;
};

/**
 * A form over one versioned settings row (installation_setting, saved by
 * saveSettingsRow): it sends the version it was rendered with, takes the new
 * one after a save, and shows a stale refusal or field errors like every form.
 * Several such forms share one row on a page, so a save by another arrives as
 * a new `version` prop and is taken over.
 */
export function VersionedSettingsForm({ id, title, description, version: initial, action, saved, saveLabel, savingLabel, refresh, className, children }: Props) {
  const [version, setVersion] = useState(initial);
  useEffect(() => setVersion(initial), [initial]);
  const { pending, failure, success, onSubmit, errorOf } = useActionForm(action, {
    refresh,
    onSuccess: (data) => {
      setVersion(data.version);
      return saved;
    },
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby={id} className={`space-y-4 rounded-lg border border-slate-200 bg-white p-4 ${className ?? ""}`}>
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {description && <p className="text-sm text-slate-600">{description}</p>}
      <input type="hidden" name="version" value={version} />
      {children(errorOf)}
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending && savingLabel ? savingLabel : saveLabel}
      </Button>
    </form>
  );
}
