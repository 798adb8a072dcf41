import { describe, expect, it } from "vitest";
import { changedRows } from "@/components/ui/use-conflict-rows";

type V = { name: string; city: string | null };
const FIELDS = ["name", "city"] as const;
const show = (f: (typeof FIELDS)[number], v: V) => v[f] ?? "（无）";
const label = (f: string) => `label:${f}`;

describe("changedRows", () => {
  it("lists only what someone else changed, as it is now", () => {
    expect(changedRows(FIELDS, { name: "甲", city: null }, { name: "甲", city: "上海" }, show, label)).toEqual([{ label: "label:city", value: "上海" }]);
  });

  it("lists every field when nothing visible changed or nothing was loaded, so the box is never empty", () => {
    const now = { name: "甲", city: null };
    const all = [
      { label: "label:name", value: "甲" },
      { label: "label:city", value: "（无）" },
    ];
    expect(changedRows(FIELDS, now, now, show, label)).toEqual(all);
    expect(changedRows(FIELDS, undefined, now, show, label)).toEqual(all);
  });
});
