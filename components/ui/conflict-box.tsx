"use client";

import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/i18n/locales";
import { formatDateTime } from "@/lib/format/dates";
import type { ConflictView } from "@/components/ui/use-conflict-rows";

type Props<F extends string> = {
  /** From useConflictMerge; nothing is shown without a conflict. */
  conflict: ConflictView<F> | null;
  /** The form's own heading for it ("Someone else changed this project while you were editing"). */
  title?: string;
  label: (field: F) => string;
  /** A value as people read it: amounts in 亿元/万元, dates, reference items by name; "" is never passed. */
  show: (field: F, value: string) => string;
};

/**
 * "Someone else changed this meanwhile": who changed what and when, the
 * fields now taken into the form, and a choice for each field both the user
 * and a colleague changed. Rendered from useConflictMerge's `conflict`.
 */
export function ConflictBox<F extends string>({ conflict, title, label, show }: Props<F>) {
  const t = useTranslations("conflict");
  const locale = useLocale() as Locale;
  const uid = useId();
  if (!conflict) return null;
  const value = (field: F, v: string) => (v === "" ? t("empty") : show(field, v));
  const who = (by: string | null) => by ?? t("someone");
  const when = (at: string | null) => (at ? formatDateTime(at, locale) : null);
  const told = conflict.rows.filter((r) => r.kind !== "asked");
  const asked = conflict.rows.filter((r) => r.kind === "asked");

  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="conflict" role="group" aria-labelledby={`${uid}-title`}>
      <p id={`${uid}-title`} className="font-semibold">
        {title ?? t("title")}
      </p>
      {conflict.rows.length === 0 && <p className="mt-2">{t("nothingInForm")}</p>}
      {told.length > 0 && (
        <ul className="mt-2 space-y-1">
          {told.map((r) => (
            <li key={r.field} data-field={r.field}>
              <span className="font-medium">{label(r.field)}</span>
              {t("separator")}
              {value(r.field, r.before)} → <span className="font-medium">{value(r.field, r.now)}</span>
              <span className="text-amber-800">
                {" "}
                {when(r.at) ? t("byAt", { name: who(r.by), at: when(r.at)! }) : t("by", { name: who(r.by) })}
                {r.kind !== "info" && ` · ${t(r.kind)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {asked.map((r) => {
        const chosen = conflict.chosen[r.field] ?? "mine";
        return (
          <fieldset key={r.field} className="mt-3 rounded border border-amber-300 bg-white/60 p-2" data-field={r.field}>
            <legend className="px-1 font-medium">{t("bothChanged", { field: label(r.field), name: who(r.by) })}</legend>
            {when(r.at) && <p className="text-amber-800">{t("theirsAt", { name: who(r.by), at: when(r.at)!, before: value(r.field, r.before) })}</p>}
            <label className="mt-1 flex items-center gap-2">
              <input type="radio" name={`${uid}-${r.field}`} checked={chosen === "mine"} onChange={() => conflict.choose(r.field, "mine")} />
              {t("keepMine", { value: value(r.field, r.mine) })}
            </label>
            <label className="mt-1 flex items-center gap-2">
              <input type="radio" name={`${uid}-${r.field}`} checked={chosen === "theirs"} onChange={() => conflict.choose(r.field, "theirs")} />
              {t("takeTheirs", { name: who(r.by), value: value(r.field, r.now) })}
            </label>
          </fieldset>
        );
      })}
      <p className="mt-2">{asked.length > 0 ? t("hintChoose") : t("hintSaveAgain")}</p>
    </div>
  );
}
