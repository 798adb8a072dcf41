import { afterEach, describe, expect, it, vi } from "vitest";
import { createClearedFormGuard, fieldError, newRequestId } from "@/components/ui/use-action-form";

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

/** The log-a-round form as FormData: what the officer typed over the form's defaults. */
function roundForm(typed: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = { projectId: "7", requestId: newRequestId(), summary: "", nextSteps: "", heldOn: "2026-12-01", format: "VISIT_HERE", ourParticipants: "王芳", ...typed };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

describe("createClearedFormGuard: Ctrl+Enter pressed twice, the save landing between the presses", () => {
  it("ignores the second press on the form the save just emptied, so the confirmation stays", () => {
    const guard = createClearedFormGuard();
    const sent = roundForm({ summary: "双方就用地进行了交流。", "topics[]": ["land", "energy"] });
    expect(guard.ignores(sent)).toBe(false); // the first press is sent
    guard.succeeded(sent, roundForm()); // onSuccess: form.reset()
    // The second press: the same emptied form, under the request id renewed after the save.
    expect(guard.ignores(roundForm())).toBe(true);
    expect(guard.ignores(roundForm())).toBe(true);
  });

  it("sends the next round as soon as the officer has typed it", () => {
    const guard = createClearedFormGuard();
    guard.succeeded(roundForm({ summary: "第一轮" }), roundForm());
    expect(guard.ignores(roundForm({ summary: "第二轮" }))).toBe(false);
    // And from then on an empty submit is the server's to refuse again (this field is required).
    expect(guard.ignores(roundForm())).toBe(false);
  });

  it("does not guard a form that onSuccess leaves as it was (an edit form may be saved again)", () => {
    const guard = createClearedFormGuard();
    const sent = roundForm({ summary: "保存后仍显示" });
    guard.succeeded(sent, roundForm({ summary: "保存后仍显示" }));
    expect(guard.ignores(roundForm({ summary: "保存后仍显示" }))).toBe(false);
  });

  it("forgets after reset(), and before any success guards nothing", () => {
    const guard = createClearedFormGuard();
    expect(guard.ignores(roundForm())).toBe(false);
    guard.succeeded(roundForm({ summary: "x" }), roundForm());
    guard.forget();
    expect(guard.ignores(roundForm())).toBe(false);
  });
});
