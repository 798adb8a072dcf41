"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import { ROLES_FOR } from "@/lib/domain/policy";
import { markRead, savePreferences } from "@/lib/data/notifications";
import { ZMarkRead, ZNotificationPreferences } from "@/lib/validation/notifications";

/** Marks one notification read (`id`), or all of the user's. */
export async function markReadAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.readNotifications, ZMarkRead, formDataToObject(formData), (user, input) => markRead(db(), user, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

/** The user's own choices: kinds, channels, language. */
export async function savePreferencesAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.readNotifications, ZNotificationPreferences, formDataToObject(formData), (user, input) => savePreferences(db(), user, input));
  if (result.ok) revalidatePath("/account/notifications");
  return result;
}
