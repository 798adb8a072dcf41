"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form";
import { useProjectVersion } from "@/components/projects/project-live";

type Action = FormAction<{ id: number; version: number }>;

/** Managers and admins: hand the project to another active user of its unit. */
export function ReassignOwnerForm({
  action,
  projectId,
  version,
  ownerId,
  owners,
}: {
  action: Action;
  projectId: number;
  version: number;
  ownerId: number;
  owners: { id: number; name: string }[];
}) {
  const t = useTranslations("projects.owner");
  const uid = useId();
  // A round logged on the page moved the project's version (components/projects/project-live.tsx).
  const projectVersion = useProjectVersion(version);
  const form = useActionForm(action, { refresh: true, onSuccess: () => t("done") });
  const [chosen, setChosen] = useState(String(owners.find((o) => o.id !== ownerId)?.id ?? ""));
  const ownerError = form.errorOf("ownerId");

  return (
    <form method="post" noValidate onSubmit={form.onSubmit} className="mt-3 space-y-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="version" value={projectVersion} />
      <label htmlFor={`${uid}-owner`} className="block text-sm font-medium text-slate-700">
        {t("newOwner")}
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={`${uid}-owner`}
          name="ownerId"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-invalid={ownerError ? true : undefined}
          className="min-w-40 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        >
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {form.pending ? t("submitting") : t("submit")}
        </Button>
      </div>
      <p aria-live="polite" role="status" className="text-sm">
        {form.success && <span className="text-emerald-700">{form.success}</span>}
        {form.failure && <span className="text-red-700">{ownerError ?? form.failure.message}</span>}
      </p>
    </form>
  );
}
