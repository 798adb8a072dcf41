/**
 * One word per thing: a stage, a round format or a reference term (产业领域,
 * 链主项目, 下次跟进 …) is written once, under `stages`, `roundFormats` or
 * `terms`, and every other message that shows it refers to it as
 * `@:{terms.sector}` — alone ("@:{terms.sector}") or inside a phrase
 * ("全部@:{terms.sector}", "@:{stages.FIRST_CONTACT}日期"). The references are
 * resolved here, once, when a language's catalogue is loaded, so next-intl,
 * the reports, the import template and the tests all read the same words.
 * terms.test.ts fails when a term's text is copied instead of referred to.
 */
const REFERENCE = /@:\{([\w.]+)\}/g;

function lookup(root: Record<string, unknown>, key: string): string {
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
  if (typeof value !== "string") throw new Error(`messages: @:{${key}} refers to no message`);
  if (value.includes("@:{")) throw new Error(`messages: @:{${key}} refers to another reference; refer to the term itself`);
  return value;
}

/** The catalogue with every `@:{key}` replaced by that key's text (a reference to a reference is refused). */
export function resolveReferences<T extends Record<string, unknown>>(messages: T): T {
  const resolve = (node: unknown): unknown => {
    if (typeof node === "string") return node.includes("@:{") ? node.replace(REFERENCE, (_, key: string) => lookup(messages, key)) : node;
    if (typeof node === "object" && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
    return node;
  };
  return resolve(messages) as T;
}
