import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldError, newRequestId } from "@/components/ui/use-action-form";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newRequestId", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is a fresh v4 uuid each time", () => {
    const a = newRequestId();
    expect(a).toMatch(UUID_V4);
    expect(newRequestId()).not.toBe(a);
  });

  it("still makes a v4 uuid where crypto.randomUUID is missing (plain http)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (b: Uint8Array) => real.getRandomValues(b) });
    const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});

describe("fieldError", () => {
  it("finds a field's own error first, then one of its items'", () => {
    expect(fieldError({ summary: "必填" }, "summary")).toBe("必填");
    expect(fieldError({ "topics.1": "未知议题" }, "topics")).toBe("未知议题");
    expect(fieldError({ topics: "太多", "topics.0": "x" }, "topics")).toBe("太多");
  });

  it("does not take another field that merely starts the same", () => {
    expect(fieldError({ topicsNote: "x" }, "topics")).toBeUndefined();
    expect(fieldError({}, "summary")).toBeUndefined();
  });
});
