import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

import { hrefWith, type SearchParamsRecord } from "@/lib/url";

/** The link to one page of a list: every other query parameter stays as it is; page 1 has no `page`. */
export function pageHref(basePath: string, searchParams: SearchParamsRecord, page: number): string {
  return hrefWith(basePath, searchParams, { page: page > 1 ? String(page) : undefined });
}

/** Previous / next links of a paged list, with "page X of Y" between them. Nothing when there is one page. */
export async function Pagination({ basePath, searchParams, page, pageCount }: { basePath: string; searchParams: SearchParamsRecord; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("pagination");
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link href={pageHref(basePath, searchParams, page - 1)} rel="prev" aria-label={t("previousLabel", { page: page - 1 })} className={buttonClasses("secondary")}>
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("page", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link href={pageHref(basePath, searchParams, page + 1)} rel="next" aria-label={t("nextLabel", { page: page + 1 })} className={buttonClasses("secondary")}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
