"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { DateField } from "@/components/ui/date-field";
import { ConflictBox } from "@/components/ui/conflict-box";
import { FormSummary } from "@/components/ui/form-summary";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formValuesOf, useConflictMerge } from "@/components/ui/use-conflict-rows";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { createEventAction, updateEventAction } from "@/app/(app)/events/actions";

export type EventValues = {
  id?: number;
  version?: number;
  nameZh: string;
  nameEn: string | null;
  cityZh: string;
  cityEn: string | null;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  unitId: number;
};

const FIELDS = ["nameZh", "nameEn", "cityZh", "cityEn", "startsOn", "endsOn", "unitId"] as const;

/** Create or edit a promotion event; the end date may not be before the start. */
export function EventForm({ initial, units, defaultUnitId }: { initial?: EventValues; units: { value: string; label: string }[]; defaultUnitId: number }) {
  const t = useTranslations("events");
  const router = useRouter();
  const editing = initial?.id !== undefined;
  const locale = useLocale() as Locale;
  /** A value in the conflict box as people read it: the unit by name, dates as the app shows them. */
  const display = (f: (typeof FIELDS)[number], value: string) =>
    f === "unitId" ? (units.find((u) => u.value === value)?.label ?? value) : f === "startsOn" || f === "endsOn" ? formatDate(value, locale) : value;
  // On a conflict: colleagues' changes fill the fields this user left alone; fields both changed are asked about.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, initial), version: initial?.version ?? 1 });

  const form = useActionForm(editing ? updateEventAction : createEventAction, {
    // The one rule that needs two fields, checked before sending (the server checks it too).
    precheck: (formData) => {
      const starts = String(formData.get("startsOn") ?? "");
      const ends = String(formData.get("endsOn") ?? "");
      if (!starts || !ends || ends >= starts) return null;
      return { ok: false, error: "invalid", message: t("endBeforeStart"), fieldErrors: { endsOn: t("endBeforeStart") } };
    },
    onSuccess: (data) => router.push(`/events/${data.id}`),
    onConflict: merge.onConflict,
  });
  const errors = form.errors;

  return (
    <form method="post" ref={merge.formRef} onSubmit={form.onSubmit} noValidate aria-describedby="event-form-summary" className="max-w-3xl space-y-5">
      <input type="hidden" name={editing ? "id" : "requestId"} value={editing ? String(initial!.id) : form.requestId} />
      {editing && <input type="hidden" name="version" value={String(merge.version)} />}
      <ConflictBox conflict={merge.conflict} title={t("form.conflictTitle")} label={(f) => t(`fields.${f}`)} show={display} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="nameZh" label={t("fields.nameZh")} defaultValue={initial?.nameZh} required maxLength={200} error={errors.nameZh} lang="zh-CN" />
        <TextField name="nameEn" label={t("fields.nameEn")} defaultValue={initial?.nameEn ?? ""} maxLength={200} error={errors.nameEn} lang="en" />
        <TextField name="cityZh" label={t("fields.cityZh")} defaultValue={initial?.cityZh} required maxLength={100} error={errors.cityZh} lang="zh-CN" />
        <TextField name="cityEn" label={t("fields.cityEn")} defaultValue={initial?.cityEn ?? ""} maxLength={100} error={errors.cityEn} lang="en" />
        <DateField name="startsOn" label={t("fields.startsOn")} defaultValue={initial?.startsOn} required error={errors.startsOn} />
        <DateField name="endsOn" label={t("fields.endsOn")} defaultValue={initial?.endsOn} required error={errors.endsOn} />
        <SelectField
          name="unitId"
          label={t("fields.unitId")}
          defaultValue={String(initial?.unitId ?? defaultUnitId)}
          options={units}
          required
          error={errors.unitId}
        />
      </div>
      <FormSummary id="event-form-summary" error={form.failure?.message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t(editing ? "form.saving" : "form.creating") : t(editing ? "form.save" : "form.create")}
        </Button>
        <Link href={editing ? `/events/${initial!.id}` : "/events"} className={buttonClasses("secondary")}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
