import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/ui/page-header";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations("home");
  return (
    <>
      <PageHeader title={t("title", { name: user.name })} />
      <p className="text-slate-600">{t("intro")}</p>
    </>
  );
}
