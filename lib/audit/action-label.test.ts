import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import { auditActionKey, auditActionLabel } from "@/lib/audit/action-label";

const LIB = path.join(import.meta.dirname, "..");
/** The audit log's entities: a string "<entity>.<verb>" in lib/ is an action code. */
const CODE = /"((?:access|api_token|attachment|auth|company|construction_start|contact|contract|event|funds|notification|project|reference_item|round|supervision|unit|user)\.[a-z_]+)"/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : files(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const labels = en.admin.auditActions as Record<string, string>;

describe("audit action labels", () => {
  it("exist for every action code the code writes", () => {
    const codes = new Set(files(LIB).flatMap((f) => [...readFileSync(f, "utf8").matchAll(CODE)].map((m) => m[1])));
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((c) => !(auditActionKey(c) in labels))).toEqual([]);
  });
  it("fall back to the code when there is no label", () => {
    const t = Object.assign((key: string) => labels[key], { has: (key: string) => key in labels });
    expect(auditActionLabel(t, "project.stage")).toBe("Stage changed");
    expect(auditActionLabel(t, "legacy.thing")).toBe("legacy.thing");
  });
});
