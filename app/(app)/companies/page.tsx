import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listCompanies } from "@/lib/data/companies";
import { ZCompanySearch } from "@/lib/validation/company";
import { countryName } from "@/lib/validation/countries";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { CompanySearch } from "@/components/companies/company-search";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CompaniesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const input = ZCompanySearch.parse({ q: first(params.q), page: first(params.page) });
  const [t, locale] = await Promise.all([getTranslations("companies"), getLocale() as Promise<Locale>]);
  const { rows, total, page, pageCount } = await listCompanies(db(), user, input);
  const q = input.q || undefined;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/companies/new" className={buttonClasses("primary")}>
            {t("new")}
          </Link>
        }
      />
      <CompanySearch q={q} />
      <p className="mb-2 text-sm text-slate-600" role="status">
        {q ? t("search.countFor", { count: total, q }) : t("search.count", { count: total })}
      </p>
      <DataTable
        caption={t("title")}
        testId="companies-table"
        rows={rows}
        rowKey={(c) => c.id}
        empty={q ? t("emptySearch", { q }) : t("empty")}
        columns={[
          {
            key: "nameZh",
            header: t("columns.nameZh"),
            cell: (c) => (
              <Link href={`/companies/${c.id}`} className="font-medium text-brand-700 hover:underline" lang="zh-CN">
                {c.nameZh}
              </Link>
            ),
          },
          { key: "nameEn", header: t("columns.nameEn"), className: "text-slate-700", cell: (c) => <span lang="en">{c.nameEn ?? "—"}</span> },
          { key: "country", header: t("columns.country"), cell: (c) => countryName(c.countryCode, locale) },
          { key: "ownership", header: t("columns.ownership"), cell: (c) => t(`ownership.${c.ownershipType}`) },
          { key: "projects", header: t("columns.projects"), align: "right", cell: (c) => formatCount(c.projectCount, locale) },
        ]}
      />
      <Pagination basePath="/companies" searchParams={params} page={page} pageCount={pageCount} />
    </>
  );
}
