import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
// use-intl's provider (what NextIntlClientProvider wraps): pages provide messages only through <ClientMessages>.
import { IntlProvider } from "use-intl";
import { pickClientMessages } from "@/i18n/client-messages";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import { TextAreaField } from "@/components/ui/text-area-field";

/** Rendered with only the base namespaces every page sends: the counter works on any route. */
const render = (props: Partial<React.ComponentProps<typeof TextAreaField>>, locale: "en" | "zh-CN" = "en") =>
  renderToStaticMarkup(
    <IntlProvider locale={locale} timeZone="Asia/Shanghai" messages={pickClientMessages(locale === "en" ? en : zh)}>
      <TextAreaField id="summary" name="summary" label="Summary" {...props} />
    </IntlProvider>,
  );

const counter = (html: string) => html.match(/<p data-testid="length-counter"[^>]*>([^<]*)<\/p>/)?.[1];
const live = (html: string) => html.match(/<p aria-live="polite" class="sr-only">([^<]*)<\/p>/)?.[1];

describe("TextAreaField with a limit", () => {
  it("shows the length and the limit under the field, and never sets maxLength (a paste is not cut)", () => {
    const html = render({ limit: 20_000, defaultValue: "谈".repeat(3980) });
    expect(counter(html)).toBe("3,980 / 20,000");
    expect(html).not.toMatch(/maxlength/i);
    expect(html).toContain("谈".repeat(3980));
  });

  it("is quiet for screen readers until near the limit, then says what is left; over it, by how much (and turns red)", () => {
    expect(live(render({ limit: 20_000, defaultValue: "x".repeat(17_999) }))).toBe("");
    expect(live(render({ limit: 20_000, defaultValue: "x".repeat(18_500) }))).toBe("1,500 characters left (at most 20,000).");
    const over = render({ limit: 20_000, defaultValue: "x".repeat(20_345) });
    expect(counter(over)).toBe("20,345 / 20,000");
    expect(live(over)).toBe("345 characters over the limit of 20,000.");
    expect(over).toMatch(/<p data-testid="length-counter" aria-hidden="true" class="[^"]*text-red-700/);
    // The visible counter itself is not read on every key.
    expect(render({ limit: 100 })).toMatch(/<p data-testid="length-counter" aria-hidden="true"/);
  });

  it("counts a controlled value, and speaks Chinese in Chinese", () => {
    expect(counter(render({ limit: 2000, value: "abc", onChange: () => {} }))).toBe("3 / 2,000");
    expect(live(render({ limit: 100, defaultValue: "x".repeat(101) }, "zh-CN"))).toBe("超出 1 个字符（上限 100）。");
  });

  it("without a limit, no counter", () => {
    const html = render({ defaultValue: "abc" });
    expect(counter(html)).toBeUndefined();
    expect(html).not.toContain("aria-live");
  });
});
