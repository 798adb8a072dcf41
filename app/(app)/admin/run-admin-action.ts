import "server-only";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";

/** runAction for the admin pages' forms: admins only. */
export function runAdminAction<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  run: (user: CurrentUser, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  return runAction(ROLES_FOR.administer, schema, formDataToObject(formData), run);
}
