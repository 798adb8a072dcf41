import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { PageHeader } from "@/components/ui/page-header";

const SECTIONS = ["users", "units", "reference", "audit", "tokens", "settings", "targets", "notifications"] as const;

export default async function AdminPage() {
  await requirePageRole(...ROLES_FOR.administer);
  const t = await getTranslations("admin");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((s) => (
          <li key={s}>
            <Link href={`/admin/${s}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600 hover:shadow-sm">
              <span className="block font-semibold text-brand-700">{t(`sections.${s}.title`)}</span>
              <span className="mt-1 block text-sm text-slate-600">{t(`sections.${s}.description`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
