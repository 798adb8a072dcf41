/**
 * A notification as words, in the reader's language: its title, body and the
 * page it leads to. The same text in the app's list, the email (plain text and
 * HTML) and the group-chat robots (their markdown). Messages:
 * messages/<locale>/notifications.json ("notifications.messages").
 */
import { createTranslator } from "use-intl/core";
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import { formatDate } from "@/lib/format/dates";
import type { NotificationKind } from "@/lib/generated/prisma/enums";

export type NotifyLocale = "zh-CN" | "en";
export const notifyLocale = (l: string | null | undefined): NotifyLocale => (l === "en" ? "en" : "zh-CN");

const T = {
  "zh-CN": createTranslator({ locale: "zh-CN", messages: zh }),
  en: createTranslator({ locale: "en", messages: en }),
};

export type NotificationFacts = {
  id: bigint | number | string;
  kind: NotificationKind;
  projectId: number | null;
  projectTitle: string | null;
  data: unknown;
};

export type Rendered = { title: string; body: string; href: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Title, body and the app path of a notification, in `locale`. */
export function renderNotification(n: NotificationFacts, locale: NotifyLocale): Rendered {
  const t = T[locale];
  const data = (n.data && typeof n.data === "object" ? n.data : {}) as Record<string, unknown>;
  const values: Record<string, string | number> = { project: n.projectTitle ?? "", by: "", owner: "", count: 0, errors: 0, rows: 0, level: "owner", days: 0 };
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "number") values[k] = v;
    else if (typeof v === "string") values[k] = ISO.test(v) ? formatDate(new Date(`${v}T00:00:00Z`), locale) : v;
  }
  if (typeof data.milestone === "string") values.milestone = t(`commitments.kinds.${data.milestone}` as never);
  const key = `notifications.messages.${n.kind}`;
  // An import stopped by a server error has no issues to count, only the reference its log entry carries.
  const body = n.kind === "IMPORT_FAILED" && typeof data.reference === "string" ? "bodyServer" : "body";
  return {
    title: t(`${key}.title` as never, values as never),
    body: t(`${key}.${body}` as never, values as never),
    href: n.projectId ? `/projects/${n.projectId}` : "/notifications",
  };
}

/** Labels of a kind and a channel, for the admin log and the preferences. */
export const kindLabel = (kind: NotificationKind, locale: NotifyLocale) => T[locale](`notifications.kinds.${kind}` as never);
export const notifyText = (key: string, locale: NotifyLocale) => T[locale](`notifications.${key}` as never);
