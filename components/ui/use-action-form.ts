"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult, ConflictAnswer } from "@/lib/actions/result";

export type FormAction<T> = (prev: unknown, formData: FormData) => Promise<ActionResult<T>>;
export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

type Options<T> = {
  /** After a success, with the form that was sent. Return a sentence to announce it as the form's status ("Saved."). */
  onSuccess?: (data: T, form: HTMLFormElement) => string | null | void;
  /**
   * On a version conflict: the answer (the record now, who changed what), what
   * was sent and the form, so the form can merge (useConflictMerge).
   */
  onConflict?: (answer: ConflictAnswer, sent: FormData, form: HTMLFormElement) => void;
  /** A check in the browser before anything is sent; a failure it returns is shown like the server's. */
  precheck?: (formData: FormData) => ActionFailure | null;
  /** Re-render the page's server components after a success (what the form changed shows elsewhere on the page). */
  refresh?: boolean;
};

/** A v4 uuid, also where crypto.randomUUID is missing (plain http on an intranet address). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The error of a field, or of any of its items (topics → topics.1). */
export function fieldError(fieldErrors: Record<string, string>, name: string): string | undefined {
  return fieldErrors[name] ?? Object.entries(fieldErrors).find(([k]) => k.startsWith(`${name}.`))?.[1];
}

/** Ctrl+Enter / ⌘+Enter submits the form (put it on the form's onKeyDown). */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

/** What a form sends, its requestId left out (renewed after each success), to compare two submits. */
function formSnapshot(formData: FormData): string {
  const entries = [...formData.entries()].filter(([name]) => name !== "requestId");
  return JSON.stringify(entries.map(([name, value]) => [name, typeof value === "string" ? value : `${value.name}:${value.size}`]));
}

/**
 * A second Ctrl+Enter (or click) that lands just after the save: it would
 * send the form that onSuccess has just emptied, and the "required" errors of
 * that empty form would replace the confirmation, so the officer thinks the
 * round was lost. Such a submit is ignored (the confirmation stays) until the
 * form changes; a form that onSuccess leaves as it was is not guarded.
 */
export function createClearedFormGuard() {
  let cleared: string | null = null;
  return {
    /** After a success: what was sent and the form as onSuccess left it. */
    succeeded(sent: FormData, after: FormData) {
      const left = formSnapshot(after);
      cleared = left === formSnapshot(sent) ? null : left;
    },
    /** Whether this submit only resends the just-emptied form; any other submit ends the guard. */
    ignores(formData: FormData): boolean {
      if (cleared !== null && formSnapshot(formData) === cleared) return true;
      cleared = null;
      return false;
    },
    forget() {
      cleared = null;
    },
  };
}

/**
 * The one submit cycle of every form that calls a server action:
 * - one request at a time: a double click sends once (and the requestId makes
 *   a retry harmless too); `pending` disables the submit button;
 * - a requestId made in the browser when the form opens (not during server
 *   rendering, so the page hydrates cleanly) and renewed after each success;
 *   `pending` stays true until it exists;
 * - a submit of the form a success has just emptied, unchanged since (the
 *   second of two quick Ctrl+Enter presses), is ignored and the confirmation
 *   stays (createClearedFormGuard);
 * - the failure kept until the next result: `errorOf(field)` for the field
 *   errors, `failure.message` for the aria-live summary; a thrown action (the
 *   network, the server) becomes the generic server failure;
 * - on a version conflict, `conflict` holds the answer (the record now, who
 *   changed what), and onConflict merges it into the form;
 * - `success` holds the sentence onSuccess returned.
 * Fields stay uncontrolled (or the caller's state) and are never reset on an
 * error, so what the user typed stays; onSuccess decides what to clear.
 */
export function useActionForm<T>(action: FormAction<T>, options: Options<T> = {}) {
  const te = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ConflictAnswer | null>(null);
  const [requestId, setRequestId] = useState("");
  const busy = useRef(false);
  const [guard] = useState(createClearedFormGuard);

  useEffect(() => setRequestId(newRequestId()), []);

  function fail(failure: ActionFailure, sent?: { formData: FormData; form: HTMLFormElement }) {
    setResult(failure);
    setSuccess(null);
    if (failure.error === "conflict" && failure.conflict) {
      setConflict(failure.conflict);
      if (sent) options.onConflict?.(failure.conflict, sent.formData, sent.form);
    } else {
      setConflict(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current || !requestId) return;
    const form = event.currentTarget;
    const formData = new FormData(form);
    if (guard.ignores(formData)) return;
    const refused = options.precheck?.(formData);
    if (refused) {
      fail(refused);
      return;
    }
    busy.current = true;
    startTransition(async () => {
      try {
        const outcome = await action(null, formData);
        if (!outcome.ok) {
          fail(outcome, { formData, form });
          return;
        }
        setResult(outcome);
        setConflict(null);
        setRequestId(newRequestId());
        setSuccess(options.onSuccess?.(outcome.data, form) ?? null);
        guard.succeeded(formData, new FormData(form));
        if (options.refresh) router.refresh();
      } catch {
        fail({ ok: false, error: "server", message: te("serverBody") });
      } finally {
        busy.current = false;
      }
    });
  }

  const failure = result && !result.ok ? result : null;
  const errors = failure?.fieldErrors ?? {};

  /** Forget the last result (e.g. when the user starts over). */
  function reset() {
    guard.forget();
    setResult(null);
    setSuccess(null);
    setConflict(null);
  }

  return {
    onSubmit,
    pending: pending || !requestId,
    requestId,
    result,
    failure,
    errors,
    errorOf: (name: string) => fieldError(errors, name),
    success,
    conflict,
    reset,
  };
}
