/**
 * multipart/form-data bodies, parsed with Buffer.indexOf (native): a 10 MB
 * upload costs the event loop a few milliseconds, where Request.formData()'s
 * parser held it for 150 ms and more. File bytes are views into `body`, not
 * copies.
 */
export type MultipartPart = { name: string; fileName: string | null; data: Buffer };

/** Every part of the body, in order; null when the body is not multipart or is malformed. */
export function multipartParts(body: Buffer, contentType: string | null): MultipartPart[] | null {
  const boundary = /^multipart\/form-data\b.*;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? "");
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const next = Buffer.concat([Buffer.from("\r\n"), delimiter]);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  while (at >= 0) {
    const after = at + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts; // "--": the closing delimiter
    const headersEnd = body.indexOf("\r\n\r\n", after);
    if (headersEnd < 0) return null;
    const start = headersEnd + 4;
    const end = body.indexOf(next, start);
    if (end < 0) return null;
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(body.toString("utf8", after, headersEnd))?.[1] ?? "";
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? (/;\s*filename\*?=/i.test(disposition) ? "" : null);
    if (name !== undefined) parts.push({ name, fileName, data: body.subarray(start, end) });
    at = end + 2;
  }
  return null;
}

/**
 * One file field of a multipart/form-data body. Null when the body is not
 * multipart, is malformed, or has no such field with a file name.
 */
export function multipartFile(body: Buffer, contentType: string | null, field: string): Buffer | null {
  return multipartParts(body, contentType)?.find((p) => p.name === field && p.fileName !== null)?.data ?? null;
}
