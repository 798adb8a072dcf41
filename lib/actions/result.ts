/** Who last changed one field of a record since the version a user loaded, from the audit log. */
export type FieldChange = {
  field: string;
  /** The user's name; null when the audit row has no actor (an import, a script). */
  by: string | null;
  /** ISO timestamp. */
  at: string;
};

/**
 * The one answer to an edit made against an older version, whatever the
 * record (project, company, contact, event, user, unit, reference item): the
 * form merges with it (lib: components/ui/use-conflict-rows.ts) and ConflictBox
 * shows it.
 */
export type ConflictAnswer = {
  /** The version to save against now. */
  version: number;
  /** The record's fields now, as its edit form sends them: strings, "" for empty. */
  values: Record<string, string>;
  /** What to show for values the form cannot name itself (e.g. the anchor project's title). */
  labels?: Record<string, string>;
  /** The latest change of each field since the user's version (none for a field moved by something unaudited). */
  changes: FieldChange[];
};

/**
 * A record's fields as its edit form sends them, the one spelling of a
 * conflict's `values` and of what a form loaded: "" for empty, booleans as
 * "true"/"false", dates as YYYY-MM-DD, the rest as text.
 */
export function formStrings(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)]),
  );
}

/** What every server action returns; forms render it (field errors next to fields, a summary in an aria-live region). */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "unavailable" | "server";
      /** A sentence for the summary, already in the user's language. */
      message: string;
      /** Per field, already in the user's language. */
      fieldErrors?: Record<string, string>;
      /** On a version conflict: the record now and who changed what since the user's version. */
      conflict?: ConflictAnswer;
    };
