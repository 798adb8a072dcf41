import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listNotifications } from "@/lib/data/notifications";
import { renderNotification, notifyLocale } from "@/lib/notify/render";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { MarkReadForm } from "@/components/notifications/mark-read-form";

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const unreadOnly = (await searchParams).unread === "1";
  const [t, locale, rows] = await Promise.all([getTranslations("notifications"), getLocale(), listNotifications(db(), user, { unreadOnly })]);
  const items = rows.map((n) => ({ ...n, ...renderNotification({ id: n.id, kind: n.kind, projectId: n.projectId, projectTitle: n.projectTitle, data: n.data }, notifyLocale(locale)) }));
  const hasUnread = rows.some((n) => !n.readAt);
  return (
    <>
      <PageHeader
        title={t("title")}
        actions={
          <>
            <Link href="/account/notifications" className="self-center text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("preferencesLink")}
            </Link>
            {hasUnread && <MarkReadForm label={t("markAllRead")} />}
          </>
        }
      />
      <nav aria-label={t("title")} className="mb-4 flex gap-4 text-sm">
        <Link href="/notifications" aria-current={unreadOnly ? undefined : "page"} className={unreadOnly ? "text-brand-700" : "font-semibold"}>
          {t("all")}
        </Link>
        <Link href="/notifications?unread=1" aria-current={unreadOnly ? "page" : undefined} className={unreadOnly ? "font-semibold" : "text-brand-700"}>
          {t("unreadOnly")}
        </Link>
      </nav>
      {items.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notification-list">
          {items.map((n) => (
            <li key={String(n.id)} className="flex flex-wrap items-start justify-between gap-3 p-4" data-unread={n.readAt ? undefined : "true"}>
              <div className="min-w-0">
                <p className="font-medium">
                  {!n.readAt && <span className="mr-2 inline-block rounded bg-brand-700 px-1.5 text-xs text-white">{t("unread")}</span>}
                  <Link href={n.href} className="text-brand-700 underline-offset-2 hover:underline">
                    {n.title}
                  </Link>
                </p>
                <p className="mt-1 text-sm text-slate-700">{n.body}</p>
                {n.links.map((l) => (
                  <p key={l.href} className="mt-1 text-sm">
                    <Link href={l.href} className="text-brand-700 underline-offset-2 hover:underline">
                      {l.label}
                    </Link>
                  </p>
                ))}
                <p className="mt-1 text-xs text-slate-500">{formatDateTime(n.createdAt, locale as Locale)}</p>
              </div>
              {!n.readAt && <MarkReadForm id={String(n.id)} label={`${t("markRead")}: ${n.title}`} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
