import { getLocale, getTranslations } from "next-intl/server";
import type { OtherUnitTalk } from "@/lib/data/company-talks";

/** "Also in talks with: <unit> (<stage>)": other units in play with the same investor, unit and stage only. Nothing when there are none. */
export async function OtherUnitsInTalks({ talks }: { talks: OtherUnitTalk[] }) {
  if (talks.length === 0) return null;
  const [t, tAll, locale] = await Promise.all([getTranslations("companies.talks"), getTranslations(), getLocale()]);
  return (
    <section aria-labelledby="talks-heading" data-testid="other-units-in-talks" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <h2 id="talks-heading" className="font-semibold text-amber-900">
        {t("title")}
      </h2>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-slate-900">
        {talks.map((x) => (
          <li key={`${x.unitId}-${x.stage}`}>{t("item", { unit: locale === "en" && x.unitNameEn ? x.unitNameEn : x.unitNameZh, stage: tAll(`stages.${x.stage}`) })}</li>
        ))}
      </ul>
      <p className="mt-1 text-amber-900">{t("hint")}</p>
    </section>
  );
}
