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
import { Pagination } from "@/components/companies/pagination";

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
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {q ? t("emptySearch", { q }) : t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="companies-table">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.nameZh")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.nameEn")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.country")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("columns.ownership")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.projects")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-2">
                    <Link href={`/companies/${c.id}`} className="font-medium text-brand-700 hover:underline" lang="zh-CN">
                      {c.nameZh}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-slate-700" lang="en">{c.nameEn ?? "—"}</td>
                  <td className="px-3 py-2">{countryName(c.countryCode, locale)}</td>
                  <td className="px-3 py-2">{t(`ownership.${c.ownershipType}`)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(c.projectCount, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/companies" params={{ q }} page={page} pageCount={pageCount} />
    </>
  );
}
