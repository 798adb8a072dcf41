import type { DiffEntry } from "@/lib/audit/diff";
import type { Locale } from "@/i18n/locales";
import { formatFieldValue } from "@/lib/format/field-value";

/** The changed keys of one audit entry, old → new, amounts and dates as people read them. Long values wrap; nothing is cut. */
export function AuditDiffList({ diff, none, locale }: { diff: DiffEntry[]; none: string; locale: Locale }) {
  if (diff.length === 0) return <span className="text-slate-500">{none}</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="audit-diff">
      {diff.map((d) => (
        <div key={d.key} className="contents">
          <dt className="font-mono text-slate-600">{d.key}</dt>
          <dd className="break-all">
            <del className="text-red-800">{formatFieldValue(d.key, d.before, locale)}</del>
            <span aria-hidden="true"> → </span>
            <ins className="text-green-800 no-underline">{formatFieldValue(d.key, d.after, locale)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
