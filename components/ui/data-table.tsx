import type { Key, ReactNode } from "react";

/** Row fields that can be shown as they are (strings, numbers …). */
type ShownField<Row> = { [K in keyof Row]: Row[K] extends ReactNode ? K : never }[keyof Row] & string;

type ColumnBase = {
  header: string;
  /** The header is for screen readers only (a column of row actions). */
  headerHidden?: boolean;
  /** "right" for numbers (with tabular figures) and row actions. */
  align?: "left" | "right";
  /** Extra classes for this column's cells, e.g. whitespace-nowrap. */
  className?: string;
};

export type DataTableColumn<Row> = ColumnBase &
  (
    | { key: ShownField<Row>; cell?: (row: Row) => ReactNode }
    | { key: string; cell: (row: Row) => ReactNode }
  );

type RowAttributes = { className?: string } & { [data: `data-${string}`]: string | number | undefined };

export type DataTableProps<Row> = {
  /** The table's accessible name, read by screen readers (a visually hidden caption). */
  caption: string;
  columns: DataTableColumn<NoInfer<Row>>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Extra attributes per row (test ids, muted rows). */
  rowAttributes?: (row: Row) => RowAttributes;
  /** "card" stands alone on a page; "inset" sits inside a section that already has a border. */
  variant?: "card" | "inset";
  /** Below 640 px each row is a block of its cells, one under another, instead of a table that scrolls sideways (short lists on a phone). */
  stackOnNarrow?: boolean;
  testId?: string;
};

/**
 * Cell styles are set once on the table, not on each cell: the home page's
 * unit view has ~750 cells, and a class list on each was an eighth of the page.
 * A right-aligned (number or action) cell is marked `data-num`; the rule for it
 * outranks the table's default left alignment.
 */
const TABLE =
  "w-full min-w-[36rem] divide-y divide-slate-200 text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-medium [&_[data-num]]:text-right [&_[data-num]]:tabular-nums";
/**
 * Rows as blocks on a phone: headers left to screen readers, the first cell
 * on a line of its own, the others side by side below it (the last one, a
 * row action, at the right), nothing wider than the screen.
 */
const STACKED =
  "max-sm:min-w-0 max-sm:[&_thead]:sr-only max-sm:[&_tbody]:block max-sm:[&_tr]:flex max-sm:[&_tr]:flex-wrap max-sm:[&_tr]:items-center max-sm:[&_tr]:gap-x-3 max-sm:[&_tr]:py-2 max-sm:[&_td]:block max-sm:[&_td]:px-0 max-sm:[&_td]:py-0.5 max-sm:[&_td:first-child]:basis-full max-sm:[&_td:last-child]:ml-auto max-sm:[&_[data-num]]:text-left";
/** A right-aligned column's mark, only where it applies: an attribute set to undefined still travels in the page's RSC payload. */
const numMark = (c: ColumnBase) => (c.align === "right" ? { "data-num": "" } : {});
const cellProps = (c: ColumnBase) => ({ ...numMark(c), ...(c.className && { className: c.className }) });

/**
 * The app's one table: scoped column headers, a caption for its name, numbers right-aligned,
 * and horizontal scrolling on narrow screens rather than squeezed columns.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, rowAttributes, variant = "card", stackOnNarrow = false, testId }: DataTableProps<Row>) {
  const card = variant === "card";
  if (rows.length === 0) {
    return (
      <p className={card ? "rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600" : "text-sm text-slate-600"}>{empty}</p>
    );
  }
  return (
    <div className={card ? "overflow-x-auto rounded-lg border border-slate-200 bg-white" : "overflow-x-auto"}>
      <table className={stackOnNarrow ? `${TABLE} ${STACKED}` : TABLE} {...(testId && { "data-testid": testId })}>
        <caption className="sr-only">{caption}</caption>
        <thead className={card ? "bg-slate-50 text-slate-700" : "text-slate-700"}>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" {...numMark(c)}>
                {c.headerHidden ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              {columns.map((c) => (
                <td key={c.key} {...cellProps(c)}>
                  {c.cell ? c.cell(row) : (row[c.key as keyof Row] as ReactNode)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
