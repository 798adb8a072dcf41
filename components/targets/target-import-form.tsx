"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { TargetImportError } from "@/lib/import/targets";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm } from "@/components/ui/use-action-form";
import { importTargetsAction } from "@/app/(app)/admin/targets/actions";

/** The grid from a CSV or XLSX file: all or nothing; each wrong row is listed. */
export function TargetImportForm({ year }: { year: number }) {
  const t = useTranslations("targets.admin");
  const [rowErrors, setRowErrors] = useState<TargetImportError[]>([]);
  const { pending, failure, success, onSubmit, errorOf, requestId } = useActionForm(importTargetsAction, {
    refresh: true,
    onSuccess: (data) => {
      setRowErrors(data.ok ? [] : data.errors);
      return data.ok ? t("imported", { count: data.changed }) : "";
    },
  });
  return (
    <form method="post" encType="multipart/form-data" onSubmit={onSubmit} aria-labelledby="target-import-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="target-import-title" className="text-lg font-semibold text-slate-900">
        {t("importTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("importDescription")}</p>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="requestId" value={requestId} />
      <div>
        <label htmlFor="target-file" className="block text-sm font-medium text-slate-800">
          {t("file")}
        </label>
        <input id="target-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block text-sm" aria-describedby={errorOf("file") ? "target-file-error" : undefined} />
        {errorOf("file") && (
          <p id="target-file-error" role="alert" className="mt-1 text-sm text-red-700">
            {errorOf("file")}
          </p>
        )}
      </div>
      <FormSummary error={failure?.message} success={success || null} />
      {rowErrors.length > 0 && (
        <div role="alert" className="text-sm text-red-700">
          <p>{t("importFailed")}</p>
          <ul className="mt-1 list-disc pl-5">
            {rowErrors.map((e, i) => (
              <li key={i}>{e.row === null ? e.message : t("rowError", { row: e.row, column: e.column ? ` ${e.column}` : "", message: e.message })}</li>
            ))}
          </ul>
        </div>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("importing") : t("importSubmit", { year })}
      </Button>
    </form>
  );
}
