"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/form-summary";
import { TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ConflictBox } from "@/components/ui/conflict-box";
import { formValuesOf, useConflictMerge } from "@/components/ui/use-conflict-rows";
import { addContactAction, removeContactAction, updateContactAction } from "@/app/(app)/companies/actions";

export type ContactView = { id: number; name: string; title: string | null; phone: string | null; email: string | null; version: number };

const FIELDS = ["name", "title", "phone", "email"] as const;
const LABEL = { name: "name", title: "position", phone: "phone", email: "email" } as const;

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

function ContactFields({ values, errors }: { values?: Partial<Record<(typeof FIELDS)[number], string | null>>; errors: Record<string, string> }) {
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
  const form = useActionForm(addContactAction, {
    onSuccess: (_data, el) => {
      const message = t("added", { name: String(new FormData(el).get("name") ?? "").trim() });
      onDone(message);
      el.reset();
      return message;
    },
  });

  return (
    <form method="post" onSubmit={form.onSubmit} noValidate aria-labelledby="add-contact-heading" className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      <h3 id="add-contact-heading" className="font-medium">
        {t("add")}
      </h3>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="requestId" value={form.requestId} />
      <ContactFields errors={form.errors} />
      <FormSummary error={form.failure?.message} success={form.success} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t("adding") : t("add")}
      </Button>
    </form>
  );
}

function ContactItem({ contact, onDone }: { contact: ContactView; onDone: (message: string) => void }) {
  const t = useTranslations("companies.contacts");
  const [editing, setEditing] = useState(false);
  // Saving and removing share the version and the merge: a conflict on either takes the record's current one.
  const merge = useConflictMerge({ fields: FIELDS, initial: formValuesOf(FIELDS, contact), version: contact.version });
  const onConflict = merge.onConflict;
  const version = merge.version;
  const save = useActionForm(updateContactAction, {
    onConflict,
    onSuccess: (_data, el) => {
      setEditing(false);
      onDone(t("updated", { name: String(new FormData(el).get("name") ?? contact.name) }));
    },
  });
  const remove = useActionForm(removeContactAction, { onConflict, onSuccess: () => onDone(t("removed", { name: contact.name })) });

  function onRemove(event: React.FormEvent<HTMLFormElement>) {
    if (!window.confirm(t("removeConfirm", { name: contact.name }))) {
      event.preventDefault();
      return;
    }
    remove.onSubmit(event);
  }

  if (editing) {
    return (
      <li className="py-3">
        <form method="post" ref={merge.formRef} onSubmit={save.onSubmit} noValidate aria-label={t("editLabel", { name: contact.name })} className="space-y-3">
          <input type="hidden" name="id" value={contact.id} />
          <input type="hidden" name="version" value={version} />
          <ConflictBox conflict={merge.conflict} label={(f) => t(LABEL[f])} show={(_f, v) => v} />
          <ContactFields values={merge.current} errors={save.errors} />
          <FormSummary error={save.failure?.message} />
          <div className="flex gap-2">
            <Button type="submit" disabled={save.pending}>
              {save.pending ? t("saving") : t("save")}
            </Button>
            <Button variant="secondary" onClick={() => (setEditing(false), save.reset())}>
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
        {remove.failure && (
          <p role="alert" className="mt-1 text-red-700">
            {remove.failure.message}
          </p>
        )}
        {remove.conflict && <ConflictBox conflict={merge.conflict} label={(f) => t(LABEL[f])} show={(_f, v) => v} />}
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => setEditing(true)} aria-label={t("editLabel", { name: contact.name })}>
          {t("edit")}
        </Button>
        <form method="post" onSubmit={onRemove}>
          <input type="hidden" name="id" value={contact.id} />
          <input type="hidden" name="version" value={version} />
          <Button type="submit" variant="ghost" disabled={remove.pending} aria-label={t("removeLabel", { name: contact.name })}>
            {t("remove")}
          </Button>
        </form>
      </div>
    </li>
  );
}
