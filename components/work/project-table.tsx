import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

export type ProjectTableRow = {
  id: number;
  title: string;
  company: string;
  stage: string;
  /** The date column (follow-up or last round), formatted. */
  date: string;
  /** What the date means for the user ("3 days overdue", "in 5 days"). */
  note: string;
  owner: string;
  /** Emphasis for overdue rows. */
  urgent?: boolean;
};

/** Projects needing the user, each with its quick "Log a round" link to the round form on the project page. */
export async function ProjectTable({ rows, dateHeader, showOwner, empty }: { rows: ProjectTableRow[]; dateHeader: string; showOwner: boolean; empty: string }) {
  const t = await getTranslations("work");
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("columns.project")}
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("columns.stage")}
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              {dateHeader}
            </th>
            {showOwner && (
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("columns.owner")}
              </th>
            )}
            <th scope="col" className="py-2 text-right font-medium">
              <span className="sr-only">{t("columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="work-row" data-project-id={row.id}>
              <td className="py-2 pr-3">
                <Link href={`/projects/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.title}
                </Link>
                <div className="text-xs text-slate-500">{row.company}</div>
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{row.stage}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <div className="tabular-nums">{row.date}</div>
                <div className={`text-xs ${row.urgent ? "font-medium text-red-700" : "text-slate-500"}`}>{row.note}</div>
              </td>
              {showOwner && <td className="py-2 pr-3 whitespace-nowrap">{row.owner}</td>}
              <td className="py-2 text-right">
                <Link href={`/projects/${row.id}#log-round`} aria-label={t("logRoundFor", { title: row.title })} className={buttonClasses("secondary", "whitespace-nowrap px-2 py-1 text-xs")}>
                  {t("logRound")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
