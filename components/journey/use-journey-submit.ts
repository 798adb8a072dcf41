"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";

/** A v4 uuid, also where crypto.randomUUID is missing (plain http on an intranet address). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type JourneyAction<T> = (prev: unknown, formData: FormData) => Promise<ActionResult<T>>;

/**
 * The submit side of a journey form: one request at a time (a double click
 * sends once; the requestId makes a retry harmless too), the result for the
 * field errors and the aria-live summary, a requestId made when the form
 * opens and renewed after each success. Fields are uncontrolled and the form
 * is never reset on an error, so what the user typed stays.
 */
export function useJourneySubmit<T>(action: JourneyAction<T>, onSuccess?: (data: T, form: HTMLFormElement) => void) {
  const te = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [requestId, setRequestId] = useState("");
  const busy = useRef(false);

  // Made in the browser when the form opens (not during server rendering).
  useEffect(() => setRequestId(newRequestId()), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current || !requestId) return;
    busy.current = true;
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      try {
        const outcome = await action(null, formData);
        setResult(outcome);
        if (outcome.ok) {
          setRequestId(newRequestId());
          onSuccess?.(outcome.data, form);
        }
      } catch {
        setResult({ ok: false, error: "server", message: te("serverBody") });
      } finally {
        busy.current = false;
      }
    });
  }

  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  /** The error of a field (or of any of its items, e.g. topics.1). */
  const errorOf = (name: string) => fieldErrors[name] ?? Object.entries(fieldErrors).find(([k]) => k.startsWith(`${name}.`))?.[1];

  return { pending: pending || !requestId, result, requestId, onSubmit, errorOf, reset: () => setResult(null) };
}

/** Ctrl+Enter / ⌘+Enter submits the form. */
export function submitOnCtrlEnter(event: React.KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
