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
import { projectsHref } from "@/lib/domain/project-filter";
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

/** A page a part of the notification leads to, beside the notification's own `href` (the digest's stalled projects). */
export type RenderedLink = { label: string; href: string };

export type Rendered = { title: string; body: string; href: string; links: RenderedLink[] };

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
    links: n.kind === "DIGEST" ? digestLinks(data, t) : [],
  };
}

/**
 * The digest's stalled projects, as the project list filtered to them: stalled at all (the list's `stalled` filter,
 * the digest's rule) and, when the digest counted the user's own (an officer's), their owner filter — so the list
 * shows what the digest counted, within the reader's scope.
 */
function digestLinks(data: Record<string, unknown>, t: (typeof T)["en"]): RenderedLink[] {
  const stalled = typeof data.stalled === "number" ? data.stalled : 0;
  if (stalled <= 0) return [];
  const ownerId = typeof data.stalledOwnerId === "number" ? data.stalledOwnerId : undefined;
  return [{ label: t("notifications.messages.DIGEST.stalledLink" as never, { stalled } as never), href: projectsHref({ stalled: 0, ownerId }) }];
}

/** Labels of a kind and a channel, for the admin log and the preferences. */
export const kindLabel = (kind: NotificationKind, locale: NotifyLocale) => T[locale](`notifications.kinds.${kind}` as never);
export const notifyText = (key: string, locale: NotifyLocale) => T[locale](`notifications.${key}` as never);
