"use client";

import { useEffect, useState } from "react";

/**
 * What an uncontrolled field holds now, for an echo under it (AmountField,
 * DateField): follows typing through `setTyped`, and goes back to the default
 * when its form is reset (form.reset() after a save).
 */
export function useTypedValue(inputId: string, initial: string) {
  const [typed, setTyped] = useState(initial);
  useEffect(() => {
    const form = (document.getElementById(inputId) as HTMLInputElement | null)?.form;
    if (!form) return;
    const onReset = () => setTyped(initial);
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [inputId, initial]);
  return [typed, setTyped] as const;
}
