import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { auditActionLabel } from "@/lib/audit/action-label";
import { Button, buttonClasses } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { AuditFilter } from "@/lib/data/audit-filter";

/** A plain GET form: the filters live in the URL and work without JavaScript; filtering starts again at the newest entry. */
export async function AuditFilters({
  filter,
  options,
}: {
  filter: AuditFilter;
  options: { users: { id: number; name: string; email: string }[]; entities: string[]; actions: string[] };
}) {
  const [t, ta] = await Promise.all([getTranslations("admin.audit"), getTranslations("admin.auditActions")]);
  const active = Object.entries(filter).some(([k, v]) => k !== "before" && v !== undefined);
  return (
    <form method="get" action="/admin/audit" aria-label={t("filtersLabel")} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
      <SelectField id="audit-user" name="userId" label={t("user")} placeholder={t("any")} defaultValue={filter.userId ? String(filter.userId) : ""} options={options.users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))} />
      <SelectField id="audit-entity" name="entity" label={t("entity")} placeholder={t("any")} defaultValue={filter.entity ?? ""} options={options.entities.map((e) => ({ value: e, label: e }))} />
      <SelectField id="audit-action" name="action" label={t("action")} placeholder={t("any")} defaultValue={filter.action ?? ""} options={options.actions.map((a) => ({ value: a, label: auditActionLabel(ta, a) }))} />
      <TextField id="audit-from" name="from" type="date" label={t("from")} defaultValue={filter.from ?? ""} />
      <TextField id="audit-to" name="to" type="date" label={t("to")} defaultValue={filter.to ?? ""} />
      {filter.entityId && <input type="hidden" name="entityId" value={filter.entityId} />}
      <div className="flex items-end gap-2">
        <Button type="submit">{t("apply")}</Button>
        {active && (
          <Link href="/admin/audit" className={buttonClasses("ghost")}>{t("clear")}</Link>
        )}
      </div>
    </form>
  );
}
