import "server-only";
/**
 * The journey's own rule and field messages live in messages/<locale>/journey.json
 * (keys "journey.rules.*", "journey.validation.*"), while runAction translates
 * RuleError keys under `errors`/`validation` only. These two helpers let the
 * journey's actions stay thin and still answer in the user's words:
 * `catchJourneyRule` hands a journey RuleError back as a value (the
 * transaction has already rolled back), `journeyResult` turns it — and zod
 * issues carrying journey keys — into the ActionResult the form shows.
 */
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { RuleError } from "@/lib/errors";

const PREFIX = "journey.";

export class JourneyRuleFailure {
  constructor(readonly error: RuleError) {}
}

function isJourneyRule(error: RuleError): boolean {
  return error.messageKey.startsWith(PREFIX) || Object.values(error.fieldErrors).some((k) => k.startsWith(PREFIX));
}

export async function catchJourneyRule<T>(run: () => Promise<T>): Promise<T | JourneyRuleFailure> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RuleError && isJourneyRule(error)) return new JourneyRuleFailure(error);
    throw error;
  }
}

export async function journeyResult<T>(result: ActionResult<T | JourneyRuleFailure>, schema: z.ZodType, input: unknown): Promise<ActionResult<T>> {
  const t = await getTranslations();
  const key = (k: string) => (k.startsWith(PREFIX) ? k : `validation.${k}`);
  const say = (k: string) => (t.has(key(k) as never) ? t(key(k) as never) : t("validation.invalid"));

  if (result.ok && result.data instanceof JourneyRuleFailure) {
    const { messageKey, fieldErrors } = result.data.error;
    return {
      ok: false,
      error: "invalid",
      message: t.has((messageKey.startsWith(PREFIX) ? messageKey : `errors.${messageKey}`) as never) ? t((messageKey.startsWith(PREFIX) ? messageKey : `errors.${messageKey}`) as never) : t("errors.invalid"),
      fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([field, k]) => [field, say(k)])),
    };
  }
  if (!result.ok && result.error === "invalid" && result.fieldErrors) {
    // zod issues whose message is a journey key: runAction showed a generic text for them.
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = { ...result.fieldErrors };
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "_form";
        if (seen.has(field)) continue;
        seen.add(field);
        if (issue.message.startsWith(PREFIX)) fieldErrors[field] = say(issue.message);
      }
      return { ...result, fieldErrors };
    }
  }
  return result as ActionResult<T>;
}
