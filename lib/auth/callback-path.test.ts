import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

/** Where a browser would go from the app's page if told to open `path`. */
const landsOn = (path: string) => new URL(path, "https://crm.example.gov.cn/login").host;

describe("the path to return to after sign-in", () => {
  it.each([
    "/%09/attacker.example/x", // what the address bar delivers, decoded: a tab
    "/\t/attacker.example/x",
    "/\n/attacker.example/x",
    "/\r\n/attacker.example/x",
    "/\\attacker.example",
    "/\\/attacker.example",
    "//attacker.example",
    "///attacker.example",
    "/\t\t/attacker.example",
    " //attacker.example",
    "https://attacker.example/",
    "http:attacker.example",
    "javascript:alert(1)",
    "/%2F/attacker.example",
    "/%5C/attacker.example",
    "\\\\attacker.example",
    "",
  ])("keeps %j on the app's own host, with no control characters", (hostile) => {
    const decoded = (() => {
      try {
        return decodeURIComponent(hostile);
      } catch {
        return hostile;
      }
    })();
    for (const value of [hostile, decoded]) {
      const path = safeCallbackPath(value);
      expect(landsOn(path)).toBe("crm.example.gov.cn");
      expect(path).toMatch(/^\/(?![/\\])/);
      expect(path).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    }
  });

  it("keeps an ordinary path with its query and fragment", () => {
    expect(safeCallbackPath("/projects?stage=NEGOTIATION&q=%E5%A4%A7#top")).toBe("/projects?stage=NEGOTIATION&q=%E5%A4%A7#top");
    expect(safeCallbackPath("/projects/12")).toBe("/projects/12");
  });

  it("answers the home page for nothing or a malformed value (never an error)", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("projects")).toBe("/");
  });
});
