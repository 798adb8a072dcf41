import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The header that carries the client's address to the app. scripts/serve.ts
 * sets it on every request (overwriting whatever the client sent) before
 * Next.js sees the request; Next 16 gives route handlers and next-auth no
 * access to the socket, so this is how the socket's address reaches them.
 */
const CLIENT_ADDRESS_HEADER = "x-client-address";
/**
 * Set in the process by withServerHeaders (scripts/serve.ts runs Next.js in
 * the same process): without it (`next dev`, a bare `next start`) nothing
 * stamped the header, so a client could have written it.
 */
const STAMPED_ENV = "CRM_CLIENT_ADDRESS_STAMPED";

/**
 * The address a request came from, given the socket's peer, the
 * X-Forwarded-For chain and how many proxies in front are trusted
 * (TRUSTED_PROXY_HOPS). With none, the socket's address: X-Forwarded-For is
 * whatever the client wrote. With n, the nth address counting back from the
 * socket, each trusted proxy having appended the address it saw; entries
 * further left are the client's own words and ignored.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxyHops: number): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const nearestFirst = [socketAddress ?? "unknown", ...forwarded.reverse()];
  return nearestFirst[Math.min(trustedProxyHops, nearestFirst.length - 1)].slice(0, 64);
}

/** Request headers proxy.ts sets for the pages; a client's own copies are dropped even where proxy.ts does not run. */
const PROXY_SET_HEADERS = ["x-pathname", "x-nonce"];

/**
 * Wraps the app's request handler so every request carries an address the
 * client cannot choose, and none of the headers the app sets for itself.
 */
export function withServerHeaders<Req extends IncomingMessage, Res extends ServerResponse>(
  handler: (req: Req, res: Res) => void,
  trustedProxyHops: number,
): (req: Req, res: Res) => void {
  process.env[STAMPED_ENV] = "1";
  return (req, res) => {
    for (const name of PROXY_SET_HEADERS) delete req.headers[name];
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxyHops);
    handler(req, res);
  };
}

/**
 * The client's address for throttling and the audit log, as stamped by
 * scripts/serve.ts. "unknown" when the app runs without it (`next dev`, a
 * bare `next start`): every client then shares one address's sign-in limit,
 * never more checks.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  if (process.env[STAMPED_ENV] !== "1") return "unknown";
  const raw = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? value.slice(0, 64) : "unknown";
}
