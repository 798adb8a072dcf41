/**
 * The client's address for throttling and the audit log. `next start` fills
 * X-Forwarded-For from the socket when the request has none; behind a load
 * balancer the balancer appends the address it saw, so the rightmost entry is
 * the one no client can choose (see README, "Running past one machine").
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value?.split(",").pop()?.trim();
  return last ? last.slice(0, 64) : "unknown";
}
