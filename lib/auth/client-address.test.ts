import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, withServerHeaders } from "@/lib/auth/client-address";

/**
 * A real HTTP server wrapped the way scripts/serve.ts wraps Next.js; the
 * handler answers with the address sign-in throttling would use.
 */
let server: http.Server | undefined;
async function serve(trustedProxyHops: number) {
  server = http.createServer(withServerHeaders((req, res) => res.end(clientAddress(req.headers)), trustedProxyHops));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/`, { headers }).then((r) => r.text());
}
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe("the client address", () => {
  it("with no proxy in front, is the socket's: a client-sent X-Forwarded-For changes nothing", async () => {
    const ask = await serve(0);
    const plain = await ask();
    expect(plain).toMatch(/127\.0\.0\.1$/);
    // The attack: a new forged address on every attempt to escape the per-address limit.
    for (const forged of ["203.0.113.1", "203.0.113.2", "198.51.100.7, 203.0.113.3"]) {
      expect(await ask({ "x-forwarded-for": forged })).toBe(plain);
    }
  });

  it("cannot be set by the client through the private header either", async () => {
    const ask = await serve(0);
    const plain = await ask();
    expect(await ask({ "x-client-address": "203.0.113.9" })).toBe(plain);
  });

  it("arrives without the client's own x-pathname or x-nonce (headers only the app sets)", async () => {
    server = http.createServer(withServerHeaders((req, res) => res.end(JSON.stringify([req.headers["x-pathname"], req.headers["x-nonce"]])), 0));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const seen = await fetch(`http://127.0.0.1:${port}/admin`, { headers: { "x-pathname": "/forged", "x-nonce": "chosen" } }).then((r) => r.json());
    expect(seen).toEqual([null, null]);
  });

  it("behind one trusted proxy, is the entry that proxy appended (the rightmost), not what the client wrote before it", async () => {
    const ask = await serve(1);
    expect(await ask({ "x-forwarded-for": "203.0.113.1, 198.51.100.20" })).toBe("198.51.100.20");
    expect(await ask({ "x-forwarded-for": "198.51.100.20" })).toBe("198.51.100.20");
  });

  it("behind two trusted proxies, is the second entry from the right", async () => {
    const ask = await serve(2);
    expect(await ask({ "x-forwarded-for": "203.0.113.1, 198.51.100.20, 10.0.0.2" })).toBe("198.51.100.20");
    // Fewer entries than proxies (a request that skipped the balancer): the farthest one known.
    expect(await ask({ "x-forwarded-for": "10.0.0.2" })).toBe("10.0.0.2");
  });

  it("is 'unknown' when the app is not served by scripts/serve.ts (nothing stamped it, so nothing to trust)", () => {
    const stamped = process.env.CRM_CLIENT_ADDRESS_STAMPED;
    delete process.env.CRM_CLIENT_ADDRESS_STAMPED;
    try {
      expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1", "x-client-address": "198.51.100.1" }))).toBe("unknown");
    } finally {
      if (stamped !== undefined) process.env.CRM_CLIENT_ADDRESS_STAMPED = stamped;
    }
  });
});
