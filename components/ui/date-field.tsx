"use client";

import { useId, useRef, type InputHTMLAttributes, type KeyboardEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { parseDate } from "@/lib/format/parse-date";
import { formatDateFull } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { CONTROL_CLASS, FieldNotes, LABEL_CLASS, describedBy } from "@/components/ui/field-notes";
import { useTypedValue } from "@/components/ui/use-typed-value";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "defaultValue" | "min" | "max"> & {
  label: string;
  error?: string;
  hint?: string;
  /** YYYY-MM-DD */
  defaultValue?: string;
  /** The calendar's range (YYYY-MM-DD); the server checks the rule. */
  min?: string;
  max?: string;
};

/**
 * A date typed as officials write it (2026-12-01, 2026/12/1, 20261201,
 * 2026年12月1日), one Tab stop, with the date it reads echoed under it from
 * the parser the server uses (lib/format/parse-date.ts); written out as
 * YYYY-MM-DD when the field is left. A calendar is one click (the button,
 * outside the Tab order) or Alt+↓ away. Uncontrolled: the form sends what
 * was typed.
 */
export function DateField({ label, error, hint, id, className = "", defaultValue = "", min, max, onChange, onBlur, onKeyDown, ...props }: Props) {
  const t = useTranslations("dateField");
  const locale = useLocale() as Locale;
  const generated = useId();
  const inputId = id ?? generated;
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useTypedValue(inputId, defaultValue);
  const parsed = typed.trim() ? parseDate(typed) : null;
  // The echo, unless the server's refusal is shown: one message under the field at a time.
  const echo = parsed?.ok ? t("reads", { date: formatDateFull(parsed.value, locale) }) : parsed?.reason === "invalid" ? t("invalid") : parsed ? t("format") : undefined;
  const note = (error ? undefined : echo) ?? hint;

  const openPicker = () => {
    const p = picker.current;
    if (!p) return;
    p.value = parsed?.ok ? parsed.value : "";
    try {
      p.showPicker();
    } catch {
      input.current?.focus(); // no calendar here: typing works
    }
  };
  const set = (value: string) => {
    if (input.current) input.current.value = value;
    setTyped(value);
  };

  return (
    <div className={className}>
      <label htmlFor={inputId} className={LABEL_CLASS}>
        {label}
      </label>
      <div className="relative">
        <input
          {...props}
          ref={input}
          id={inputId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t("placeholder")}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(inputId, note, error)}
          className={`${CONTROL_CLASS} pr-10`}
          onChange={(event) => {
            setTyped(event.target.value);
            onChange?.(event);
          }}
          onBlur={(event) => {
            const value = parseDate(event.target.value);
            if (value.ok && value.value !== event.target.value) set(value.value);
            onBlur?.(event);
          }}
          onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
            if (event.altKey && event.key === "ArrowDown") {
              event.preventDefault();
              openPicker();
            }
            onKeyDown?.(event);
          }}
        />
        {/* Named "open calendar", not after the field: looking the field up by its label finds the field alone. */}
        <button
          type="button"
          tabIndex={-1}
          aria-label={t("pick")}
          title={t("pick")}
          onClick={openPicker}
          disabled={props.disabled}
          className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-50"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="3" y="4.5" width="14" height="12" rx="1.5" />
            <path d="M3 8.5h14M7 3v3M13 3v3" />
          </svg>
        </button>
        {/* The browser's calendar, opened by the button; what it picks goes into the text field. */}
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          min={min}
          max={max}
          className="pointer-events-none absolute bottom-0 right-0 h-px w-px opacity-0"
          onChange={(event) => {
            if (event.target.value) set(event.target.value);
            input.current?.focus();
          }}
        />
      </div>
      <FieldNotes id={inputId} hint={note} error={error} />
    </div>
  );
}
