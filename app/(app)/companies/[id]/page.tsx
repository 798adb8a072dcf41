import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getCompanyPage } from "@/lib/data/companies";
import { NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { countryName } from "@/lib/validation/countries";
import { formatCny } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ContactsSection } from "@/components/companies/contacts-section";
import { OtherUnitsInTalks } from "@/components/companies/other-units-in-talks";
import { mergedFrom, mergedInto } from "@/lib/data/company-merge";
import { otherUnitsInTalks } from "@/lib/data/company-talks";
import { may } from "@/lib/domain/policy";

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const company = await getCompanyPage(db(), user, { id: id.data }).catch((e) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!company) {
    // A company merged into another: its old address leads to the one kept.
    const survivor = await mergedInto(db(), user, { id: id.data });
    if (survivor !== null) redirect(`/companies/${survivor}`);
    notFound();
  }
  const [talks, merges] = await Promise.all([otherUnitsInTalks(db(), user, { companyId: company.id }), mergedFrom(db(), user, { id: company.id })]);
  const [t, tAll, locale] = await Promise.all([getTranslations("companies"), getTranslations(), getLocale() as Promise<Locale>]);
  const name = (c: { nameZh: string; nameEn: string | null }) => (locale === "en" && c.nameEn ? c.nameEn : c.nameZh);
  const unitName = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);

  const facts: [string, React.ReactNode][] = [
    [t("fields.nameEn"), company.nameEn ?? "—"],
    [t("fields.creditCode"), company.creditCode ? <span className="font-mono">{company.creditCode}</span> : "—"],
    ...(company.foreignRegNo ? ([[t("fields.foreignRegNo"), company.foreignRegNo]] as [string, React.ReactNode][]) : []),
    [t("fields.countryCode"), countryName(company.countryCode, locale)],
    [t("fields.ownershipType"), t(`ownership.${company.ownershipType}`)],
    [t("fields.industry"), company.industry ?? "—"],
    [t("fields.groupName"), company.groupName ?? "—"],
    [
      t("fields.parentId"),
      company.parent ? (
        <Link href={`/companies/${company.parent.id}`} className="text-brand-700 hover:underline">
          {name(company.parent)}
        </Link>
      ) : (
        "—"
      ),
    ],
  ];
  if (company.subsidiaries.length > 0) {
    facts.push([
      t("detail.subsidiaries"),
      <ul key="subs" className="space-y-1">
        {company.subsidiaries.map((s) => (
          <li key={s.id}>
            <Link href={`/companies/${s.id}`} className="text-brand-700 hover:underline">
              {name(s)}
            </Link>
          </li>
        ))}
      </ul>,
    ]);
  }

  return (
    <>
      <PageHeader
        title={company.nameZh}
        description={t("detail.version", { version: company.version, at: formatDateTime(company.updatedAt, locale) })}
        actions={
          <>
            <Link href="/companies" className={buttonClasses("ghost")}>
              {t("detail.back")}
            </Link>
            {may(user, "mergeCompanies") && (
              <Link href={`/companies/${company.id}/merge`} className={buttonClasses("ghost")}>
                {t("merge.link")}
              </Link>
            )}
            <Link href={`/companies/${company.id}/edit`} className={buttonClasses("secondary")}>
              {t("detail.edit")}
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        {merges.length > 0 && (
          <ul className="space-y-1 text-sm text-slate-700" data-testid="merged-from">
            {merges.map((m) => (
              <li key={`${m.mergedId}-${m.at.toISOString()}`}>{t("merged.from", { name: m.nameZh, by: m.by ?? "—", at: formatDateTime(m.at, locale) })}</li>
            ))}
          </ul>
        )}
        <OtherUnitsInTalks talks={talks} />
        <section aria-labelledby="facts-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="facts-heading" className="mb-3 text-lg font-semibold">
            {t("detail.facts")}
          </h2>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="font-medium text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="projects-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="projects-heading" className="text-lg font-semibold">
            {t("detail.projects")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("detail.projectsHint")}</p>
          <DataTable
            variant="inset"
            caption={t("detail.projects")}
            testId="company-projects"
            rows={company.projects}
            rowKey={(p) => p.id}
            empty={t("detail.noProjects")}
            columns={[
              {
                key: "title",
                header: t("projectColumns.title"),
                cell: (p) => (
                  <>
                    <Link href={`/projects/${p.id}`} className="text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    {p.phase && <span className="ml-2 text-slate-500">{p.phase}</span>}
                  </>
                ),
              },
              { key: "unit", header: t("projectColumns.unit"), cell: (p) => unitName(p.unit) },
              { key: "stage", header: t("projectColumns.stage"), cell: (p) => tAll(`stages.${p.stage}`) },
              { key: "planned", header: t("projectColumns.planned"), align: "right", cell: (p) => formatCny(p.plannedInvestmentCny, locale) },
              { key: "owner", header: t("projectColumns.owner"), cell: (p) => p.owner.name },
            ]}
          />
        </section>

        <ContactsSection companyId={company.id} contacts={company.contacts.map(({ companyId: _c, ...c }) => c)} />
      </div>
    </>
  );
}
