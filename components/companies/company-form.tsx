"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ConflictBox } from "@/components/ui/conflict-box";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formValuesOf, useConflictMerge } from "@/components/ui/use-conflict-rows";
import { createCompanyAction, updateCompanyAction } from "@/app/(app)/companies/actions";
import { countryName, countryOptions } from "@/lib/validation/countries";
import { OWNERSHIP_TYPES } from "@/lib/validation/company";
import type { DuplicateCandidate } from "@/lib/data/company-duplicates";
import { DuplicateCandidates } from "@/components/companies/duplicate-candidates";

export type CompanyValues = {
  id?: number;
  version?: number;
  nameZh: string;
  nameEn: string | null;
  countryCode: string;
  groupName: string | null;
  parentId: number | null;
  parentNameZh?: string | null;
  parentNameEn?: string | null;
  industry: string | null;
  ownershipType: string;
  creditCode?: string | null;
  foreignRegNo?: string | null;
};

const FIELDS = ["nameZh", "nameEn", "countryCode", "creditCode", "foreignRegNo", "groupName", "parentId", "industry", "ownershipType"] as const;

/** Create or edit a company. Keeps what was typed on any error; on a conflict shows what changed. */
export function CompanyForm({ initial, parentOptions }: { initial?: CompanyValues; parentOptions: { value: string; label: string }[] }) {
  const t = useTranslations("companies");
  const locale = useLocale();
  const router = useRouter();
  const editing = initial?.id !== undefined;
  // On a conflict: colleagues' changes fill the fields this user left alone; fields both changed are asked about.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, initial), version: initial?.version ?? 1 });
  // On create: the likely duplicates the server found instead of saving, and the officer's "it is another company".
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const form = useActionForm<{ id?: number; duplicates?: DuplicateCandidate[] }>(editing ? updateCompanyAction : createCompanyAction, {
    onSuccess: (data) => {
      if (confirmRef.current) confirmRef.current.value = "";
      if (data.duplicates) {
        setDuplicates(data.duplicates);
        return t("duplicates.found", { count: data.duplicates.length });
      }
      router.push(`/companies/${data.id}`);
    },
    onConflict: merge.onConflict,
  });
  function createAnyway() {
    if (!confirmRef.current) return;
    confirmRef.current.value = "true";
    merge.formRef.current?.requestSubmit();
  }
  const errors = form.errors;

  /** A value in the conflict box as people read it: the country, ownership and parent company by name. */
  function display(field: (typeof FIELDS)[number], value: string): string {
    switch (field) {
      case "countryCode":
        return countryName(value, locale);
      case "ownershipType":
        return t(`ownership.${value}` as never);
      case "parentId":
        return parentOptions.find((o) => o.value === value)?.label ?? (String(initial?.parentId) === value ? ((locale === "en" ? initial?.parentNameEn || initial?.parentNameZh : initial?.parentNameZh) ?? value) : `#${value}`);
      default:
        return value;
    }
  }

  return (
    <form method="post" ref={merge.formRef} onSubmit={form.onSubmit} noValidate aria-describedby="company-form-summary" className="max-w-3xl space-y-5">
      <input type="hidden" name={editing ? "id" : "requestId"} value={editing ? String(initial!.id) : form.requestId} />
      {editing && <input type="hidden" name="version" value={String(merge.version)} />}
      {!editing && <input type="hidden" name="confirmDistinct" ref={confirmRef} defaultValue="" />}

      <ConflictBox conflict={merge.conflict} title={t("form.conflictTitle")} label={(f) => t(`fields.${f}`)} show={display} />

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="nameZh" label={t("fields.nameZh")} defaultValue={initial?.nameZh} required maxLength={200} error={errors.nameZh} lang="zh-CN" />
        <TextField name="nameEn" label={t("fields.nameEn")} defaultValue={initial?.nameEn ?? ""} maxLength={200} error={errors.nameEn} hint={t("hints.nameEn")} lang="en" />
        <SelectField
          name="countryCode"
          label={t("fields.countryCode")}
          defaultValue={initial?.countryCode ?? "CN"}
          options={countryOptions(locale)}
          required
          error={errors.countryCode}
        />
        <SelectField
          name="ownershipType"
          label={t("fields.ownershipType")}
          defaultValue={initial?.ownershipType ?? ""}
          placeholder={t("choose")}
          options={OWNERSHIP_TYPES.map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
          required
          error={errors.ownershipType}
        />
        <TextField
          name="creditCode"
          label={t("fields.creditCode")}
          defaultValue={initial?.creditCode ?? ""}
          maxLength={30}
          error={errors.creditCode}
          hint={t("hints.creditCode")}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField name="foreignRegNo" label={t("fields.foreignRegNo")} defaultValue={initial?.foreignRegNo ?? ""} maxLength={50} error={errors.foreignRegNo} hint={t("hints.foreignRegNo")} />
        <TextField name="industry" label={t("fields.industry")} defaultValue={initial?.industry ?? ""} maxLength={100} error={errors.industry} />
        <TextField name="groupName" label={t("fields.groupName")} defaultValue={initial?.groupName ?? ""} maxLength={200} error={errors.groupName} hint={t("hints.groupName")} />
        <SelectField
          name="parentId"
          label={t("fields.parentId")}
          defaultValue={initial?.parentId ? String(initial.parentId) : ""}
          placeholder={t("noParent")}
          options={parentOptions}
          error={errors.parentId}
          hint={t("hints.parentId")}
          className="sm:col-span-2"
        />
      </div>

      {duplicates && duplicates.length > 0 && <DuplicateCandidates candidates={duplicates} pending={form.pending} onCreateAnyway={createAnyway} />}

      <FormSummary id="company-form-summary" error={form.failure?.message} success={duplicates?.length ? form.success : null} />

      <div className="flex gap-2">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t(editing ? "form.saving" : "form.creating") : t(editing ? "form.save" : "form.create")}
        </Button>
        <Link href={editing ? `/companies/${initial!.id}` : "/companies"} className={buttonClasses("secondary")}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
