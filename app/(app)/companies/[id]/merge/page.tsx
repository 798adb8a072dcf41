import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { ROLES_FOR } from "@/lib/domain/policy";
import { listParentOptions } from "@/lib/data/companies";
import { getMergePair } from "@/lib/data/company-merge";
import { NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { PageHeader } from "@/components/ui/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { MergeForm } from "@/components/companies/merge-form";

/** Merge another company into this one, or this one into it (managers and admins): choose the other, compare, choose which is kept. */
export default async function MergeCompaniesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ with?: string | string[] }> }) {
  const user = await requirePageRole(...ROLES_FOR.mergeCompanies);
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const rawWith = (await searchParams).with;
  const withId = zId.safeParse(Array.isArray(rawWith) ? rawWith[0] : rawWith);
  const [t, locale] = await Promise.all([getTranslations("companies.merge"), getLocale()]);
  const options = (await listParentOptions(db(), user, { excludeId: id.data })).map((c) => ({ value: String(c.id), label: locale === "en" && c.nameEn ? `${c.nameEn} (${c.nameZh})` : c.nameZh }));
  const pair =
    withId.success && withId.data !== id.data
      ? await getMergePair(db(), user, { id: id.data, withId: withId.data }).catch((e) => {
          if (e instanceof NotFoundError) return null;
          throw e;
        })
      : null;
  if (!pair && !(await db().company.findUnique({ where: { id: id.data }, select: { id: true } }))) notFound();

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="max-w-3xl space-y-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField name="with" label={t("choose")} defaultValue={pair ? String(pair[1].id) : ""} placeholder="—" options={options} className="min-w-72" />
          <Button type="submit" variant="secondary">
            {t("chooseSubmit")}
          </Button>
          <Link href={`/companies/${id.data}`} className={buttonClasses("ghost")}>
            {t("cancel")}
          </Link>
        </form>
        {pair ? <MergeForm pair={[...pair]} /> : <p className="text-sm text-slate-600">{t("noOther")}</p>}
      </div>
    </>
  );
}
