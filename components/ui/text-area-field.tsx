import { useId, type ComponentProps } from "react";
import { CONTROL_CLASS, FieldNotes, LABEL_CLASS, describedBy } from "@/components/ui/field-notes";

/** A labelled textarea, wired like TextField. */
export function TextAreaField({ label, error, hint, className = "", id, ...props }: ComponentProps<"textarea"> & { label: string; error?: string; hint?: string }) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className={LABEL_CLASS}>
        {label}
      </label>
      <textarea id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} className={CONTROL_CLASS} {...props} />
      <FieldNotes id={fieldId} hint={hint} error={error} />
    </div>
  );
}
