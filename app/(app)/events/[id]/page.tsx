import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getEventPage } from "@/lib/data/events";
import { NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { formatCny } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const { event, leads, canEdit } = await getEventPage(db(), user, { id: id.data }).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [t, tAll, locale] = await Promise.all([getTranslations("events"), getTranslations(), getLocale() as Promise<Locale>]);
  const en = locale === "en";
  const dates =
    event.startsOn.getTime() === event.endsOn.getTime()
      ? formatDate(event.startsOn, locale)
      : t("dateRange", { start: formatDate(event.startsOn, locale), end: formatDate(event.endsOn, locale) });

  return (
    <>
      <PageHeader
        title={en && event.nameEn ? event.nameEn : event.nameZh}
        description={[en && event.cityEn ? event.cityEn : event.cityZh, dates, en ? event.unitNameEn : event.unitNameZh].join(" · ")}
        actions={
          <>
            <Link href="/events" className={buttonClasses("ghost")}>
              {t("detail.back")}
            </Link>
            {canEdit && (
              <Link href={`/events/${event.id}/edit`} className={buttonClasses("secondary")}>
                {t("detail.edit")}
              </Link>
            )}
          </>
        }
      />
      <section aria-labelledby="leads-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="leads-heading" className="text-lg font-semibold">
          {t("detail.leads")}
        </h2>
        <p className="text-sm text-slate-700" data-testid="event-stats">
          {t("detail.stats", { leads: event.leadCount, signed: event.signedCount, value: formatCny(event.signedValueCny, locale) })}
        </p>
        <p className="mb-3 text-sm text-slate-600">{t("detail.leadsHint")}</p>
        <DataTable
          variant="inset"
          caption={t("detail.leads")}
          rows={leads}
          rowKey={(p) => p.id}
          empty={t("detail.noLeads")}
          columns={[
            {
              key: "title",
              header: t("leadColumns.title"),
              cell: (p) => (
                <Link href={`/projects/${p.id}`} className="text-brand-700 hover:underline">
                  {p.title}
                </Link>
              ),
            },
            {
              key: "company",
              header: t("leadColumns.company"),
              cell: (p) => (
                <Link href={`/companies/${p.company.id}`} className="hover:underline">
                  {en && p.company.nameEn ? p.company.nameEn : p.company.nameZh}
                </Link>
              ),
            },
            { key: "unit", header: t("leadColumns.unit"), cell: (p) => (en ? p.unit.nameEn : p.unit.nameZh) },
            { key: "stage", header: t("leadColumns.stage"), cell: (p) => tAll(`stages.${p.stage}`) },
            { key: "planned", header: t("leadColumns.planned"), align: "right", cell: (p) => formatCny(p.plannedInvestmentCny, locale) },
            { key: "owner", header: t("leadColumns.owner"), cell: (p) => p.owner.name },
          ]}
        />
      </section>
    </>
  );
}
