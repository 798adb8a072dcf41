"use server";

import { db } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/current-user";
import { reissueSessionCookie } from "@/lib/auth/session-cookie";
import { changeOwnPassword } from "@/lib/data/users";
import { ZChangeOwnPassword } from "@/lib/validation/user";
import { formDataToObject } from "@/lib/actions/form-data";
import { runForUser } from "@/lib/actions/run-action";

/**
 * A user changes their own password. The one action that also runs while the
 * user must still replace an admin-set password (getSessionUser, not
 * getCurrentUser); every role may. Their other sessions end; this one is
 * re-issued with the new session version.
 */
export async function changeOwnPasswordAction(_prev: unknown, formData: FormData) {
  return runForUser(await getSessionUser(), ZChangeOwnPassword, formDataToObject(formData), async (user, input) => {
    const { sessionVersion } = await changeOwnPassword(db(), user, input);
    await reissueSessionCookie(sessionVersion);
    return { changed: true };
  });
}
