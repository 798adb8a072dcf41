"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { saveTargetsAction } from "@/app/(app)/admin/targets/actions";
import { TARGET_MEASURES, MEASURE_KIND, type Measure } from "@/lib/domain/targets";
import { cellField, versionField } from "@/lib/validation/targets";

export type GridUnit = { id: number; name: string; isCity: boolean; cells: Record<Measure, { value: string | null; version: number }> };

/**
 * A year's targets as a grid, units × measures. Only the cells the admin
 * changed are sent (with the version each had when the grid was read), so a
 * colleague's save of other cells is never overwritten; a cell both changed
 * refuses the save and says what it holds now.
 */
export function TargetGridForm({ year, units }: { year: number; units: GridUnit[] }) {
  const t = useTranslations("targets");
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const { pending, failure, success, onSubmit, errorOf, requestId } = useActionForm(saveTargetsAction, {
    refresh: true,
    onSuccess: (data) => {
      setDirty(new Set());
      return data.changed ? t("admin.saved", { count: data.changed }) : t("admin.nothingChanged");
    },
  });
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  const conflictCells = failure?.conflict
    ? Object.entries(failure.conflict.values)
        .map(([field, value]) => {
          const m = /^t_(\d+)_(\w+)$/.exec(field);
          return m ? `${t("admin.cell", { unit: nameOf.get(Number(m[1])) ?? m[1], measure: t(`measures.${m[2]}`) })} = ${value || "—"}` : null;
        })
        .filter(Boolean)
        .join("; ")
    : null;
  const unitHeader = (u: GridUnit) => (u.isCity ? t("admin.cityRow", { unit: u.name }) : u.name);
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t("admin.title")} className="space-y-3">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("admin.unit")}
              </th>
              {TARGET_MEASURES.map((m) => (
                <th key={m} scope="col" className="px-3 py-2 font-medium">
                  {t(`measures.${m}`)}
                  <span className="block text-xs font-normal text-slate-500">{t(`kinds.${MEASURE_KIND[m]}`)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {unitHeader(u)}
                </th>
                {TARGET_MEASURES.map((m) => {
                  const key = cellField(u.id, m);
                  const error = errorOf(key);
                  return (
                    <td key={m} className="px-2 py-1 align-top">
                      <input
                        name={dirty.has(key) ? key : undefined}
                        defaultValue={u.cells[m].value ?? ""}
                        aria-label={t("admin.cell", { unit: u.name, measure: t(`measures.${m}`) })}
                        aria-invalid={error ? true : undefined}
                        inputMode={MEASURE_KIND[m] === "count" ? "numeric" : "text"}
                        className="w-32 rounded border border-slate-300 px-2 py-1 text-right"
                        onChange={() => setDirty((d) => (d.has(key) ? d : new Set(d).add(key)))}
                      />
                      {dirty.has(key) && <input type="hidden" name={versionField(u.id, m)} value={u.cells[m].version} />}
                      {error && (
                        <p role="alert" className="mt-1 max-w-32 text-xs text-red-700">
                          {error}
                        </p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormSummary error={conflictCells ? t("admin.conflict", { cells: conflictCells }) : failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.saving") : t("admin.save")}
      </Button>
    </form>
  );
}
