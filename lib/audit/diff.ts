/**
 * The difference between an audit row's `before` and `after`: only the keys
 * whose value changed, each as old → new. Pure (no I/O), so the audit viewer
 * and its test share it. A key present on one side only counts as changed
 * (absent is shown as null). Nested values compare by their content.
 */
export type DiffEntry = { key: string; before: unknown; after: unknown };

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep equality for JSON values (key order does not matter). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Changed keys, in the order they first appear (after's keys, then before's
 * keys that after dropped). A side that is not an object (null: a create or a
 * delete) counts as an empty record, so a create lists every key as — → value.
 */
export function auditDiff(before: Json, after: Json): DiffEntry[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  if (!isPlainObject(before) && !isPlainObject(after)) {
    // Scalars or nothing on both sides: one unnamed change, or none.
    return jsonEqual(before ?? null, after ?? null) ? [] : [{ key: "", before: before ?? null, after: after ?? null }];
  }
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  const out: DiffEntry[] = [];
  for (const key of keys) {
    const old = key in b ? b[key] : null;
    const now = key in a ? a[key] : null;
    if (!jsonEqual(old ?? null, now ?? null)) out.push({ key, before: old ?? null, after: now ?? null });
  }
  return out;
}

/** A value for display: nothing as an em dash, strings as they are, anything else as compact JSON. */
export function diffValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
