import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { auditActionLabel } from "@/lib/audit/action-label";
import { Button, buttonClasses } from "@/components/ui/button";
import type { AuditFilter } from "@/lib/data/audit-filter";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

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
      <div>
        <label htmlFor="audit-user" className="mb-1 block text-sm font-medium text-slate-700">{t("user")}</label>
        <select id="audit-user" name="userId" defaultValue={filter.userId ? String(filter.userId) : ""} className={inputClass}>
          <option value="">{t("any")}</option>
          {options.users.map((u) => (
            <option key={u.id} value={u.id}>{`${u.name} (${u.email})`}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-entity" className="mb-1 block text-sm font-medium text-slate-700">{t("entity")}</label>
        <select id="audit-entity" name="entity" defaultValue={filter.entity ?? ""} className={inputClass}>
          <option value="">{t("any")}</option>
          {options.entities.map((e) => (
            <option key={e} value={e}>{e}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-action" className="mb-1 block text-sm font-medium text-slate-700">{t("action")}</label>
        <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
          <option value="">{t("any")}</option>
          {options.actions.map((a) => (
            <option key={a} value={a}>{auditActionLabel(ta, a)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="mb-1 block text-sm font-medium text-slate-700">{t("from")}</label>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="audit-to" className="mb-1 block text-sm font-medium text-slate-700">{t("to")}</label>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
      </div>
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
