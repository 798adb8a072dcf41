"use client";

import { useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ConflictBox, FormSummary, SelectField } from "@/components/companies/form-bits";
import { createEventAction, updateEventAction } from "@/app/(app)/events/actions";
import type { ActionResult } from "@/lib/actions/result";

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
type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** Create or edit a promotion event; the end date may not be before the start. */
export function EventForm({ initial, units, defaultUnitId }: { initial?: EventValues; units: { value: string; label: string }[]; defaultUnitId: number }) {
  const t = useTranslations("events");
  const router = useRouter();
  const editing = initial?.id !== undefined;
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [endBeforeStart, setEndBeforeStart] = useState(false);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [version, setVersion] = useState(initial?.version ?? 1);
  const [baseline, setBaseline] = useState<EventValues | undefined>(initial);
  const [conflict, setConflict] = useState<{ label: string; value: string }[] | null>(null);
  const busy = useRef(false);

  const unitLabel = (id: unknown) => units.find((u) => u.value === String(id))?.label ?? String(id);
  const display = (f: (typeof FIELDS)[number], v: EventValues) =>
    f === "unitId" ? unitLabel(v.unitId) : v[f] == null || v[f] === "" ? t("form.none") : String(v[f]);

  const errors: Record<string, string | undefined> = { ...(failure?.fieldErrors ?? {}) };
  if (endBeforeStart) errors.endsOn = t("endBeforeStart");

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const formData = new FormData(event.currentTarget);
    const starts = String(formData.get("startsOn") ?? "");
    const ends = String(formData.get("endsOn") ?? "");
    const wrongOrder = Boolean(starts && ends && ends < starts);
    setEndBeforeStart(wrongOrder);
    if (wrongOrder) {
      setFailure({ ok: false, error: "invalid", message: t("endBeforeStart") });
      return;
    }
    busy.current = true;
    startTransition(async () => {
      try {
        const result = editing ? await updateEventAction(null, formData) : await createEventAction(null, formData);
        if (result.ok) {
          setFailure(null);
          setConflict(null);
          setRequestId(crypto.randomUUID());
          router.push(`/events/${result.data.id}`);
          return;
        }
        setFailure(result);
        if (result.error === "conflict" && result.current) {
          const current = result.current as unknown as EventValues;
          const changed = FIELDS.filter((f) => !baseline || display(f, baseline) !== display(f, current));
          setConflict((changed.length ? changed : FIELDS).map((f) => ({ label: t(`fields.${f}`), value: display(f, current) })));
          setBaseline(current);
          setVersion(Number(current.version));
        } else {
          setConflict(null);
        }
      } finally {
        busy.current = false;
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby="event-form-summary" className="max-w-3xl space-y-5">
      <input type="hidden" name={editing ? "id" : "requestId"} value={editing ? String(initial!.id) : requestId} />
      {editing && <input type="hidden" name="version" value={String(version)} />}
      {conflict && <ConflictBox title={t("form.conflictTitle")} hint={t("form.conflictHint")} rows={conflict} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="nameZh" label={t("fields.nameZh")} defaultValue={initial?.nameZh} required maxLength={200} error={errors.nameZh} lang="zh-CN" />
        <TextField name="nameEn" label={t("fields.nameEn")} defaultValue={initial?.nameEn ?? ""} maxLength={200} error={errors.nameEn} lang="en" />
        <TextField name="cityZh" label={t("fields.cityZh")} defaultValue={initial?.cityZh} required maxLength={100} error={errors.cityZh} lang="zh-CN" />
        <TextField name="cityEn" label={t("fields.cityEn")} defaultValue={initial?.cityEn ?? ""} maxLength={100} error={errors.cityEn} lang="en" />
        <TextField name="startsOn" type="date" label={t("fields.startsOn")} defaultValue={initial?.startsOn} required error={errors.startsOn} />
        <TextField name="endsOn" type="date" label={t("fields.endsOn")} defaultValue={initial?.endsOn} required error={errors.endsOn} />
        <SelectField
          name="unitId"
          label={t("fields.unitId")}
          defaultValue={String(initial?.unitId ?? defaultUnitId)}
          options={units}
          required
          error={errors.unitId}
        />
      </div>
      <FormSummary id="event-form-summary" error={failure?.message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t(editing ? "form.saving" : "form.creating") : t(editing ? "form.save" : "form.create")}
        </Button>
        <Link href={editing ? `/events/${initial!.id}` : "/events"} className={buttonClasses("secondary")}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
