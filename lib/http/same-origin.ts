/**
 * Cross-site request forgery guard for route handlers that a session cookie
 * authenticates and that change data (POST, PUT, PATCH, DELETE). SameSite=Lax
 * still sends the cookie with a form posted from another port of the same
 * host (same site, other origin), so the browser's own headers decide, as
 * Next.js does for server actions: the Origin header, or when a browser sends
 * none, Sec-Fetch-Site, or else the Referer's origin, must name this app's
 * host (the Host header, or X-Forwarded-Host behind a proxy). A request with
 * none of the three is not from a browser form and passes (curl, scripts);
 * a Bearer-token request is not cookie-authenticated and is not checked.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function ownHost(headers: Headers, url: string): string {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || new URL(url).host).toLowerCase();
}

function hostOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === "null" ? null : url.host.toLowerCase();
  } catch {
    return null;
  }
}

/** True when a cookie-authenticated, data-changing request comes from another origin's page: refuse it (403). */
export function isCrossOriginCookieWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const headers = request.headers;
  if (!headers.get("cookie") || headers.get("authorization")) return false;
  const host = ownHost(headers, request.url);
  const origin = headers.get("origin");
  if (origin !== null) return hostOf(origin) !== host; // "null" (sandboxed, file:) is foreign too
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin";
  const referer = headers.get("referer");
  if (referer !== null) return hostOf(referer) !== host;
  return false;
}
