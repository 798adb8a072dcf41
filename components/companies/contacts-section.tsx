"use client";

import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormSummary } from "@/components/companies/form-bits";
import { addContactAction, removeContactAction, updateContactAction } from "@/app/(app)/companies/actions";
import type { ActionResult } from "@/lib/actions/result";

export type ContactView = { id: number; name: string; title: string | null; phone: string | null; email: string | null; version: number };

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** The company's contacts: list, add, edit in place, remove. */
export function ContactsSection({ companyId, contacts }: { companyId: number; contacts: ContactView[] }) {
  const t = useTranslations("companies.contacts");
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section aria-labelledby="contacts-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="contacts-heading" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {contacts.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200" data-testid="contacts">
          {contacts.map((c) => (
            <ContactItem key={`${c.id}-${c.version}`} contact={c} onDone={setStatus} />
          ))}
        </ul>
      )}
      <AddContactForm companyId={companyId} onDone={setStatus} />
    </section>
  );
}

function ContactFields({ values, errors }: { values?: Partial<ContactView>; errors: Record<string, string> }) {
  const t = useTranslations("companies.contacts");
  return (
    <div className="grid gap-3 sm:grid-cols-4">
      <TextField name="name" label={t("name")} defaultValue={values?.name ?? ""} required maxLength={100} error={errors.name} />
      <TextField name="title" label={t("position")} defaultValue={values?.title ?? ""} maxLength={100} error={errors.title} />
      <TextField name="phone" type="tel" label={t("phone")} defaultValue={values?.phone ?? ""} maxLength={50} error={errors.phone} />
      <TextField name="email" type="email" label={t("email")} defaultValue={values?.email ?? ""} maxLength={254} error={errors.email} />
    </div>
  );
}

function AddContactForm({ companyId, onDone }: { companyId: number; onDone: (message: string) => void }) {
  const t = useTranslations("companies.contacts");
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const busy = useRef(false);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const formData = new FormData(event.currentTarget);
    const name = String(formData.get("name") ?? "").trim();
    startTransition(async () => {
      try {
        const result = await addContactAction(null, formData);
        if (result.ok) {
          setFailure(null);
          setSuccess(t("added", { name }));
          onDone(t("added", { name }));
          setRequestId(crypto.randomUUID());
          formRef.current?.reset();
        } else {
          setSuccess(null);
          setFailure(result);
        }
      } finally {
        busy.current = false;
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="add-contact-heading" className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      <h3 id="add-contact-heading" className="font-medium">
        {t("add")}
      </h3>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="requestId" value={requestId} />
      <ContactFields errors={failure?.fieldErrors ?? {}} />
      <FormSummary error={failure?.message} success={success} />
      <Button type="submit" disabled={pending}>
        {pending ? t("adding") : t("add")}
      </Button>
    </form>
  );
}

function ContactItem({ contact, onDone }: { contact: ContactView; onDone: (message: string) => void }) {
  const t = useTranslations("companies.contacts");
  const [editing, setEditing] = useState(false);
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [version, setVersion] = useState(contact.version);
  const busy = useRef(false);

  function run(action: (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>, formData: FormData, message: string) {
    if (busy.current) return;
    busy.current = true;
    startTransition(async () => {
      try {
        const result = await action(null, formData);
        if (result.ok) {
          setFailure(null);
          setEditing(false);
          onDone(message);
        } else {
          setFailure(result);
          if (result.error === "conflict" && result.current) setVersion(Number(result.current.version));
        }
      } finally {
        busy.current = false;
      }
    });
  }

  function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    run(updateContactAction, formData, t("updated", { name: String(formData.get("name") ?? contact.name) }));
  }

  function onRemove() {
    if (!window.confirm(t("removeConfirm", { name: contact.name }))) return;
    const formData = new FormData();
    formData.set("id", String(contact.id));
    formData.set("version", String(version));
    run(removeContactAction, formData, t("removed", { name: contact.name }));
  }

  const current = failure?.error === "conflict" ? failure.current : undefined;

  if (editing) {
    return (
      <li className="py-3">
        <form onSubmit={onSave} noValidate aria-label={t("editLabel", { name: contact.name })} className="space-y-3">
          <input type="hidden" name="id" value={contact.id} />
          <input type="hidden" name="version" value={version} />
          {current && (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="conflict">
              {t("conflictCurrent", { value: [current.name, current.title, current.phone, current.email].filter(Boolean).join(" · ") })}
            </p>
          )}
          <ContactFields values={contact} errors={failure?.fieldErrors ?? {}} />
          <FormSummary error={failure?.message} />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
            <Button variant="secondary" onClick={() => (setEditing(false), setFailure(null))}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3">
      <div className="text-sm">
        <p className="font-medium text-slate-900">
          {contact.name}
          {contact.title && <span className="ml-2 font-normal text-slate-600">{contact.title}</span>}
        </p>
        <p className="mt-1 flex flex-wrap gap-x-4 text-slate-700">
          {contact.phone && <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}>{contact.phone}</a>}
          {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
        </p>
        {failure && !editing && (
          <p role="alert" className="mt-1 text-red-700">
            {failure.message}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => setEditing(true)} aria-label={t("editLabel", { name: contact.name })}>
          {t("edit")}
        </Button>
        <Button variant="ghost" onClick={onRemove} disabled={pending} aria-label={t("removeLabel", { name: contact.name })}>
          {t("remove")}
        </Button>
      </div>
    </li>
  );
}
