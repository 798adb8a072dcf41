import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";

/**
 * What a slow page shows the moment it is opened (its route's loading.tsx):
 * Next.js sends this first and swaps in the page when it is ready, so a click
 * on the dashboard, the board or a report answers at once, even while a
 * city-wide dashboard is computed after a change (about a second, bench data).
 */
export async function PageLoading({ navKey }: { navKey: "dashboard" | "pipeline" | "reports" }) {
  const t = await getTranslations();
  const page = t(`nav.${navKey}`);
  return (
    <>
      <PageHeader title={page} />
      <div role="status" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
        <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600 motion-reduce:animate-none" />
        {t("shell.loading", { page })}
      </div>
    </>
  );
}
