import "server-only";
import type { z } from "zod";
import { getCurrentUser, auditDenial, type CurrentUser } from "@/lib/auth/current-user";
import { AppError, ConflictError, RuleError, isDatabaseUnavailable } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ActionResult } from "@/lib/actions/result";
import { translateIssues } from "@/lib/validation/messages";
import { messageTranslator } from "@/lib/validation/message-key";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import { formatDate } from "@/lib/format/dates";

/**
 * The one shape of a mutation: the user → their role → the input (zod) →
 * `run`, which checks the record's scope and writes in one transaction with its
 * audit row (lib/data). Errors come back as an ActionResult in the user's
 * language; unexpected ones are logged and never shown.
 */
export async function runAction<S extends z.ZodType, T>(
  roles: readonly Role[],
  schema: S,
  input: unknown,
  run: (user: CurrentUser, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await getCurrentUser();
  if (user && !roles.includes(user.role)) {
    await auditDenial(user, `action:${roles.join("|")}`);
    const t = await messageTranslator("errors");
    return { ok: false, error: "forbidden", message: t("forbidden") };
  }
  return runForUser(user, schema, input, run);
}

/**
 * runAction's steps after the role check, for the user given: refused when
 * signed out, then the input (zod), then `run`. Used alone only where the
 * user comes from elsewhere (changing one's own password, which every role
 * may, also while an admin-set password must be replaced).
 */
export async function runForUser<S extends z.ZodType, T>(
  user: CurrentUser | null,
  schema: S,
  input: unknown,
  run: (user: CurrentUser, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const t = await messageTranslator("errors");
  if (!user) return { ok: false, error: "unauthenticated", message: t("unauthenticated") };

  // reportInput: a too-long text's error can say how long it is (lib/validation/messages.ts).
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, error: "invalid", message: t("invalid"), fieldErrors: await translateIssues(parsed.error.issues) };
  }

  try {
    return { ok: true, data: await run(user, parsed.data) };
  } catch (error) {
    if (error instanceof AppError) {
      const tv = await messageTranslator("validation");
      const locale = (await getLocale()) as Locale;
      // Dates a field error names read as the app shows dates.
      const shown = (values: Record<string, string | number | Date> = {}) =>
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Date ? formatDate(v, locale) : v]));
      return {
        ok: false,
        error: error.code,
        message: t(error.messageKey),
        fieldErrors: error instanceof RuleError ? Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, tv(v, shown(error.fieldValues[k]))])) : undefined,
        conflict: error instanceof ConflictError ? error.answer : undefined,
      };
    }
    if (isDatabaseUnavailable(error)) {
      console.warn("action failed: database unavailable", error instanceof Error ? error.message : error);
      return { ok: false, error: "unavailable", message: t("unavailable") };
    }
    console.error("action failed", error);
    return { ok: false, error: "server", message: t("serverBody") };
  }
}
