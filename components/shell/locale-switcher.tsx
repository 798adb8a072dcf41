"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { LOCALES } from "@/i18n/locales";
import { setLocale } from "@/i18n/set-locale";

/** Switches the language and re-renders the page in it; the choice is remembered. */
export function LocaleSwitcher() {
  const t = useTranslations("locale");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <div role="group" aria-label={t("switchTo")} className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocale(locale);
              router.refresh();
            })
          }
          className="px-2 py-1 aria-pressed:bg-brand-600 aria-pressed:text-white hover:bg-slate-100 aria-pressed:hover:bg-brand-700"
        >
          {t(locale)}
        </button>
      ))}
    </div>
  );
}
