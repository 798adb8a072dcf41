"use client";

import { useState } from "react";

export type ConflictRow = { label: string; value: string };

/**
 * The rows for ConflictBox: the fields whose shown value differs between what
 * the user loaded (`before`) and the record now; all fields when none differ
 * visibly (or nothing was loaded), so the box is never empty.
 */
export function changedRows<F extends string, V>(fields: readonly F[], before: V | undefined, now: V, show: (field: F, values: V) => string, label: (field: F) => string): ConflictRow[] {
  const changed = fields.filter((f) => before === undefined || show(f, before) !== show(f, now));
  return (changed.length ? changed : fields).map((f) => ({ label: label(f), value: show(f, now) }));
}

/**
 * An edit form's side of a version conflict (pass `onConflict` to
 * useActionForm): the version to send next (the record's current one once a
 * conflict showed it) and the ConflictBox rows, what changed since the user
 * loaded the record, or since the last conflict showed it.
 */
export function useConflictRows<F extends string, V extends { version?: number }>(
  fields: readonly F[],
  initial: V | undefined,
  show: (field: F, values: V) => string,
  label: (field: F) => string,
) {
  const [version, setVersion] = useState(initial?.version ?? 1);
  const [baseline, setBaseline] = useState<V | undefined>(initial);
  const [rows, setRows] = useState<ConflictRow[]>([]);
  function onConflict(record: Record<string, unknown>) {
    const current = record as unknown as V;
    setRows(changedRows(fields, baseline, current, show, label));
    setBaseline(current);
    setVersion(Number(current.version));
  }
  return { version, rows, onConflict };
}
