"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { updateNotificationSettings } from "@/lib/data/notification-settings";
import { saveWebhook } from "@/lib/data/notifications";
import { ZChatWebhook, ZNotificationSettings } from "@/lib/validation/notifications";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

/** The digest's time and the escalation ladder's days. */
export async function updateNotificationSettingsAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZNotificationSettings, formData, (user, input) => updateNotificationSettings(db(), user, input));
  if (result.ok) revalidatePath("/admin/notifications");
  return result;
}

/** A unit's WeCom or DingTalk robot (an empty URL removes it). */
export async function saveWebhookAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZChatWebhook, formData, (user, input) => saveWebhook(db(), user, input));
  if (result.ok) revalidatePath("/admin/notifications");
  return result;
}
