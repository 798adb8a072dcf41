import { diffValue, type DiffEntry } from "@/lib/audit/diff";

/** The changed keys of one audit entry, old → new. Long values wrap; nothing is cut. */
export function AuditDiffList({ diff, none }: { diff: DiffEntry[]; none: string }) {
  if (diff.length === 0) return <span className="text-slate-500">{none}</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="audit-diff">
      {diff.map((d) => (
        <div key={d.key} className="contents">
          <dt className="font-mono text-slate-600">{d.key}</dt>
          <dd className="break-all">
            <del className="text-red-800">{diffValue(d.before)}</del>
            <span aria-hidden="true"> → </span>
            <ins className="text-green-800 no-underline">{diffValue(d.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
