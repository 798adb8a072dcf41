/**
 * A form the browser sends itself (before the page's script has run, or when
 * it failed to load) uses the form's own method: without one it is a GET, and
 * every field, a password included, lands in the address, the history and the
 * server's logs. Forms that change data say method="post"; search and filter
 * forms say method="get" on purpose; server-action forms (action={…}) are
 * posted by React.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["app", "components"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".tsx") && !e.name.endsWith(".test.tsx") ? [full] : [];
  });
}

/** Every `<form …>` opening tag in a file (attributes may span lines). */
function formTags(source: string): string[] {
  return [...source.matchAll(/<form\b[^>]*>/g)].map((m) => m[0]);
}

describe("forms", () => {
  const tags = ROOTS.flatMap(sources).flatMap((file) => formTags(readFileSync(file, "utf8")).map((tag) => ({ file, tag })));

  it("finds the app's forms", () => {
    expect(tags.length).toBeGreaterThan(20);
  });

  it("every form says how the browser sends it", () => {
    const unsaid = tags.filter(({ tag }) => !/\bmethod="(post|get)"/.test(tag) && !/\baction=\{/.test(tag));
    expect(unsaid.map(({ file, tag }) => `${file}: ${tag.slice(0, 80)}`)).toEqual([]);
  });

  it("no form that holds a password is sent with GET", () => {
    const files = ROOTS.flatMap(sources).filter((file) => /type="password"/.test(readFileSync(file, "utf8")));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const tag of formTags(readFileSync(file, "utf8"))) expect(`${file}: ${tag}`).not.toMatch(/method="get"/);
    }
  });
});
