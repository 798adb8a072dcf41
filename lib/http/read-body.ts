/**
 * A request's body, counted as it arrives: null once it passes `max`. Neither
 * the Content-Length (absent when chunked) nor a complete body can be relied
 * on: next.config.js's proxyClientMaxBodySize (12 MB) cuts longer bodies short.
 */
export async function readBodyUpTo(request: Request, max: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
