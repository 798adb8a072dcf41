import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import { CLIENT_NAMESPACES, pickClientMessages } from "@/i18n/client-messages";

const ROOT = path.join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Top-level namespaces each "use client" file reads through useTranslations. */
function clientNamespaces(): Map<string, string> {
  const found = new Map<string, string>();
  const topLevel = Object.keys(en);
  for (const file of [...sourceFiles(path.join(ROOT, "components")), ...sourceFiles(path.join(ROOT, "app"))]) {
    const text = readFileSync(file, "utf8");
    if (!/^["']use client["']/m.test(text)) continue;
    for (const [, ns] of text.matchAll(/useTranslations\(\s*["']([^"'.]+)/g)) found.set(ns, file);
    // A namespace passed in a variable (useTranslations(ns)): the namespaced string literals of the file.
    if (/useTranslations\(\s*[a-zA-Z_]/.test(text)) {
      for (const [, ns] of text.matchAll(/["']([a-zA-Z]+)\.[a-zA-Z.]+["']/g)) if (topLevel.includes(ns)) found.set(ns, file);
    }
  }
  return found;
}

describe("client messages", () => {
  it("hold every namespace a client component reads", () => {
    const missing = [...clientNamespaces()].filter(([ns]) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns)).map(([ns, file]) => `${ns} (${path.relative(ROOT, file)})`);
    expect(missing).toEqual([]);
  });
  it("name real namespaces, and keep server-only ones out", () => {
    for (const ns of CLIENT_NAMESPACES) expect(Object.keys(en)).toContain(ns);
    const picked = pickClientMessages(en);
    expect(Object.keys(picked).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(picked).not.toHaveProperty("dashboard");
  });
});
