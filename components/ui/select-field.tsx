import { useId, type ComponentProps, type ReactNode } from "react";
import { CONTROL_CLASS, FieldNotes, LABEL_CLASS, describedBy } from "@/components/ui/field-notes";

type Props = ComponentProps<"select"> & {
  label: string;
  error?: string;
  hint?: string;
  /** The choices as data; or pass <option> children instead (or both: the options come first). */
  options?: { value: string; label: string }[];
  /** A first, empty option ("Choose…" / "(none)"). */
  placeholder?: string;
  children?: ReactNode;
};

/** A labelled select, wired like TextField. */
export function SelectField({ label, error, hint, options = [], placeholder, id, className = "", children, ...props }: Props) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={className}>
      <label htmlFor={selectId} className={LABEL_CLASS}>
        {label}
      </label>
      <select id={selectId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(selectId, hint, error)} className={CONTROL_CLASS} {...props}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <FieldNotes id={selectId} hint={hint} error={error} />
    </div>
  );
}
