import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { listReferenceItems } from "@/lib/data/reference";
import { REFERENCE_KINDS, ZReferenceKindParam } from "@/lib/validation/reference";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { CodedItemRow, CreateCodedItemForm } from "@/components/admin/coded-item-forms";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminReferencePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole(...ROLES_FOR.administer);
  const raw = (await searchParams).kind;
  const kind = ZReferenceKindParam.parse(Array.isArray(raw) ? raw[0] : raw);
  const [t, locale] = await Promise.all([getTranslations("admin.reference"), getLocale() as Promise<Locale>]);
  const items = await listReferenceItems(db(), user, { kind });
  const nf = new Intl.NumberFormat(locale);
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("kindsLabel")} className="mb-4 flex flex-wrap gap-2">
        {REFERENCE_KINDS.map((k) => (
          <Link
            key={k}
            href={`/admin/reference?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${k === kind ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
          >
            {t(`kinds.${k}`)}
          </Link>
        ))}
      </nav>
      <div className="space-y-6">
        <CreateCodedItemForm key={kind} mode={{ kind: "reference", referenceKind: kind }} title={t("addTitle", { kind: t(`kinds.${kind}`) })} />
        {items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("empty")}</p>
        ) : (
          <ul aria-label={t("listLabel")} className="space-y-3">
            {items.map((r) => (
              <CodedItemRow
                key={r.id}
                mode={{ kind: "reference", referenceKind: kind }}
                item={{
                  id: r.id,
                  code: r.code,
                  nameZh: r.nameZh,
                  nameEn: r.nameEn,
                  version: r.version,
                  retired: r.retiredAt !== null,
                  canRetire: true,
                  detail: t("usage", { count: nf.format(r.usageCount) }),
                }}
              />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
