/**
 * Runs `next build` when the sources changed since the last build, so
 * `npm start` on a fresh clone builds once and later starts are instant.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "i18n", "messages", "types", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(".next", "crm-source-fingerprint");

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (!SKIP.has(name)) yield* files(path.join(entry, name));
  }
}

function fingerprint() {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(source)) {
      hash.update(file);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest("hex");
}

export function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const current = fingerprint();
  const built = existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
  if (built === current) return;
  console.log("Building the app (first start or sources changed; this takes a minute or two)…");
  const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(STAMP, current);
}
