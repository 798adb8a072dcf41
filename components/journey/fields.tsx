"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";

const CONTROL = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

export function TextAreaField({ label, error, hint, className = "", id, ...props }: ComponentProps<"textarea"> & { label: string; error?: string; hint?: string }) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} className={CONTROL} {...props} />
      <Described id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({ label, error, hint, className = "", id, children, ...props }: ComponentProps<"select"> & { label: string; error?: string; hint?: string; children: ReactNode }) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} className={CONTROL} {...props}>
        {children}
      </select>
      <Described id={fieldId} hint={hint} error={error} />
    </div>
  );
}

/** The form's summary, announced: the error sentence (and what changed, on a conflict) or the success note. */
export function FormStatus({ result, success, extra, id }: { result: ActionResult<unknown> | null; success?: string; extra?: string; id?: string }) {
  const failed = result !== null && !result.ok;
  return (
    <div id={id} aria-live="polite" className="min-h-5 text-sm">
      {failed && (
        <div role="alert" className="text-red-700">
          <p>{result.message}</p>
          {extra && <p className="mt-1">{extra}</p>}
        </div>
      )}
      {result?.ok && success && (
        <p role="status" className="text-green-800">
          {success}
        </p>
      )}
    </div>
  );
}
