/**
 * The 2025-2026 React Server Components advisories were fixed in next 16.2.6
 * and react/react-dom 19.2.6. The registry's audit endpoint is not reachable
 * here, so this test is the guard: it fails if an older release is installed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function installed(name: string): string {
  return JSON.parse(readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")).version;
}

function atLeast(version: string, minimum: string) {
  const a = version.split("-")[0].split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

describe("patched framework releases", () => {
  it.each([
    ["next", "16.2.6"],
    ["react", "19.2.6"],
    ["react-dom", "19.2.6"],
  ])("%s is at least %s", (name, minimum) => {
    expect(atLeast(installed(name), minimum), `${name} ${installed(name)} < ${minimum}`).toBe(true);
  });

  it("compares versions correctly", () => {
    expect(atLeast("16.2.5", "16.2.6")).toBe(false);
    expect(atLeast("16.10.0", "16.2.6")).toBe(true);
    expect(atLeast("19.2.6", "19.2.6")).toBe(true);
  });
});
