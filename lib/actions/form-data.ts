/**
 * FormData to a plain object for zod. Repeated names (checkbox groups) become
 * arrays; empty strings become undefined so optional fields stay optional.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own fields
    // Passwords are taken exactly as typed; everything else is trimmed.
    const trim = !/password/i.test(key);
    const values = formData.getAll(key).map((v) => (typeof v === "string" && trim ? v.trim() : v)).filter((v) => v !== "");
    out[key] = key.endsWith("[]") ? values : values[0];
  }
  // `topics[]` is read as `topics`
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}
