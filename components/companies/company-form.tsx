"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
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
};

const FIELDS = ["nameZh", "nameEn", "countryCode", "groupName", "parentId", "industry", "ownershipType"] as const;

/** Create or edit a company. Keeps what was typed on any error; on a conflict shows what changed. */
export function CompanyForm({ initial, parentOptions }: { initial?: CompanyValues; parentOptions: { value: string; label: string }[] }) {
  const t = useTranslations("companies");
  const locale = useLocale();
  const router = useRouter();
  const editing = initial?.id !== undefined;
  // On a conflict: colleagues' changes fill the fields this user left alone; fields both changed are asked about.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, initial), version: initial?.version ?? 1 });
  const form = useActionForm(editing ? updateCompanyAction : createCompanyAction, {
    onSuccess: (data) => router.push(`/companies/${data.id}`),
    onConflict: merge.onConflict,
  });
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

      <FormSummary id="company-form-summary" error={form.failure?.message} />

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
