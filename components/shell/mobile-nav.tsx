"use client";

import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NavLinks } from "@/components/shell/nav-links";

/**
 * Below the lg breakpoint the navigation folds behind a menu button. A native
 * <details> works before the page's script has loaded and tells assistive
 * technology whether it is open; it closes itself after a navigation.
 */
export function MobileNav({ items, children }: { items: { href: string; key: string }[]; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);

  return (
    <details ref={details} className="lg:hidden">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-2 text-sm">{t("menu")}</summary>
      <div id="mobile-nav" className="absolute inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-3 shadow-lg">
        <nav aria-label={t("label")}>
          <NavLinks items={items} />
        </nav>
        <div className="mt-3 border-t border-slate-200 pt-3">{children}</div>
      </div>
    </details>
  );
}
