"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { NavLinks } from "@/components/shell/nav-links";

/** Below the md breakpoint the navigation folds behind a menu button. */
export function MobileNav({ items, children }: { items: { href: string; key: string }[]; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  return (
    <div className="lg:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm"
      >
        {open ? t("closeMenu") : t("openMenu")}
      </button>
      {open && (
        <div id="mobile-nav" className="absolute inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-3 shadow-lg">
          <nav aria-label={t("label")}>
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
          </nav>
          <div className="mt-3 border-t border-slate-200 pt-3">{children}</div>
        </div>
      )}
    </div>
  );
}
