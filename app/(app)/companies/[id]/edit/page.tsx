import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getCompanyForEdit, listParentOptions } from "@/lib/data/companies";
import { NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/components/companies/company-form";

export default async function EditCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const company = await getCompanyForEdit(db(), user, { id: id.data }).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [t, locale] = await Promise.all([getTranslations("companies"), getLocale()]);
  const parents = await listParentOptions(db(), user, { excludeId: id.data });
  const parentOptions = parents.map((c) => ({ value: String(c.id), label: locale === "en" && c.nameEn ? c.nameEn : c.nameZh }));
  return (
    <>
      <PageHeader title={t("editTitle")} description={company.nameZh} />
      <CompanyForm initial={{ ...company, id: id.data }} parentOptions={parentOptions} />
    </>
  );
}
