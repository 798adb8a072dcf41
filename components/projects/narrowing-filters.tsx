/**
 * The list's filters that have no field in the filter form (they arrive from
 * a dashboard number: stalled, signed or started in a period, first contract
 * size), shown as removable chips so the user sees why the list is narrower.
 */
import Link from "next/link";

export type Narrowing = { key: string; label: string; removeHref: string; removeLabel: string };

export function NarrowingFilters({ label, items }: { label: string; items: Narrowing[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={label} className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="narrowing-filters">
      <h2 className="font-medium text-slate-700">{label}</h2>
      <ul className="flex flex-wrap gap-2">
        {items.map((i) => (
          <li key={i.key} className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pl-3 pr-1 text-brand-900">
            <span>{i.label}</span>
            <Link href={i.removeHref} aria-label={i.removeLabel} title={i.removeLabel} className="rounded-full px-1.5 text-brand-700 hover:bg-brand-100">
              <span aria-hidden="true">×</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
