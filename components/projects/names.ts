import type { Locale } from "@/i18n/locales";

/** The name to show in the user's language: English when there is one, else Chinese. */
export function localName(item: { nameZh: string; nameEn?: string | null } | null | undefined, locale: Locale | string): string {
  if (!item) return "—";
  return locale === "en" && item.nameEn ? item.nameEn : item.nameZh;
}
