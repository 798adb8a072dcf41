/**
 * proxy.ts under forged headers (issue 12, section 4). The matcher is checked
 * with Next's own matcher code (next/experimental/testing/server).
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "@/proxy";

const signedIn = { cookie: "next-auth.session-token=anything" };

describe("proxy.ts", () => {
  it("runs for a page request that claims to be a router prefetch, so its HTML gets the CSP too", () => {
    for (const headers of [{}, { "next-router-prefetch": "1" }, { purpose: "prefetch" }, { rsc: "1", "next-router-prefetch": "1" }]) {
      expect(unstable_doesMiddlewareMatch({ config, url: "/projects", headers }), JSON.stringify(headers)).toBe(true);
    }
    const response = proxy(new NextRequest("http://localhost:3000/projects", { headers: { ...signedIn, "next-router-prefetch": "1" } }));
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
  });

  it("replaces a client-sent x-pathname (what access-denied audit rows record) with the real path", () => {
    const response = proxy(new NextRequest("http://localhost:3000/admin", { headers: { ...signedIn, "x-pathname": "/forged" } }));
    // NextResponse.next({ request: { headers } }) hands these request headers to the page.
    expect(response.headers.get("x-middleware-request-x-pathname")).toBe("/admin");
  });

  it("replaces a client-sent nonce with a fresh one", () => {
    const response = proxy(new NextRequest("http://localhost:3000/projects", { headers: { ...signedIn, "x-nonce": "chosen" } }));
    const nonce = response.headers.get("x-middleware-request-x-nonce");
    expect(nonce).not.toBe("chosen");
    expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
  });
});
