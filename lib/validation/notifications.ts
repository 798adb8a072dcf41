/** Reminder settings (admins), a unit's chat robots (admins), a user's preferences, marking read. */
import { z } from "zod";
import { zId, zString, zVersion } from "@/lib/validation/fields";
import { DIGEST_TIME, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, invalidLadder } from "@/lib/domain/notifications";

const days = z.coerce.number().int().min(1).max(365);

export const ZNotificationSettings = z
  .object({
    version: zVersion,
    digestTime: z.string().regex(DIGEST_TIME),
    ownerOnlyDays: days,
    copyManagerDays: days,
    highRiskDays: days,
  })
  .superRefine((s, ctx) => {
    const field = invalidLadder(s);
    if (field) ctx.addIssue({ code: "custom", path: [field], message: "ladder" });
  });
export type NotificationSettingsInput = z.output<typeof ZNotificationSettings>;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const ZChatWebhook = z.object({
  unitId: zId,
  channel: z.enum(["WECOM", "DINGTALK"]),
  /** Empty (absent) removes the robot. */
  url: z.url().max(1000).refine((u) => /^https?:\/\//.test(u)).optional(),
  secret: zString(200).optional().default(""),
});
export type ChatWebhookInput = z.output<typeof ZChatWebhook>;

/** The preference form: one checkbox per kind ("kind.X") and channel ("channel.X"), and the language. */
export const ZNotificationPreferences = z.object({
  version: zVersion,
  locale: z.enum(["zh-CN", "en"]),
  ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [`kind.${k}`, checkbox])),
  ...Object.fromEntries(NOTIFICATION_CHANNELS.map((c) => [`channel.${c}`, checkbox])),
}) as unknown as z.ZodType<{ version: number; locale: "zh-CN" | "en" } & Record<string, boolean>>;
export type NotificationPreferencesInput = z.output<typeof ZNotificationPreferences>;

export const ZMarkRead = z.object({ id: z.coerce.bigint().positive().optional() });
