import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE } from "@/i18n/locales";

/** The remembered choice first, else the browser's languages. */
export default getRequestConfig(async () => {
  const remembered = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(remembered) ? remembered : localeFromAcceptLanguage((await headers()).get("accept-language"));
  const messages = locale === "en" ? (await import("@/messages/en")).default : (await import("@/messages/zh-CN")).default;
  return { locale, messages, timeZone: "Asia/Shanghai" };
});
