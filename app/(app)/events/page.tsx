import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listEvents } from "@/lib/data/events";
import { may } from "@/lib/domain/policy";
import { formatCny } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

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
          may(user, "manageEvents") ? (
            <Link href="/events/new" className={buttonClasses("primary")}>
              {t("new")}
            </Link>
          ) : undefined
        }
      />
      <DataTable
        caption={t("title")}
        testId="events-table"
        rows={events}
        rowKey={(e) => e.id}
        empty={t("empty")}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (e) => (
              <Link href={`/events/${e.id}`} className="font-medium text-brand-700 hover:underline">
                {en && e.nameEn ? e.nameEn : e.nameZh}
              </Link>
            ),
          },
          { key: "city", header: t("columns.city"), cell: (e) => (en && e.cityEn ? e.cityEn : e.cityZh) },
          {
            key: "dates",
            header: t("columns.dates"),
            className: "whitespace-nowrap",
            cell: (e) =>
              e.startsOn.getTime() === e.endsOn.getTime()
                ? formatDate(e.startsOn, locale)
                : t("dateRange", { start: formatDate(e.startsOn, locale), end: formatDate(e.endsOn, locale) }),
          },
          { key: "unit", header: t("columns.unit"), cell: (e) => (en ? e.unitNameEn : e.unitNameZh) },
          { key: "leads", header: t("columns.leads"), align: "right", cell: (e) => formatCount(e.leadCount, locale) },
          { key: "signed", header: t("columns.signed"), align: "right", cell: (e) => formatCount(e.signedCount, locale) },
          { key: "signedValue", header: t("columns.signedValue"), align: "right", cell: (e) => (e.signedCount > 0 ? formatCny(e.signedValueCny, locale) : "—") },
        ]}
      />
    </>
  );
}
