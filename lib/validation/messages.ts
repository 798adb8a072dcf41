import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";

/**
 * zod issues to one message per field in the user's language. Schemas may set
 * a custom message that is a key under `validation` (e.g. "dateInPast").
 */
export async function translateIssues(issues: z.core.$ZodIssue[]): Promise<Record<string, string>> {
  const t = await getTranslations("validation");
  const root = await getTranslations();
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "_form";
    if (out[field]) continue;
    out[field] = message(issue, t, root);
  }
  return out;
}

type T = Awaited<ReturnType<typeof getTranslations<"validation">>>;
type Root = Awaited<ReturnType<typeof getTranslations>>;

function message(issue: z.core.$ZodIssue, t: T, root: Root): string {
  if (issue.message && t.has(issue.message as never)) return t(issue.message as never);
  // A dotted custom message is a full key in a feature's messages file.
  if (issue.message?.includes(".") && root.has(issue.message as never)) return root(issue.message as never);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? t("required") : t("invalid");
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? t("required") : t("tooShort", { min: Number(issue.minimum) });
      if (issue.origin === "array" || issue.origin === "set") return t("pickOne");
      return t("tooSmall", { min: String(issue.minimum) });
    case "too_big":
      // With the text's own length when the parse reported its input (runAction does): "20,345 characters: at most 20,000".
      if (issue.origin === "string") return typeof issue.input === "string" ? t("tooLongBy", { length: issue.input.length, max: Number(issue.maximum) }) : t("tooLong", { max: Number(issue.maximum) });
      return t("tooBig", { max: String(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("email") : t("invalid");
    case "invalid_value":
      return t("choose");
    default:
      return t("invalid");
  }
}
