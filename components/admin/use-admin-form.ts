"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * The submit cycle every admin form shares: one submit at a time (a double
 * click sends one request), pending state, the failure (field errors and
 * summary) kept until the next submit, a request id renewed after each
 * success, and on a conflict the record as it is now. What the user typed
 * stays in the (uncontrolled) inputs on any error.
 */
export function useAdminForm<T>(
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<T>>,
  opts: { onSuccess?: (data: T, form: HTMLFormElement) => string | null | void; onConflict?: (current: Record<string, unknown>) => void } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const submitting = useRef(false);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;
    submitting.current = true;
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      try {
        const result = await action(null, formData);
        if (result.ok) {
          setFailure(null);
          setConflict(null);
          setRequestId(crypto.randomUUID());
          setSuccess(opts.onSuccess?.(result.data, form) ?? null);
          router.refresh();
          return;
        }
        setSuccess(null);
        setFailure(result);
        if (result.error === "conflict" && result.current) {
          setConflict(result.current);
          opts.onConflict?.(result.current);
        } else {
          setConflict(null);
        }
      } finally {
        submitting.current = false;
      }
    });
  }

  return { onSubmit, pending, failure, errors: failure?.fieldErrors ?? {}, success, conflict, requestId };
}
