"use client";

import { useActionState, useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: number; version: number }>>;

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
  const router = useRouter();
  const uid = useId();
  const [state, dispatch, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const [chosen, setChosen] = useState(String(owners.find((o) => o.id !== ownerId)?.id ?? ""));

  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (pending) return;
        const fd = new FormData(e.currentTarget);
        startTransition(() => dispatch(fd));
      }}
      className="mt-3 space-y-2"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={`${uid}-owner`} className="block text-sm font-medium text-slate-700">
        {t("newOwner")}
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={`${uid}-owner`}
          name="ownerId"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-invalid={state && !state.ok && state.fieldErrors?.ownerId ? true : undefined}
          className="min-w-40 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        >
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
      <p aria-live="polite" role="status" className="text-sm">
        {state?.ok && <span className="text-emerald-700">{t("done")}</span>}
        {state && !state.ok && <span className="text-red-700">{state.fieldErrors?.ownerId ?? state.message}</span>}
      </p>
    </form>
  );
}
