/**
 * Presentational pieces of the dashboard: a section with its heading and
 * help, and the numbers of a chart as a real table inside <details>
 * (opened for printing by the page's print style).
 */
import type { ReactNode } from "react";
import { formatCount } from "@/lib/format/numbers";
import type { Locale } from "@/i18n/locales";
import type { LinkedNumber } from "@/components/dashboard/links";

export function Section({ id, title, help, children }: { id: string; title: string; help?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-8 break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {help && <p className="mt-1 text-sm text-slate-600">{help}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** Styles for the NumLinks inside an element (they carry no class of their own). */
const NUM_LINKS = "[&_a]:text-brand-700 [&_a]:underline-offset-2 [&_a:hover]:underline";
/**
 * Marks a text (not number) column's cells (only those: an attribute set to
 * undefined still travels in the RSC payload); the table's rule for the mark
 * outranks its right alignment of cells. The first column's cells are row
 * headers and always left-aligned.
 */
const text = (c: Column) => (c.numeric ? {} : { "data-text": "" });

/** A column; `label` may be a link (a header that re-sorts the table), `sort` marks the column the rows are sorted by. */
export type Column = { key: string; label: ReactNode; numeric?: boolean; sort?: "ascending" | "descending" };
export type Cell = ReactNode;

/** A table of numbers; `open` shows it without a click (it always prints). */
export function NumbersTable({
  caption,
  summary,
  columns,
  rows,
  empty,
  open = false,
}: {
  caption: string;
  summary: string;
  columns: Column[];
  rows: { key: string | number; cells: Record<string, Cell> }[];
  empty: string;
  open?: boolean;
}) {
  return (
    <details className="mt-2 text-sm" open={open}>
      <summary className="cursor-pointer text-brand-700 hover:underline print:hidden">{summary}</summary>
      <div className="mt-2 overflow-x-auto">
        {/*
          Cell and link styles are set once on the table: a city-wide dashboard has ~500 cells and ~100 links,
          and a class list on each was a sixth of the page. Cells are numbers (right-aligned) unless marked data-text.
        */}
        <table className={`min-w-full border-collapse text-left tabular-nums [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_th]:px-2 [&_th]:py-1 [&_tbody_th]:font-normal [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_thead_th]:font-medium [&_thead_th]:text-right [&_thead_th]:text-slate-700 [&_thead_th:first-child]:text-left [&_[data-text]]:text-left ${NUM_LINKS}`}>
          <caption className="mb-1 text-left text-xs font-medium text-slate-600">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              {columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={c.sort} {...text(c)}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="text-left text-slate-500">
                  {empty}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.key}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row">
                      {r.cells[c.key]}
                    </th>
                  ) : (
                    <td key={c.key} {...text(c)}>
                      {r.cells[c.key]}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * A number that opens the projects behind it. A plain link, not next/link: a
 * dashboard has well over a hundred of them, and next/link would prefetch
 * each one in view from the server. Its look comes from NUM_LINKS on the
 * table or figure around it.
 */
export function NumLink({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) return <>{children}</>;
  return <a href={href}>{children}</a>;
}

/** A linked number (components/dashboard/links.ts): its count, linking to the projects it counts. */
export function CountLink({ n, locale }: { n: LinkedNumber; locale: Locale }) {
  return <NumLink href={n.href}>{formatCount(n.count, locale)}</NumLink>;
}

export function Kpi({ label, value, note, href }: { label: string; value: ReactNode; note?: ReactNode; href?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold text-slate-900 ${NUM_LINKS}`}>{href ? <NumLink href={href}>{value}</NumLink> : value}</dd>
      {note && <dd className="mt-1 text-xs text-slate-500">{note}</dd>}
    </div>
  );
}
