"use client";

import { useEffect, useId, useState, type ChangeEvent, type ComponentProps } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CONTROL_CLASS, FieldNotes, LABEL_CLASS, describedBy } from "@/components/ui/field-notes";
import { numberFormat } from "@/lib/format/intl-cache";

/** From this share of the limit on, screen readers hear how much is left. */
export const NEAR_LIMIT = 0.9;

type Props = Omit<ComponentProps<"textarea">, "maxLength"> & {
  label: string;
  error?: string;
  hint?: string;
  /**
   * The most characters the server takes (the schema's limit). Shown as a
   * counter under the field ("3,980 / 20,000"), never enforced by the browser:
   * `maxLength` would cut a paste silently, so the field has none and the
   * server refuses an over-long text with a field error instead.
   */
  limit?: number;
};

/** A labelled textarea, wired like TextField; with `limit`, a character counter under it. */
export function TextAreaField({ label, error, hint, className = "", id, limit, onChange, ...props }: Props) {
  const generated = useId();
  const fieldId = id ?? generated;
  const [typed, setTyped] = useState(String(props.value ?? props.defaultValue ?? ""));
  // An uncontrolled field emptied by form.reset() after a save: the counter follows.
  const initial = String(props.defaultValue ?? "");
  useEffect(() => {
    if (limit === undefined) return;
    const form = (document.getElementById(fieldId) as HTMLTextAreaElement | null)?.form;
    if (!form) return;
    const onReset = () => setTyped(initial);
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [fieldId, initial, limit]);
  const length = (props.value !== undefined ? String(props.value) : typed).length;

  return (
    <div className={className}>
      <label htmlFor={fieldId} className={LABEL_CLASS}>
        {label}
      </label>
      <textarea
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        className={CONTROL_CLASS}
        {...props}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
          setTyped(event.target.value);
          onChange?.(event);
        }}
      />
      {limit !== undefined && <LengthCounter length={length} limit={limit} />}
      <FieldNotes id={fieldId} hint={hint} error={error} />
    </div>
  );
}

/**
 * "3,980 / 20,000" under the field, red when over. Screen readers hear it
 * (politely) only near or over the limit, not on every key.
 */
export function LengthCounter({ length, limit }: { length: number; limit: number }) {
  const t = useTranslations("textLength");
  const format = numberFormat(useLocale()).format;
  const over = length > limit;
  const near = length >= limit * NEAR_LIMIT;
  return (
    <>
      <p data-testid="length-counter" aria-hidden="true" className={`mt-1 text-right text-xs tabular-nums ${over ? "font-medium text-red-700" : "text-slate-500"}`}>
        {t("count", { length: format(length), limit: format(limit) })}
      </p>
      <p aria-live="polite" className="sr-only">
        {over ? t("over", { over: format(length - limit), limit: format(limit) }) : near ? t("left", { left: format(limit - length), limit: format(limit) }) : ""}
      </p>
    </>
  );
}
