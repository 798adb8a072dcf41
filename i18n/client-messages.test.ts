/**
 * Each route sends the browser only the message namespaces its client
 * components read (see i18n/client-messages.ts). A nested provider replaces
 * the messages above it, so a client component that reads a namespace its
 * route's provider does not send shows raw keys ("projects.form.name") —
 * nothing fails at build time. This test reads the sources to catch that:
 *
 * 1. Every route file (page, layout, error, not-found …) under app/ is an
 *    entry. Its provider is the innermost <ClientMessages> among the layouts
 *    that wrap it (a segment's own layout wraps its page, error and not-found,
 *    but not itself).
 * 2. From each entry the import graph is walked (`@/` and relative imports to
 *    .ts/.tsx files, transitively). A "use client" module, and whatever it
 *    imports, runs in the browser; the namespaces such modules read through
 *    `useTranslations` must be among those the provider sends.
 *
 * It also fails when a layout sends a namespace that none of the routes below
 * it reads on the client, so the lists do not grow stale.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/client-messages";

const ROOT = path.join(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const TOP_LEVEL = Object.keys(en);
const rel = (file: string) => path.relative(ROOT, file);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const source = (() => {
  const cache = new Map<string, string>();
  return (file: string) => cache.get(file) ?? cache.set(file, readFileSync(file, "utf8")).get(file)!;
})();

const isClientModule = (file: string) => /^\s*["']use client["']/.test(source(file).replace(/^(\s*\/\/.*\n|\s*\/\*[\s\S]*?\*\/)*/, ""));
const isServerActionModule = (file: string) => /^\s*["']use server["']/.test(source(file).replace(/^(\s*\/\/.*\n|\s*\/\*[\s\S]*?\*\/)*/, ""));

/** The project's .ts/.tsx files a module imports (packages, JSON and type-only imports left out). */
function imports(file: string): string[] {
  const specifiers = [
    ...source(file).matchAll(/^\s*(?:import|export)(?!\s+type\s)\s[^;'"]*?\sfrom\s*["']([^"']+)["']/gm),
    ...source(file).matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source(file).matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.flatMap((spec) => {
    const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) return [];
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")].find(
      (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile(),
    );
    return found ? [found] : [];
  });
}

/** Top-level namespaces a module reads through useTranslations. */
function namespacesRead(file: string): string[] {
  const text = source(file);
  const found = new Set([...text.matchAll(/useTranslations\(\s*["'`]([^"'`.]+)/g)].map((m) => m[1]));
  // A namespace in a variable (useTranslations(ns)) or none at all (useTranslations()):
  // count the file's string literals that start with a namespace ("admin.units").
  if (/useTranslations\(\s*[^"'`\s]/.test(text)) {
    for (const [, ns] of text.matchAll(/["'`]([a-zA-Z]+)\.[a-zA-Z.]+["'`]/g)) if (TOP_LEVEL.includes(ns)) found.add(ns);
  }
  return [...found];
}

/** Namespace → the client modules reachable from `entry` that read it. */
function clientReads(entry: string): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, onClient: boolean) => {
    // A server action imported by a client module stays on the server.
    if (onClient && isServerActionModule(file)) return;
    const client = onClient || isClientModule(file);
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (client) for (const ns of namespacesRead(file)) reads.set(ns, [...(reads.get(ns) ?? []), rel(file)]);
    for (const next of imports(file)) visit(next, client);
  };
  visit(entry, false);
  return reads;
}

/** The namespaces a layout's <ClientMessages> adds to the base ones, or null when it renders none. */
function layoutExtras(layout: string): string[] | null {
  const tags = [...source(layout).matchAll(/<ClientMessages\b([^>]*)>/g)];
  if (tags.length === 0) return null;
  if (tags.length > 1) throw new Error(`${rel(layout)}: one <ClientMessages> per layout`);
  const attrs = tags[0][1];
  if (!/\bnamespaces=/.test(attrs)) return [];
  const list = attrs.match(/\bnamespaces=\{\s*\[([^\]]*)\]\s*\}/);
  if (!list) throw new Error(`${rel(layout)}: write namespaces={["…"]} as a literal list, so this test can read it`);
  return [...list[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
}

const ROUTE_FILE = /^(page|layout|template|error|not-found|forbidden|unauthorized|loading|default|global-error|global-not-found)\.tsx?$/;

/** Route files, each with the layouts that wrap it, outermost first. */
function routeFiles(): { file: string; layouts: string[] }[] {
  return filesUnder(APP)
    .filter((file) => ROUTE_FILE.test(path.basename(file)))
    .map((file) => {
      const name = path.basename(file).replace(/\.tsx?$/, "");
      // global-error replaces the root layout: nothing wraps it.
      if (name === "global-error") return { file, layouts: [] };
      const dirs: string[] = [];
      for (let dir = path.dirname(file); dir.startsWith(APP); dir = path.dirname(dir)) dirs.unshift(dir);
      const layouts = dirs.map((dir) => ["layout.tsx", "layout.ts"].map((n) => path.join(dir, n)).find(existsSync)).filter((l): l is string => !!l && l !== file);
      return { file, layouts };
    });
}

/** The innermost layout with a <ClientMessages>, and what it sends. */
function providerOf(layouts: string[]): { layout: string | null; namespaces: string[] } {
  for (const layout of [...layouts].reverse()) {
    const extras = layoutExtras(layout);
    if (extras) return { layout, namespaces: [...BASE_NAMESPACES, ...extras] };
  }
  return { layout: null, namespaces: [] };
}

describe("client messages", () => {
  const routes = routeFiles().map((route) => ({ ...route, provider: providerOf(route.layouts), reads: clientReads(route.file) }));

  it("finds the routes and their client components", () => {
    // Guards the walk itself: if these stopped being found, the checks below would pass vacuously.
    const byFile = new Map(routes.map((r) => [rel(r.file), r]));
    expect(byFile.get("app/(app)/projects/[id]/page.tsx")?.reads.get("journey")).toContain("components/journey/stage-form.tsx");
    expect(byFile.get("app/(app)/layout.tsx")?.reads.get("nav")).toContain("components/shell/nav-links.tsx");
    expect(byFile.get("app/error.tsx")?.reads.get("errors")).toContain("app/error.tsx");
  });

  it("send every namespace a route's client components read", () => {
    const missing = routes.flatMap(({ file, provider, reads }) =>
      [...reads]
        .filter(([ns]) => !provider.namespaces.includes(ns))
        .map(([ns, readers]) => `${rel(file)}: "${ns}" (read by ${readers.join(", ")}; provider: ${provider.layout ? rel(provider.layout) : "none"})`),
    );
    expect(missing).toEqual([]);
  });

  it("send no namespace that no route below reads on the client", () => {
    const layouts = [...new Set(routes.flatMap((r) => r.layouts))];
    // A layout's additions: read by some route it serves.
    const unused = layouts.flatMap((layout) => {
      const served = routes.filter((r) => r.provider.layout === layout);
      return (layoutExtras(layout) ?? []).filter((ns) => !served.some((r) => r.reads.has(ns))).map((ns) => `${rel(layout)}: "${ns}"`);
    });
    // The base ones: read somewhere (the shell, the root error page …).
    unused.push(...BASE_NAMESPACES.filter((ns) => !routes.some((r) => r.reads.has(ns))).map((ns) => `BASE_NAMESPACES: "${ns}"`));
    expect(unused).toEqual([]);
  });

  it("name real namespaces", () => {
    const layouts = [...new Set(routes.flatMap((r) => r.layouts))];
    for (const ns of [...BASE_NAMESPACES, ...layouts.flatMap((l) => layoutExtras(l) ?? [])]) expect(TOP_LEVEL).toContain(ns);
  });

  it("pick the base namespaces and those asked for, nothing else", () => {
    const picked = pickClientMessages(en, ["projects", "nav", "nope"]);
    expect(Object.keys(picked).sort()).toEqual([...BASE_NAMESPACES, "projects"].sort());
    expect(picked).not.toHaveProperty("dashboard");
  });

  it("provide messages only through <ClientMessages>", () => {
    // One way to do it, so the checks above see every provider.
    const others = [...filesUnder(APP), ...filesUnder(path.join(ROOT, "components"))]
      .filter((file) => /\.tsx?$/.test(file) && /<NextIntlClientProvider\b/.test(source(file)))
      .map(rel);
    expect(others).toEqual(["components/i18n/client-messages.tsx"]);
  });
});
