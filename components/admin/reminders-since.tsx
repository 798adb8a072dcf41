import { getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";

/**
 * Since when reminders run (getRemindersStart), read-only on Admin → Notifications: what was already overdue or
 * stalled that day got no reminder of its own (the first deployment's rule), which this says so an admin is not
 * left wondering why an old overdue project never produced one.
 */
export async function RemindersSince({ since, locale }: { since: Date | null; locale: Locale }) {
  const t = await getTranslations("notifications.admin");
  return (
    <section aria-labelledby="reminders-since-title" className="mb-6 max-w-3xl rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="reminders-since">
      <h2 id="reminders-since-title" className="text-base font-semibold text-slate-900">
        {t("sinceTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{since ? t("since", { since: formatDate(since, locale) }) : t("sinceNotYet")}</p>
    </section>
  );
}
