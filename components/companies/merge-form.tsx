"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { mergeCompaniesAction } from "@/app/(app)/companies/actions";
import { countryName } from "@/lib/validation/countries";
import type { MergeSide } from "@/lib/data/company-merge";

/** Choose which of two companies is kept, then merge (the other's projects, contacts and subsidiaries move to it). */
export function MergeForm({ pair }: { pair: MergeSide[] }) {
  const t = useTranslations("companies");
  const locale = useLocale();
  const router = useRouter();
  const [keep, setKeep] = useState(0);
  const survivor = pair[keep];
  const merged = pair[1 - keep];
  const form = useActionForm(mergeCompaniesAction, { onSuccess: (data) => router.push(`/companies/${data.id}`) });

  return (
    <form method="post" onSubmit={form.onSubmit} noValidate aria-describedby="merge-form-summary" className="space-y-4" data-testid="merge-form">
      <input type="hidden" name="survivorId" value={survivor.id} />
      <input type="hidden" name="survivorVersion" value={survivor.version} />
      <input type="hidden" name="mergedId" value={merged.id} />
      <input type="hidden" name="mergedVersion" value={merged.version} />
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">{t("merge.keep")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {pair.map((c, i) => (
            <label key={c.id} className={`block cursor-pointer rounded-lg border p-3 text-sm ${keep === i ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}>
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="keep" checked={keep === i} onChange={() => setKeep(i)} />
                {t("merge.keepThis", { name: c.nameZh })}
              </span>
              <span className="mt-2 block text-slate-700">{c.nameEn ?? "—"}</span>
              <span className="block text-slate-600">{countryName(c.countryCode, locale)}</span>
              <span className="block font-mono text-slate-600">{c.creditCode ?? c.foreignRegNo ?? "—"}</span>
              <span className="block text-slate-600">{t("merge.projects", { count: c.projectCount })}</span>
              <span className="block text-slate-600">{t("merge.contacts", { count: c.contactCount })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormSummary id="merge-form-summary" error={form.failure?.message} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t("merge.merging") : t("merge.submit")}
      </Button>
    </form>
  );
}
