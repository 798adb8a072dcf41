"use client";

import { useId, type ChangeEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { TextField } from "@/components/ui/text-field";
import { useTypedValue } from "@/components/ui/use-typed-value";
import { parseAmount } from "@/lib/format/parse-amount";
import { formatCny, formatUsd } from "@/lib/format/money";
import { numberFormat } from "@/lib/format/intl-cache";
import type { Locale } from "@/i18n/locales";

type Props = Omit<React.ComponentProps<typeof TextField>, "type" | "inputMode"> & {
  /** Yuan or US dollars: how the echo reads. */
  currency?: "CNY" | "USD";
};

/**
 * An amount typed as officials say it ("10.6亿", "8000万", "2,100,000,000"),
 * with what will be stored echoed under the field while typing ("将保存为
 * 10.6亿元（1,060,000,000 元）"), from the same parser the server uses
 * (lib/format/parse-amount.ts). Works controlled (value/onChange) or not.
 */
export function AmountField({ currency = "CNY", hint, onChange, id, ...props }: Props) {
  const t = useTranslations("amount");
  const locale = useLocale() as Locale;
  const generated = useId();
  const inputId = id ?? generated;
  // An uncontrolled field emptied by form.reset() after a save: the echo follows.
  const [typed, setTyped] = useTypedValue(inputId, String(props.defaultValue ?? ""));
  const current = props.value !== undefined ? String(props.value) : typed;
  const parsed = current.trim() ? parseAmount(current) : null;

  let note = hint;
  if (parsed?.ok) {
    const amount = currency === "USD" ? formatUsd(parsed.value, locale) : formatCny(parsed.value, locale);
    const value = numberFormat(locale, { maximumFractionDigits: 2 }).format(Number(parsed.value));
    note = t("willSave", { amount, exact: t(currency === "USD" ? "exactUsd" : "exactCny", { value }) });
  } else if (parsed?.reason === "ambiguous") {
    note = t("ambiguous");
  }

  return (
    <TextField
      {...props}
      id={inputId}
      inputMode="decimal"
      autoComplete="off"
      hint={note}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        setTyped(event.target.value);
        onChange?.(event);
      }}
    />
  );
}
