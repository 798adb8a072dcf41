"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ConflictBox } from "@/components/ui/conflict-box";
import { formValuesOf, useConflictMerge } from "@/components/ui/use-conflict-rows";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createUnitAction, renameUnitAction, setUnitRetiredAction } from "@/app/(app)/admin/units/actions";
import { createReferenceItemAction, renameReferenceItemAction, setReferenceItemRetiredAction } from "@/app/(app)/admin/reference/actions";
import { CHILD_UNIT_KINDS } from "@/lib/validation/reference";

/** Units and reference items are the same shape to an admin: a code, two names, retired or not. */
type Mode = { kind: "unit" } | { kind: "reference"; referenceKind: string };

const ACTIONS = {
  unit: { create: createUnitAction, rename: renameUnitAction, retire: setUnitRetiredAction },
  reference: { create: createReferenceItemAction, rename: renameReferenceItemAction, retire: setReferenceItemRetiredAction },
} as const;

/** Adds a county/district, or a value to one reference list. */
export function CreateCodedItemForm({ mode, title }: { mode: Mode; title: string }) {
  const ns = mode.kind === "unit" ? "admin.units" : "admin.reference";
  const t = useTranslations(ns);
  const tu = useTranslations("admin.units");
  const form = useActionForm(ACTIONS[mode.kind].create as (p: unknown, f: FormData) => ReturnType<typeof createUnitAction>, {
    refresh: true,
    onSuccess: (_d, el) => {
      const name = String(new FormData(el).get("nameZh") ?? "");
      el.reset();
      return t("added", { name });
    },
  });
  const { errors } = form;
  const id = `create-${mode.kind}`;
  return (
    <form method="post" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
      <input type="hidden" name="requestId" value={form.requestId} />
      {mode.kind === "reference" && <input type="hidden" name="kind" value={mode.referenceKind} />}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField name="code" label={t("fields.code")} required maxLength={mode.kind === "unit" ? 32 : 64} hint={t("hints.code")} error={errors.code} autoComplete="off" />
        <TextField name="nameZh" label={t("fields.nameZh")} required maxLength={100} error={errors.nameZh} lang="zh-CN" />
        <TextField name="nameEn" label={t("fields.nameEn")} required maxLength={100} error={errors.nameEn} lang="en" />
        {mode.kind === "unit" && (
          <SelectField name="kind" label={tu("fields.kind")} defaultValue="COUNTY" options={CHILD_UNIT_KINDS.map((k) => ({ value: k, label: tu(`kinds.${k}`) }))} error={errors.kind} />
        )}
      </div>
      <FormSummary id={`${id}-summary`} error={form.failure?.message} success={form.success} />
      <Button type="submit" disabled={form.pending}>{form.pending ? t("adding") : t("add")}</Button>
    </form>
  );
}

/** What a conflict can find changed: the rename form's names and whether the item is retired. */
const FIELDS = ["nameZh", "nameEn", "retired"] as const;

type Item = { id: number; code: string; nameZh: string; nameEn: string; version: number; retired: boolean; canRetire: boolean; detail: string };

/** One unit or value: rename it (versioned) and retire or restore it. */
export function CodedItemRow({ mode, item }: { mode: Mode; item: Item }) {
  const ns = mode.kind === "unit" ? "admin.units" : "admin.reference";
  const t = useTranslations(ns);
  const tc = useTranslations("admin.common");
  // Renaming and retiring share the version and the merge: a conflict on either fills the names the admin left alone.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, item), version: item.version });
  const { version, onConflict } = merge;
  const rename = useActionForm(ACTIONS[mode.kind].rename as typeof renameUnitAction, {
    refresh: true,
    onConflict,
    onSuccess: (d) => (merge.saved(d.version), tc("saved")),
  });
  const retire = useActionForm(ACTIONS[mode.kind].retire as typeof setUnitRetiredAction, {
    refresh: true,
    onConflict,
    onSuccess: (d) => (merge.saved(d.version), item.retired ? tc("restoredDone") : tc("retiredDone")),
  });
  const base = `${mode.kind}-${item.id}`;
  const label = (f: (typeof FIELDS)[number]) => (f === "retired" ? tc("status") : t(`fields.${f}`));
  const show = (f: (typeof FIELDS)[number], v: string) => (f !== "retired" ? v : v === "true" ? tc("retired") : tc("active"));
  return (
    <li className={`rounded-lg border p-3 ${item.retired ? "border-slate-200 bg-slate-50" : "border-slate-200 bg-white"}`} data-testid={`item-${item.code}`}>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <code className="font-mono font-medium">{item.code}</code>
        <span className={item.retired ? "rounded bg-slate-200 px-2 py-0.5 text-slate-700" : "rounded bg-green-100 px-2 py-0.5 text-green-900"}>
          {item.retired ? tc("retired") : tc("active")}
        </span>
        <span className="text-slate-600">{item.detail}</span>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <form method="post" ref={merge.formRef} onSubmit={rename.onSubmit} noValidate aria-label={t("renameLabel", { code: item.code })} aria-describedby={`${base}-rename-summary`} className="flex flex-1 flex-wrap items-end gap-3">
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="version" value={version} />
          <TextField name="nameZh" label={t("fields.nameZh")} defaultValue={item.nameZh} required maxLength={100} error={rename.errors.nameZh} lang="zh-CN" className="min-w-48 flex-1" />
          <TextField name="nameEn" label={t("fields.nameEn")} defaultValue={item.nameEn} required maxLength={100} error={rename.errors.nameEn} lang="en" className="min-w-48 flex-1" />
          <Button type="submit" variant="secondary" disabled={rename.pending}>{rename.pending ? tc("saving") : tc("save")}</Button>
        </form>
        {item.canRetire && (
          <form method="post" onSubmit={retire.onSubmit} aria-describedby={`${base}-retire-summary`}>
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="retired" value={item.retired ? "false" : "true"} />
            <Button type="submit" variant={item.retired ? "secondary" : "ghost"} disabled={retire.pending}>
              {retire.pending ? tc("working") : item.retired ? tc("restore") : tc("retire")}
            </Button>
          </form>
        )}
      </div>
      <ConflictBox conflict={merge.conflict} title={tc("conflictTitle")} label={label} show={show} />
      <FormSummary id={`${base}-rename-summary`} error={rename.failure?.message} success={rename.success} />
      <FormSummary id={`${base}-retire-summary`} error={retire.failure?.message} success={retire.success} />
    </li>
  );
}
