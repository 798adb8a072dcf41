import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";

export type ProjectTableRow = {
  id: number;
  /** 项目编号 */
  number: string;
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

/**
 * Projects needing the user, each with its quick "Log a round" link to the
 * round form on the project page. On a phone each project is a block (title,
 * stage, date, button), so the date and the button are never off screen.
 */
export async function ProjectTable({ caption, rows, dateHeader, showOwner, empty }: { caption: string; rows: ProjectTableRow[]; dateHeader: string; showOwner: boolean; empty: string }) {
  const t = await getTranslations("work");
  const columns: DataTableColumn<ProjectTableRow>[] = [
    {
      key: "title",
      header: t("columns.project"),
      cell: (row) => (
        <>
          <Link href={`/projects/${row.id}`} className="font-medium text-brand-700 hover:underline">
            {row.title}
          </Link>
          <div className="text-xs text-slate-500">
            <span className="tabular-nums">{row.number}</span> · {row.company}
          </div>
        </>
      ),
    },
    { key: "stage", header: t("columns.stage"), className: "whitespace-nowrap" },
    {
      key: "date",
      header: dateHeader,
      className: "whitespace-nowrap",
      cell: (row) => (
        <>
          <div className="tabular-nums">{row.date}</div>
          <div className={`text-xs ${row.urgent ? "font-medium text-red-700" : "text-slate-500"}`}>{row.note}</div>
        </>
      ),
    },
    ...(showOwner ? [{ key: "owner", header: t("columns.owner"), className: "whitespace-nowrap" } as const] : []),
    {
      key: "actions",
      header: t("columns.actions"),
      headerHidden: true,
      align: "right",
      cell: (row) => (
        <Link href={`/projects/${row.id}#log-round`} aria-label={t("logRoundFor", { title: row.title })} className={buttonClasses("secondary", "whitespace-nowrap px-2 py-1 text-xs")}>
          {t("logRound")}
        </Link>
      ),
    },
  ];
  return (
    <DataTable
      variant="inset"
      stackOnNarrow
      caption={caption}
      rows={rows}
      rowKey={(row) => row.id}
      rowAttributes={(row) => ({ "data-testid": "work-row", "data-project-id": row.id })}
      empty={empty}
      columns={columns}
    />
  );
}
