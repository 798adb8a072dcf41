import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { RuleError } from "@/lib/errors";

const isAdminKey = (key: string | undefined): key is string => typeof key === "string" && key.startsWith("admin.");

/**
 * runAction for the admin pages: admins only, and the admin section's own
 * messages. Rule and validation keys under `admin.` (messages/*\/admin.json)
 * are not under `errors`/`validation`, where runAction looks, so they are
 * handed to runAction as the generic key and translated here instead.
 */
export async function runAdminAction<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  run: (user: CurrentUser, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const input = formDataToObject(formData);
  // Passwords are taken as typed: formDataToObject trims, and sign-in does not.
  const password = formData.get("password");
  if (typeof password === "string" && password !== "") input.password = password;

  // zod issues whose message is an admin key: the field's first issue only (as translateIssues does).
  const zodKeys: Record<string, string> = {};
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "_form";
      if (seen.has(field)) continue;
      seen.add(field);
      if (isAdminKey(issue.message)) zodKeys[field] = issue.message;
    }
  }

  let rule: RuleError | null = null;
  const result = await runAction(["ADMIN"], schema, input, async (user, data) => {
    try {
      return await run(user, data);
    } catch (error) {
      if (error instanceof RuleError && (isAdminKey(error.messageKey) || Object.values(error.fieldErrors).some(isAdminKey))) {
        rule = error;
        const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, isAdminKey(v) ? "invalid" : v]));
        throw new RuleError(isAdminKey(error.messageKey) ? "invalid" : error.messageKey, fields);
      }
      throw error;
    }
  });
  if (result.ok) return result;

  const adminFields: Record<string, string> = { ...zodKeys };
  const caught = rule as RuleError | null;
  if (caught) for (const [k, v] of Object.entries(caught.fieldErrors)) if (isAdminKey(v)) adminFields[k] = v;
  if (!Object.keys(adminFields).length && !isAdminKey(caught?.messageKey)) return result;

  const t = await getTranslations();
  return {
    ...result,
    message: caught && isAdminKey(caught.messageKey) ? t(caught.messageKey) : result.message,
    fieldErrors: { ...result.fieldErrors, ...Object.fromEntries(Object.entries(adminFields).map(([k, v]) => [k, t(v)])) },
  };
}
