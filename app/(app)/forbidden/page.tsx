import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

export default async function ForbiddenPage() {
  const t = await getTranslations("errors");
  return (
    <section className="mx-auto max-w-lg py-12 text-center">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("forbiddenBody")}</p>
      <Link href="/" className={buttonClasses("secondary", "mt-6")}>
        {t("backHome")}
      </Link>
    </section>
  );
}
