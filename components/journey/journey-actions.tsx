"use client";

import { useEffect, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { LogRoundForm } from "@/components/journey/round-form";
import { MoveStageForm } from "@/components/journey/stage-form";
import { FundsForm } from "@/components/journey/funds-form";

type Form = "round" | "stage" | "funds";

type Props = {
  round: Omit<ComponentProps<typeof LogRoundForm>, "onCancel">;
  stage: Omit<ComponentProps<typeof MoveStageForm>, "onCancel">;
  /** Only for a signed project. */
  funds: Omit<ComponentProps<typeof FundsForm>, "onCancel"> | null;
};

/** The key that opens the round form from anywhere on the page (not while typing). */
const ROUND_KEY = "n";
/** Where "记录洽谈" on My work lands: the project page with the round form open. */
const ROUND_HASH = "#log-round";

function typingIn(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The journey's forms, opened on demand: the page leads with the project and
 * nothing takes the focus on load. A button (or N, or arriving at
 * #log-round) opens a form with the focus in its first field; Escape or
 * Cancel closes it and gives the focus back to its button. One form at a time.
 */
export function JourneyActions({ round, stage, funds }: Props) {
  const t = useTranslations("journey.actions");
  const [open, setOpen] = useState<Form | null>(null);
  const buttons = useRef(new Map<Form, HTMLButtonElement>());
  const panel = useRef<HTMLDivElement>(null);
  // What is open, for the page-wide key listener (registered once).
  const openNow = useRef<Form | null>(null);

  const close = () => {
    const was = open;
    setOpen(null);
    if (was) buttons.current.get(was)?.focus();
  };

  useEffect(() => {
    if (window.location.hash === ROUND_HASH) setOpen("round");
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key.toLowerCase() !== ROUND_KEY || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (typingIn(event.target) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      // Already open (the focus left it): back into its first field.
      if (openNow.current === "round") panel.current?.querySelector<HTMLElement>("textarea, input:not([type=hidden]), select")?.focus();
      else setOpen("round");
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // The opened form is in view (its first field has the focus through autoFocus).
  useEffect(() => {
    openNow.current = open;
    if (open) panel.current?.scrollIntoView({ block: "nearest" });
  }, [open]);

  const opener = (form: Form, label: string, shortcut?: string) => (
    <button
      type="button"
      ref={(el) => {
        if (el) buttons.current.set(form, el);
      }}
      aria-expanded={open === form}
      aria-controls={open === form ? "journey-form" : undefined}
      aria-keyshortcuts={shortcut}
      onClick={() => setOpen((current) => (current === form ? null : form))}
      className={buttonClasses(form === "round" ? "primary" : "secondary")}
    >
      {label}
      {shortcut && (
        <kbd aria-hidden="true" className="rounded border border-current px-1 font-sans text-xs opacity-80">
          {shortcut}
        </kbd>
      )}
    </button>
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="space-y-4">
      <div role="group" aria-label={t("label")} className="flex flex-wrap gap-2">
        {opener("round", t("round"), ROUND_KEY.toUpperCase())}
        {opener("stage", t("stage"))}
        {funds && opener("funds", t("funds"))}
      </div>
      {open && (
        <div ref={panel} id="journey-form" onKeyDown={onKeyDown}>
          {open === "round" && <LogRoundForm {...round} onCancel={close} />}
          {open === "stage" && <MoveStageForm {...stage} onCancel={close} />}
          {open === "funds" && funds && <FundsForm {...funds} onCancel={close} />}
        </div>
      )}
    </div>
  );
}
