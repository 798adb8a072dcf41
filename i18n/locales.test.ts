import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/i18n/locales";

describe("localeFromAcceptLanguage", () => {
  it("picks the browser's preferred supported language", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.5")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5,zh;q=0.9")).toBe("zh-CN");
  });
  it("falls back to Chinese", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr")).toBe("zh-CN");
  });
});
