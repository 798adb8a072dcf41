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
      /** On a version conflict: the record as it is now, so the form can show what changed. */
      current?: Record<string, unknown>;
    };
