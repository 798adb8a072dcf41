/**
 * Pieces the company and event forms share: a labelled select wired like
 * TextField, the aria-live summary of a result, and the "someone else changed
 * it" box. Presentational only. (Candidates for components/ui.)
 */
import { useId, type SelectHTMLAttributes } from "react";

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string;
  hint?: string;
  options: { value: string; label: string }[];
  /** A first, empty option ("Choose…" / "(none)"). */
  placeholder?: string;
};

export function SelectField({ label, error, hint, options, placeholder, id, className = "", ...props }: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  const describedBy = [hint && `${selectId}-hint`, error && `${selectId}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={selectId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        {...props}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${selectId}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${selectId}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's summary: errors as an alert, successes as a status; both announced. */
export function FormSummary({ id, error, success }: { id?: string; error?: string | null; success?: string | null }) {
  return (
    <div id={id} aria-live="polite" className="min-h-5 text-sm">
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : success ? (
        <p role="status" className="text-green-800">
          {success}
        </p>
      ) : null}
    </div>
  );
}

export function ConflictBox({ title, hint, rows }: { title: string; hint: string; rows: { label: string; value: string }[] }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="conflict">
      <p className="font-medium text-amber-900">{title}</p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="text-slate-600">{r.label}</dt>
            <dd className="font-medium text-slate-900">{r.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-amber-900">{hint}</p>
    </div>
  );
}
