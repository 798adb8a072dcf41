import "server-only";
import { getTranslations } from "next-intl/server";

/**
 * Message keys in errors: a bare key ("conflict", "required") is looked up under
 * the default namespace (`errors` or `validation`); a dotted key
 * ("journey.rules.signBeforeStart", "admin.lastAdmin") is a full path, so each
 * feature keeps its own messages in its own file.
 */
export async function messageTranslator(defaultNamespace: "errors" | "validation") {
  const t = await getTranslations();
  return (key: string, values?: Record<string, string | number>): string => {
    const path = key.includes(".") ? key : `${defaultNamespace}.${key}`;
    if (t.has(path as never)) return t(path as never, values as never);
    return t(`${defaultNamespace}.invalid` as never);
  };
}
