/**
 * The hint and the error under a labelled control, and the aria-describedby
 * that ties them to it: shared by TextField, TextAreaField and SelectField so
 * a screen reader announces them the same way everywhere.
 */
export const describedBy = (id: string, hint?: string, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
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

/** The look of every input, select and textarea (red border when aria-invalid). */
export const CONTROL_CLASS = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";
export const LABEL_CLASS = "mb-1 block text-sm font-medium text-slate-700";
