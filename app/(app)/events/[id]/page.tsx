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
        {leads.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noLeads")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("leadColumns.title")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("leadColumns.company")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("leadColumns.unit")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("leadColumns.stage")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("leadColumns.planned")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("leadColumns.owner")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {leads.map((p) => (
                  <tr key={p.id}>
                    <td className="px-3 py-2">
                      <Link href={`/projects/${p.id}`} className="text-brand-700 hover:underline">
                        {p.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/companies/${p.company.id}`} className="hover:underline">
                        {en && p.company.nameEn ? p.company.nameEn : p.company.nameZh}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{en ? p.unit.nameEn : p.unit.nameZh}</td>
                    <td className="px-3 py-2">{tAll(`stages.${p.stage}`)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCny(p.plannedInvestmentCny, locale)}</td>
                    <td className="px-3 py-2">{p.owner.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
