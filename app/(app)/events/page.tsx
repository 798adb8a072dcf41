import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { canManageEvents, listEvents } from "@/lib/data/events";
import { formatCny } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";

export default async function EventsPage() {
  const user = await requireUser();
  const [t, locale] = await Promise.all([getTranslations("events"), getLocale() as Promise<Locale>]);
  const events = await listEvents(db(), user);
  const en = locale === "en";

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canManageEvents(user) ? (
            <Link href="/events/new" className={buttonClasses("primary")}>
              {t("new")}
            </Link>
          ) : undefined
        }
      />
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="events-table">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.name")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.city")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.dates")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.unit")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.leads")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.signed")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.signedValue")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="px-3 py-2">
                    <Link href={`/events/${e.id}`} className="font-medium text-brand-700 hover:underline">
                      {en && e.nameEn ? e.nameEn : e.nameZh}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{en && e.cityEn ? e.cityEn : e.cityZh}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {e.startsOn.getTime() === e.endsOn.getTime()
                      ? formatDate(e.startsOn, locale)
                      : t("dateRange", { start: formatDate(e.startsOn, locale), end: formatDate(e.endsOn, locale) })}
                  </td>
                  <td className="px-3 py-2">{en ? e.unitNameEn : e.unitNameZh}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(e.leadCount, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(e.signedCount, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{e.signedCount > 0 ? formatCny(e.signedValueCny, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
