import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
  it("have no empty strings", () => {
    for (const [name, messages] of [["en", en], ["zh-CN", zh]] as const) {
      const empty = keys(messages).filter((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) === "");
      expect(empty, name).toEqual([]);
    }
  });
});
