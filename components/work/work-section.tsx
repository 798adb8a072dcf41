import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A titled block of the My work page, with its count and, when cut short, a link to the rest. */
export async function WorkSection({
  id,
  title,
  total,
  totalIsAtLeast = false,
  shown,
  moreHref,
  children,
}: {
  id: string;
  title: string;
  /** Omitted for lists without a meaningful total (recent activity). */
  total?: number;
  /** `total` is the count's cap: there are more. */
  totalIsAtLeast?: boolean;
  shown?: number;
  moreHref?: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations("work");
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`work-${id}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="flex items-center gap-2 text-lg font-semibold text-slate-900">
        {title}
        {total !== undefined && (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-sm font-medium tabular-nums text-slate-700">{totalIsAtLeast ? t("countAtLeast", { count: total }) : t("count", { count: total })}</span>
        )}
      </h2>
      <div className="mt-3">{children}</div>
      {total !== undefined && shown !== undefined && total > shown && (
        <p className="mt-2 text-sm text-slate-600">
          {totalIsAtLeast ? t("showingOfAtLeast", { shown, total }) : t("showingOf", { shown, total })}{" "}
          {moreHref && (
            <Link href={moreHref} className="text-brand-700 underline">
              {t("seeAll")}
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
