"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { countryName } from "@/lib/validation/countries";
import type { DuplicateCandidate } from "@/lib/data/company-duplicates";

/**
 * The companies the server found for what the officer is creating, shown
 * before anything is saved: open the existing one, or (when only the name
 * matched) confirm that this is another company. The same credit code or
 * registration number is the same company: no "create anyway" then.
 */
export function DuplicateCandidates({
  candidates,
  pending,
  onCreateAnyway,
  onUse,
  focusOnShow = true,
}: {
  candidates: DuplicateCandidate[];
  pending: boolean;
  /** The companies page: create anyway (a button). Left out where the confirmation is a field of the form (the project form). */
  onCreateAnyway?: () => void;
  /** Where a company is chosen for something (the project form): "use this one" picks the existing company. */
  onUse?: (c: DuplicateCandidate) => void;
  /** Move the focus to the heading when shown (not while the officer is still typing the name). */
  focusOnShow?: boolean;
}) {
  const t = useTranslations("companies.duplicates");
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const sameRecord = candidates.some((c) => c.reason !== "name");
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [candidates, focusOnShow]);

  return (
    <section aria-labelledby="duplicates-heading" data-testid="company-duplicates" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="duplicates-heading" ref={heading} tabIndex={-1} className="text-base font-semibold text-amber-900 outline-none">
        {t(sameRecord ? "titleSame" : "title")}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t(sameRecord ? "explainSame" : "explain")}</p>
      <ul className="mt-3 space-y-2">
        {candidates.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="font-medium text-slate-900" lang="zh-CN">
              {c.nameZh}
            </span>
            {c.nameEn && (
              <span className="text-slate-700" lang="en">
                {c.nameEn}
              </span>
            )}
            <span className="text-slate-600">{countryName(c.countryCode, locale)}</span>
            {c.creditCode && <span className="font-mono text-slate-600">{c.creditCode}</span>}
            <span className="rounded bg-amber-100 px-1.5 text-amber-900">{t(`reason.${c.reason}`)}</span>
            {onUse && (
              <Button type="button" variant="secondary" disabled={pending} onClick={() => onUse(c)} aria-label={t("useLabel", { name: c.nameZh })}>
                {t("use")}
              </Button>
            )}
            <Link href={`/companies/${c.id}`} className={buttonClasses(onUse ? "ghost" : "secondary")} aria-label={t("openLabel", { name: c.nameZh })} target={onUse ? "_blank" : undefined}>
              {t("open")}
            </Link>
          </li>
        ))}
      </ul>
      {!sameRecord && onCreateAnyway && (
        <div className="mt-3">
          <Button type="button" variant="ghost" disabled={pending} onClick={onCreateAnyway}>
            {t("createAnyway")}
          </Button>
        </div>
      )}
    </section>
  );
}
