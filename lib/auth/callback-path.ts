/** Any origin will do: relative values are resolved against it, and only same-origin results are kept. */
const BASE = new URL("http://app.invalid");

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing aid.
 * The value is resolved the way a browser would (which drops tabs and
 * newlines, and reads `\` as `/`), and kept only when it stays on the app's
 * origin; what is returned is the parsed path, so no control character or
 * scheme-relative form survives into a header or `location.assign`.
 */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE.origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
