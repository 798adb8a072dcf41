import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listParentOptions } from "@/lib/data/companies";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/components/companies/company-form";

export default async function NewCompanyPage() {
  const user = await requireUser();
  const [t, locale] = await Promise.all([getTranslations("companies"), getLocale()]);
  const parents = await listParentOptions(db(), user);
  const parentOptions = parents.map((c) => ({ value: String(c.id), label: locale === "en" && c.nameEn ? c.nameEn : c.nameZh }));
  return (
    <>
      <PageHeader title={t("newTitle")} />
      <CompanyForm parentOptions={parentOptions} />
    </>
  );
}
