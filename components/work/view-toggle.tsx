import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MyWorkView } from "@/lib/data/my-work";

/** Managers and admins switch between their own projects and everything in their scope. */
export async function ViewToggle({ view, seesAllUnits }: { view: MyWorkView; seesAllUnits: boolean }) {
  const t = await getTranslations("work.view");
  const options: { value: MyWorkView; href: string; label: string }[] = [
    { value: "mine", href: "/", label: t("mine") },
    { value: "unit", href: "/?view=unit", label: seesAllUnits ? t("all") : t("unit") },
  ];
  return (
    <nav aria-label={t("label")} className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
      {options.map((option) => (
        <Link
          key={option.value}
          href={option.href}
          aria-current={view === option.value ? "page" : undefined}
          className="px-3 py-1.5 hover:bg-slate-100 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
