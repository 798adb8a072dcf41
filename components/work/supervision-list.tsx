import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import { formatDate } from "@/lib/format/dates";
import type { SupervisionWorkRow } from "@/lib/data/supervision";

/** My work's supervision orders (to answer, to review): each links to its project's 督办 section; overdue ones say so in words and colour. */
export async function SupervisionList({ rows, locale }: { rows: SupervisionWorkRow[]; locale: Locale }) {
  const t = await getTranslations("supervision");
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("work.empty")}</p>;
  return (
    <ul className="space-y-2 text-sm">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-2">
          <Link href={`/projects/${r.projectId}#supervision-title`} className="min-w-0 flex-1 truncate text-brand-700 hover:underline">
            {r.projectCount > 1
              ? t("work.rowSet", { project: r.projectTitle, more: r.projectCount - 1, requirement: r.requirement })
              : t("work.row", { project: r.projectTitle, requirement: r.requirement })}
          </Link>
          <span className="text-xs text-slate-600">{t(`status.${r.status}`)}</span>
          <span className={r.red ? "rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800" : "rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800"}>
            {r.red ? t("red") : t("onTime")} · {t("dueOn", { date: formatDate(r.answerDueOn, locale) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
