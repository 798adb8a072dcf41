"use client";

import { useEffect, useRef, useState } from "react";
import { formStrings, type ConflictAnswer } from "@/lib/actions/result";

/**
 * One field in a conflict: what it was when the user loaded the record
 * (`before`), what is saved now (`now`, changed by `by` at `at`), and what
 * the user has in the form (`mine`).
 * - taken: the user had not changed it; the form now holds the saved value;
 * - asked: both changed it, differently; the user chooses (the form keeps
 *   theirs until then);
 * - same: both made the same change;
 * - info: the field is not in this form (another form of the record).
 */
export type ConflictRow<F extends string = string> = {
  field: F;
  kind: "taken" | "asked" | "same" | "info";
  before: string;
  now: string;
  mine: string;
  by: string | null;
  at: string | null;
};

export type SameValue<F extends string> = (field: F, a: string, b: string) => boolean;
const exactly = (_f: string, a: string, b: string) => a === b;

/**
 * The three-way merge after a version conflict, pure: `base` is what the user
 * loaded, `mine` what the form holds (only the fields this form has), the
 * answer what is saved now. A field the user did not change takes the saved
 * value, so re-saving never puts back what a colleague replaced; a field only
 * the user changed keeps theirs; a field both changed is asked about.
 */
export function mergeAfterConflict<F extends string>(
  fields: readonly F[],
  base: Record<F, string>,
  mine: Partial<Record<F, string>>,
  answer: ConflictAnswer,
  same: SameValue<F> = exactly,
): { values: Partial<Record<F, string>>; rows: ConflictRow<F>[] } {
  const values: Partial<Record<F, string>> = {};
  const rows: ConflictRow<F>[] = [];
  for (const field of fields) {
    const before = base[field] ?? "";
    const now = answer.values[field] ?? "";
    const held = mine[field];
    const theyChanged = !same(field, now, before);
    const iChanged = held !== undefined && !same(field, held, before);
    if (held !== undefined) values[field] = theyChanged && !iChanged ? now : held;
    if (!theyChanged) continue;
    const change = answer.changes.find((c) => c.field === field);
    const kind = held === undefined ? "info" : !iChanged ? "taken" : same(field, held, now) ? "same" : "asked";
    rows.push({ field, kind, before, now, mine: held ?? before, by: change?.by ?? null, at: change?.at ?? null });
  }
  return { values, rows };
}

/** The values of `fields` a form holds now, by name (a field the form lacks is left out). */
function readForm<F extends string>(form: HTMLFormElement, fields: readonly F[]): Partial<Record<F, string>> {
  const data = new FormData(form);
  return Object.fromEntries(fields.filter((f) => data.has(f)).map((f) => [f, String(data.get(f))])) as Partial<Record<F, string>>;
}

/** Writes values into an uncontrolled form's fields by name. */
function writeForm(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = form.elements.namedItem(name);
    if (el && "value" in el) (el as { value: string }).value = value;
  }
}

/** A record's fields as its form sends them ("" for empty), for `initial`: the same strings a conflict answers with. */
export function formValuesOf<F extends string>(fields: readonly F[], record: Partial<Record<F, unknown>> | undefined): Record<F, string> {
  return formStrings(Object.fromEntries(fields.map((f) => [f, record?.[f]]))) as Record<F, string>;
}

type Options<F extends string> = {
  /** The record's fields the box describes (the answer's `values` keys). */
  fields: readonly F[];
  /** The values as loaded (as the form sends them); a new `version` from the page (a refresh) resets them. */
  initial: Record<F, string>;
  version: number;
  /** Puts merged values in a controlled form; by default they are written into the fields of the form `formRef` marks. */
  apply?: (values: Partial<Record<F, string>>, answer: ConflictAnswer) => void;
  /** When two values mean the same (an amount typed as 4.2亿 and stored as 420000000). */
  same?: SameValue<F>;
};

/**
 * An edit form's side of a version conflict, the one every form uses: pass
 * `onConflict` to useActionForm, put `formRef` on the form holding the
 * fields, send `version`, and render <ConflictBox conflict={…} />. On a
 * conflict the form takes what colleagues changed in the fields the user left
 * alone, keeps the user's own changes, and asks about fields both changed.
 * The next conflict compares with what this one showed.
 */
export function useConflictMerge<F extends string>({ fields, initial, version: loaded, apply, same }: Options<F>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [version, setVersion] = useState(loaded);
  const [base, setBase] = useState(initial);
  const [state, setState] = useState<{ answer: ConflictAnswer; rows: ConflictRow<F>[]; chosen: Partial<Record<F, "mine" | "theirs">> } | null>(null);

  // The page re-read the record (router.refresh after a save): that is the new starting point.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    setVersion(loaded);
    setBase(initialRef.current);
  }, [loaded]);

  function put(values: Partial<Record<F, string>>, answer: ConflictAnswer) {
    if (apply) apply(values, answer);
    else if (formRef.current) writeForm(formRef.current, values as Record<string, string>);
  }

  function onConflict(answer: ConflictAnswer, _sent: FormData, sentForm: HTMLFormElement) {
    const form = formRef.current ?? sentForm;
    const merged = mergeAfterConflict(fields, base, readForm(form, fields), answer, same);
    put(merged.values, answer);
    setBase(Object.fromEntries(fields.map((f) => [f, answer.values[f] ?? ""])) as Record<F, string>);
    setVersion(answer.version);
    setState({ answer, rows: merged.rows, chosen: {} });
  }

  /** For a field both changed: keep the user's value or take the saved one. */
  function choose(field: F, choice: "mine" | "theirs") {
    if (!state) return;
    const row = state.rows.find((r) => r.field === field);
    if (!row) return;
    put({ [field]: choice === "mine" ? row.mine : row.now } as Partial<Record<F, string>>, state.answer);
    setState({ ...state, chosen: { ...state.chosen, [field]: choice } });
  }

  /** After a save: its version; the box goes. */
  function saved(newVersion: number) {
    setVersion(newVersion);
    setState(null);
  }

  return {
    formRef,
    version,
    /** The record's fields as last known: as loaded, or as the last conflict showed them. */
    current: base,
    onConflict,
    saved,
    /** What ConflictBox shows; null without a conflict. */
    conflict: state ? { rows: state.rows, chosen: state.chosen, choose } : null,
  };
}

export type ConflictView<F extends string = string> = NonNullable<ReturnType<typeof useConflictMerge<F>>["conflict"]>;
