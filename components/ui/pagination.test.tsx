import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import en from "@/messages/en";
import { pageHref, Pagination } from "@/components/ui/pagination";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

describe("pageHref", () => {
  it("keeps every other query parameter, repeated ones too, and replaces the page", () => {
    expect(pageHref("/companies", { q: "acme corp", page: "2", stage: ["SIGNED", "LOST"], empty: "", none: undefined }, 3)).toBe(
      "/companies?q=acme+corp&stage=SIGNED&stage=LOST&page=3",
    );
  });
  it("leaves page 1 out of the URL", () => {
    expect(pageHref("/companies", { q: "acme", page: "2" }, 1)).toBe("/companies?q=acme");
    expect(pageHref("/companies", { page: "2" }, 1)).toBe("/companies");
  });
});

/** The opening tag of the link with this text. */
const link = (html: string, text: string) => html.match(new RegExp(`<a [^>]*>${text}</a>`))?.[0] ?? "";

describe("Pagination", () => {
  const render = async (page: number, pageCount: number) =>
    renderToStaticMarkup(await Pagination({ basePath: "/companies", searchParams: { q: "acme", page: String(page) }, page, pageCount }));

  it("links to the previous and next pages with their names, and says where the user is", async () => {
    const html = await render(2, 3);
    expect(html).toContain('<nav aria-label="Pagination"');
    const previous = link(html, "Previous");
    expect(previous).toContain('href="/companies?q=acme"');
    expect(previous).toContain('aria-label="Previous page (page 1)"');
    const next = link(html, "Next");
    expect(next).toContain('href="/companies?q=acme&amp;page=3"');
    expect(next).toContain('aria-label="Next page (page 3)"');
    expect(html).toContain('<span aria-current="page">Page 2 of 3</span>');
  });

  it("has no previous link on the first page and no next link on the last", async () => {
    const first = await render(1, 3);
    expect(link(first, "Previous")).toBe("");
    expect(link(first, "Next")).toContain('href="/companies?q=acme&amp;page=2"');
    const last = await render(3, 3);
    expect(link(last, "Next")).toBe("");
    expect(link(last, "Previous")).toContain('href="/companies?q=acme&amp;page=2"');
  });

  it("renders nothing for a single page", async () => {
    expect(await Pagination({ basePath: "/companies", searchParams: {}, page: 1, pageCount: 1 })).toBeNull();
  });
});
