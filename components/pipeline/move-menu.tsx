"use client";

import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import type { Stage } from "@/lib/generated/prisma/enums";

type Props = {
  title: string;
  stages: { stage: Stage; label: string }[];
  onPick: (stage: Stage) => void;
  /** Lets the board return focus here after a dialog closes. */
  buttonRef?: (el: HTMLButtonElement | null) => void;
};

/** Room a menu of the eight stages needs below its button, else it opens upwards. */
const MENU_HEIGHT = 260;

/**
 * Where the menu goes: fixed to the viewport beside its button, so a board
 * column that scrolls on its own (overflow) does not cut it off.
 */
function placeBeside(button: HTMLElement): CSSProperties {
  const r = button.getBoundingClientRect();
  const right = Math.max(8, window.innerWidth - r.right);
  return r.bottom + MENU_HEIGHT > window.innerHeight && r.top > MENU_HEIGHT ? { right, bottom: window.innerHeight - r.top + 4 } : { right, top: r.bottom + 4 };
}

/**
 * The keyboard way to move a card: a menu button listing the other stages
 * (WAI-ARIA menu button: arrows move, Enter picks, Escape closes).
 */
export function MoveMenu({ title, stages, onPick, buttonRef }: Props) {
  const t = useTranslations("pipeline.card");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<CSSProperties>({});
  const menuId = useId();
  const button = useRef<HTMLButtonElement | null>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const root = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    // A fixed menu would stay put while its card scrolls away: scrolling closes it.
    const onScroll = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("scroll", onScroll, true);
    };
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const openAt = (index: number) => {
    if (button.current) setPlace(placeBeside(button.current));
    setActive(index);
    setOpen(true);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(stages.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const last = stages.length - 1;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (active >= last ? 0 : active + 1),
      ArrowUp: () => (active <= 0 ? last : active - 1),
      Home: () => 0,
      End: () => last,
    };
    if (moves[event.key]) {
      event.preventDefault();
      setActive(moves[event.key]());
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  return (
    <div ref={root} className="relative shrink-0">
      <button
        ref={(el) => {
          button.current = el;
          buttonRef?.(el);
        }}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("moveToFor", { title })}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
        className="whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
      >
        {t("moveTo")}
      </button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={t("menuLabel")}
          onKeyDown={onMenuKeyDown}
          style={place}
          className="fixed z-30 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {stages.map(({ stage, label }, index) => (
            <li key={stage} role="none">
              <button
                ref={(el) => {
                  items.current[index] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                onClick={() => {
                  close(false);
                  onPick(stage);
                }}
                className="block w-full px-3 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-brand-50 focus:outline-none"
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
