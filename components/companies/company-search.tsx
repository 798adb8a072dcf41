import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";

/** A plain GET form: the search lives in the URL (?q=…), works without JavaScript, and starts again at page 1. */
export async function CompanySearch({ q }: { q?: string }) {
  const t = await getTranslations("companies.search");
  return (
    <form method="get" action="/companies" role="search" className="mb-4 flex flex-wrap items-end gap-2">
      <div className="min-w-64 flex-1">
        <label htmlFor="company-q" className="mb-1 block text-sm font-medium text-slate-700">
          {t("label")}
        </label>
        <input
          id="company-q"
          name="q"
          type="search"
          defaultValue={q ?? ""}
          maxLength={100}
          placeholder={t("placeholder")}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
      </div>
      <Button type="submit">{t("submit")}</Button>
      {q && (
        <Link href="/companies" className={buttonClasses("ghost")}>
          {t("clear")}
        </Link>
      )}
    </form>
  );
}
