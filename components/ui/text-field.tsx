import { useId, type InputHTMLAttributes } from "react";
import { CONTROL_CLASS, FieldNotes, LABEL_CLASS, describedBy } from "@/components/ui/field-notes";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  /** A message shown under the field and announced with it. */
  error?: string;
  hint?: string;
};

/** A labelled input whose error is tied to it through aria-describedby. */
export function TextField({ label, error, hint, id, className = "", ...props }: Props) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className={className}>
      <label htmlFor={inputId} className={LABEL_CLASS}>
        {label}
      </label>
      <input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(inputId, hint, error)} className={CONTROL_CLASS} {...props} />
      <FieldNotes id={inputId} hint={hint} error={error} />
    </div>
  );
}
