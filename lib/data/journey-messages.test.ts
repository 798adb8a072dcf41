import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";

/** Every journey key the data layer and schemas throw has a text in both languages. */
describe("journey rule messages", () => {
  const files = ["lib/data/stage.ts", "lib/data/rounds.ts", "lib/data/funds.ts", "lib/validation/stage.ts", "lib/validation/round.ts", "lib/domain/journey-dates.ts"];
  const used = new Set(files.flatMap((f) => [...readFileSync(path.join(import.meta.dirname, "../..", f), "utf8").matchAll(/"(journey\.(?:rules|validation)\.[A-Za-z]+)"/g)].map((m) => m[1])));
  // planMove's refusals are built as `journey.rules.${refusal}`
  for (const refusal of ["sameStage", "operatingOnlyFromConstruction"]) used.add(`journey.rules.${refusal}`);
  // the date order's field errors are built as `journey.validation.dates.before|after.${date}` (lib/domain/journey-dates.ts)
  for (const date of ["firstContact", "round", "signed", "start"]) used.add(`journey.validation.dates.before.${date}`);
  for (const date of ["round", "signed", "start", "funds"]) used.add(`journey.validation.dates.after.${date}`);
  const lookup = (messages: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

  it("exist in Chinese and English", () => {
    expect(used.size).toBeGreaterThan(8);
    for (const key of used) {
      expect(typeof lookup(en, key), `en ${key}`).toBe("string");
      expect(typeof lookup(zh, key), `zh ${key}`).toBe("string");
    }
  });
});
