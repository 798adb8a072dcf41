import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { ImportForm } from "@/components/import/import-form";
import { IMPORT_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, STAGE_CODES } from "@/lib/import/columns";

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

export default async function ImportPage() {
  await requirePageRole(...ROLES_FOR.importProjects);
  const t = await getTranslations("import");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <a href="/api/import/template.csv" download className={buttonClasses("secondary")}>
              {t("templateCsv")}
            </a>
            <a href="/api/import/template.xlsx" download className={buttonClasses("secondary")}>
              {t("templateXlsx")}
            </a>
          </>
        }
      />
      <p className="mb-4 text-sm text-slate-600">{t("templateHint")}</p>
      <ImportForm maxMb={MAX_FILE_BYTES / 1024 / 1024} maxRows={MAX_ROWS} />

      <section aria-labelledby="import-columns" className="mt-8">
        <h2 id="import-columns" className="text-lg font-semibold text-slate-900">
          {t("columns")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("columnsHint")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("stageCodes", { codes: Object.keys(STAGE_CODES).join(", ") })}</p>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("columnEn")}</th>
                <th scope="col" className="px-3 py-2">{t("columnZh")}</th>
                <th scope="col" className="px-3 py-2">{t("required")}</th>
                <th scope="col" className="px-3 py-2">{t("meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((c) => (
                <tr key={c.key} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono text-xs">{c.key}</td>
                  <td className="px-3 py-2">{c.zh}</td>
                  <td className="px-3 py-2">{c.required ? t("yes") : t("no")}</td>
                  <td className="px-3 py-2 text-slate-700">{t(`help.${c.key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
