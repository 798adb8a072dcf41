import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The shell's bell: a link to the notification list, with the unread count (99+ past 99). */
export async function NotificationBell({ unread }: { unread: number }) {
  const t = await getTranslations("notifications");
  const label = unread > 0 ? t("bellUnread", { count: unread > 99 ? "99+" : unread }) : t("bell");
  return (
    <Link href="/notifications" aria-label={label} title={label} data-testid="notification-bell" className="relative inline-flex items-center rounded p-1 text-slate-700 hover:text-brand-700">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 && (
        <span aria-hidden="true" data-testid="notification-count" className="absolute -right-2 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
