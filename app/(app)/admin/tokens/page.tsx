import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { latestExpiryDate, listApiTokens } from "@/lib/data/api-tokens";
import { todayDate } from "@/lib/validation/fields";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { BackToAdmin } from "@/components/admin/back-link";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/admin/api-token-forms";

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export default async function AdminTokensPage() {
  const user = await requirePageRole(...ROLES_FOR.manageApiTokens);
  const [t, locale] = await Promise.all([getTranslations("admin.tokens"), getLocale() as Promise<Locale>]);
  const tokens = await listApiTokens(db(), user);
  const today = todayDate();
  const in90 = new Date(today);
  in90.setUTCDate(in90.getUTCDate() + 90);
  const now = Date.now();
  const status = (tok: (typeof tokens)[number]) => (tok.revokedAt ? "revoked" : tok.expiresAt.getTime() <= now ? "expired" : "active");

  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <CreateApiTokenForm defaultExpiry={ymd(in90)} minExpiry={ymd(today)} maxExpiry={ymd(latestExpiryDate(today))} />
        <DataTable
          caption={t("title")}
          testId="tokens-table"
          rows={tokens}
          rowKey={(tok) => tok.id}
          rowAttributes={(tok) => ({ "data-testid": `token-row-${tok.id}` })}
          empty={t("empty")}
          columns={[
            { key: "name", header: t("columns.name"), className: "font-medium" },
            { key: "createdBy", header: t("columns.createdBy"), cell: (tok) => tok.createdBy.name },
            { key: "createdAt", header: t("columns.createdAt"), cell: (tok) => formatDateTime(tok.createdAt, locale) },
            { key: "expiresAt", header: t("columns.expiresAt"), cell: (tok) => formatDateTime(tok.expiresAt, locale) },
            { key: "lastUsedAt", header: t("columns.lastUsedAt"), cell: (tok) => (tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t("never")) },
            { key: "status", header: t("columns.status"), cell: (tok) => t(`status.${status(tok)}`) },
            {
              key: "revoke",
              header: t("revoke"),
              headerHidden: true,
              align: "right",
              cell: (tok) => status(tok) === "active" && <RevokeApiTokenButton id={tok.id} name={tok.name} />,
            },
          ]}
        />
      </div>
    </>
  );
}
