/** "Someone else changed this meanwhile": what the record holds now, above the user's (kept) input. */
export function ConflictBox({ title, hint, rows }: { title: string; hint: string; rows: { label: string; value: string }[] }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="conflict">
      <p className="font-medium text-amber-900">{title}</p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="text-slate-600">{r.label}</dt>
            <dd className="font-medium text-slate-900">{r.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-amber-900">{hint}</p>
    </div>
  );
}
