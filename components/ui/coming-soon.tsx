import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";

/** An honest "not built yet" for a section whose issue has not landed. */
export async function ComingSoon({ navKey }: { navKey: string }) {
  const t = await getTranslations();
  const page = t(`nav.${navKey}`);
  return (
    <>
      <PageHeader title={page} />
      <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium">{t("coming.title")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("coming.body", { page })}</p>
      </div>
    </>
  );
}
