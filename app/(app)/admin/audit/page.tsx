import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { auditActionLabel } from "@/lib/audit/action-label";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { auditFilterOptions, auditHref, fromSearchParams, listAuditEntries, type AuditFilter } from "@/lib/data/audit";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { BackToAdmin } from "@/components/admin/back-link";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditDiffList } from "@/components/admin/audit-diff-list";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where an audited record lives in the app, if it has a page. */
function recordHref(entity: string, entityId: string | null, parent: { projectId: number | null; companyId: number | null }): string | null {
  const id = entityId && /^\d+$/.test(entityId) ? entityId : null;
  switch (entity) {
    case "project":
      return id && `/projects/${id}`;
    case "company":
      return id && `/companies/${id}`;
    case "promotion_event":
      return id && `/events/${id}`;
    case "user":
      return id && `/admin/users/${id}`;
    case "unit":
      return "/admin/units";
    case "reference_item":
      return "/admin/reference";
    case "api_token":
      return "/admin/tokens";
    default:
      if (parent.projectId) return `/projects/${parent.projectId}`;
      if (parent.companyId) return `/companies/${parent.companyId}`;
      return null;
  }
}

/** The viewer with `change` made to its filter, from the newest entry unless `change` names a cursor. */
const hrefWith = (filter: AuditFilter, change: Partial<AuditFilter>) => auditHref({ ...filter, before: undefined, ...change });

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole(...ROLES_FOR.administer);
  const params = await searchParams;
  const filter = fromSearchParams(params);
  const [t, ta, locale] = await Promise.all([getTranslations("admin.audit"), getTranslations("admin.auditActions"), getLocale() as Promise<Locale>]);
  const [{ rows, nextCursor }, options] = await Promise.all([listAuditEntries(db(), user, filter), auditFilterOptions(db(), user)]);

  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <AuditFilters filter={filter} options={options} />
      <p className="mb-2 text-sm text-slate-600" role="status">{t("shown", { count: rows.length })}</p>
      <DataTable
        caption={t("title")}
        testId="audit-table"
        rows={rows}
        rowKey={(r) => r.id}
        empty={t("empty")}
        columns={[
          {
            key: "at",
            header: t("columns.at"),
            className: "whitespace-nowrap tabular-nums",
            cell: (r) => <time dateTime={r.at.toISOString()}>{formatDateTime(r.at, locale)}</time>,
          },
          {
            key: "actor",
            header: t("columns.actor"),
            cell: (r) =>
              r.actor ? (
                <Link href={hrefWith(filter, { userId: r.actor.id })} className="hover:underline" title={r.actor.email}>
                  {r.actor.name}
                </Link>
              ) : (
                <span className="text-slate-500">{t("system")}</span>
              ),
          },
          {
            key: "action",
            header: t("columns.action"),
            cell: (r) => (
              <>
                <span className="block">{auditActionLabel(ta, r.action)}</span>
                <code className="font-mono text-xs text-slate-500">{r.action}</code>
              </>
            ),
          },
          {
            key: "entity",
            header: t("columns.entity"),
            cell: (r) => {
              const href = recordHref(r.entity, r.entityId, r.parent);
              const label = r.entityId ? `${r.entity} #${r.entityId}` : r.entity;
              return href ? (
                <Link href={href} className="text-brand-700 hover:underline">{label}</Link>
              ) : (
                <span>{label}</span>
              );
            },
          },
          { key: "changes", header: t("columns.changes"), cell: (r) => <AuditDiffList diff={r.diff} none={t("noChanges")} locale={locale} /> },
        ]}
      />
      <nav aria-label={t("title")} className="mt-4 flex justify-between gap-2 text-sm">
        {filter.before ? (
          <Link href={hrefWith(filter, {})} className={buttonClasses("secondary")}>{t("newest")}</Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link href={hrefWith(filter, { before: nextCursor })} rel="next" className={buttonClasses("secondary")}>{t("older")}</Link>
        )}
      </nav>
    </>
  );
}
