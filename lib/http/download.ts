/**
 * Headers for a file served as a download, never shown as a page of this
 * site: Content-Disposition attachment with the name as an ASCII fallback and
 * as UTF-8 (RFC 6266 / 5987), the declared type with nosniff, a sandboxing
 * CSP in case a browser renders it anyway, and no shared caching.
 */
export function downloadHeaders(fileName: string, contentType: string, size: number): Headers {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Headers({
    "Content-Type": contentType,
    "Content-Length": String(size),
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
  });
}
