"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";

const ZLocale = z.enum(LOCALES);

/** Remembers the language choice for a year. Needs no user: the sign-in page has it too. */
export async function setLocale(locale: unknown): Promise<{ ok: boolean }> {
  const parsed = ZLocale.safeParse(locale);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", httpOnly: true });
  return { ok: true };
}
