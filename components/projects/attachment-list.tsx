"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { useActionForm, type ActionFailure } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/result";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from "@/lib/validation/attachment";
import { deleteAttachmentAction } from "@/app/(app)/projects/[id]/attachment-actions";

/** A file as the timeline lists it: every string already formatted by the server. */
export type AttachmentItem = { id: number; fileName: string; size: string; uploadedBy: string; date: string; mayDelete: boolean };

/** The upload goes to the route handler (POST /api/attachments), which answers like an action. */
async function uploadAttachment(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: number }>> {
  const response = await fetch("/api/attachments", { method: "POST", body: formData, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => ({}))) as { id?: number; error?: string; message?: string; fieldErrors?: Record<string, string> };
  if (response.ok && body.id) return { ok: true, data: { id: body.id } };
  return { ok: false, error: (body.error as ActionFailure["error"]) ?? "server", message: body.message ?? "", fieldErrors: body.fieldErrors };
}

function DeleteAttachment({ item }: { item: AttachmentItem }) {
  const t = useTranslations("projects.attachments");
  const { pending, failure, onSubmit } = useActionForm(deleteAttachmentAction, { refresh: true });
  return (
    <form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(t("deleteConfirm", { name: item.fileName }))) {
          event.preventDefault();
          return;
        }
        onSubmit(event);
      }}
      className="inline"
    >
      <input type="hidden" name="id" value={item.id} />
      <button type="submit" disabled={pending} aria-label={t("deleteLabel", { name: item.fileName })} className="text-xs text-red-700 hover:underline disabled:opacity-50">
        {t("delete")}
      </button>
      {failure && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {failure.message}
        </span>
      )}
    </form>
  );
}

/**
 * The files of one round (minutes) or contract (the signed agreement): each
 * downloads from /api/attachments/{id}; the uploader or a manager may delete
 * it; anyone who sees the project may add one (up to the stated size).
 */
export function AttachmentList({ target, items }: { target: { roundId: number } | { contractId: number }; items: AttachmentItem[] }) {
  const t = useTranslations("projects.attachments");
  const te = useTranslations("errors");
  const inputId = useId();
  // The upload form opens on demand: a page of fifty rounds stays light.
  const kind = "roundId" in target ? "round" : "contract";
  const [open, setOpen] = useState(false);
  const { pending, failure, success, requestId, onSubmit, errorOf } = useActionForm(uploadAttachment, {
    refresh: true,
    precheck: (formData) => {
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) return { ok: false, error: "invalid", message: te("invalid"), fieldErrors: { file: t("chooseFile") } };
      if (file.size > ATTACHMENT_MAX_BYTES) return { ok: false, error: "invalid", message: te("invalid"), fieldErrors: { file: t("tooLarge", { maxMb: ATTACHMENT_MAX_MB }) } };
      return null;
    },
    onSuccess: (_data, form) => {
      const name = (new FormData(form).get("file") as File | null)?.name ?? "";
      form.reset();
      return t("uploaded", { name });
    },
  });
  const error = errorOf("file");

  return (
    <section aria-label={t("heading")} className="mt-2 border-t border-slate-100 pt-2 text-sm" data-testid={`attachments-${kind}`}>
      {items.length > 0 && <h4 className="text-xs font-medium text-slate-500">{t("heading")}</h4>}
      {items.length > 0 && (
        <ul className="mt-1 space-y-1">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-baseline gap-x-2">
              <a href={`/api/attachments/${item.id}`} download={item.fileName} aria-label={t("download", { name: item.fileName })} className="break-all text-brand-700 hover:underline">
                {item.fileName}
              </a>
              <span className="text-xs text-slate-500">{t("meta", { size: item.size, name: item.uploadedBy, date: item.date })}</span>
              {item.mayDelete && <DeleteAttachment item={item} />}
            </li>
          ))}
        </ul>
      )}
      {!open && (
        <button type="button" aria-expanded={false} onClick={() => setOpen(true)} className="mt-1 text-xs text-brand-700 hover:underline">
          + {t("file")}
        </button>
      )}
      {open && (
      <form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="mt-2 flex flex-wrap items-end gap-2">
        <input type="hidden" name="requestId" value={requestId} />
        {"roundId" in target ? <input type="hidden" name="roundId" value={target.roundId} /> : <input type="hidden" name="contractId" value={target.contractId} />}
        <div>
          <label htmlFor={inputId} className="block text-xs font-medium text-slate-700">
            {t("file")}
          </label>
          <input
            id={inputId}
            type="file"
            name="file"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ""}`}
            className="text-xs"
          />
          <p id={`${inputId}-hint`} className="text-xs text-slate-500">
            {t(kind === "round" ? "hintRound" : "hintContract", { maxMb: ATTACHMENT_MAX_MB })}
          </p>
          {error && (
            <p id={`${inputId}-error`} className="text-xs text-red-700">
              {error}
            </p>
          )}
        </div>
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">
          {pending ? t("uploading") : t("upload")}
        </Button>
        <FormSummary error={failure && !error ? failure.message || t("failed") : null} success={success} />
      </form>
      )}
    </section>
  );
}
