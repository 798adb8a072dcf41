import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { latestExpiryDate, listApiTokens } from "@/lib/data/api-tokens";
import { todayDate } from "@/lib/validation/fields";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { BackToAdmin } from "@/components/admin/back-link";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/admin/api-token-forms";

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export default async function AdminTokensPage() {
  const user = await requirePageRole("ADMIN");
  const [t, locale] = await Promise.all([getTranslations("admin.tokens"), getLocale() as Promise<Locale>]);
  const tokens = await listApiTokens(db(), user);
  const today = todayDate();
  const in90 = new Date(today);
  in90.setUTCDate(in90.getUTCDate() + 90);
  const now = Date.now();

  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <CreateApiTokenForm defaultExpiry={ymd(in90)} minExpiry={ymd(today)} maxExpiry={ymd(latestExpiryDate(today))} />
        {tokens.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="tokens-table">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.name")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.createdBy")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.createdAt")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.expiresAt")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.lastUsedAt")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.status")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("revoke")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((tok) => {
                  const status = tok.revokedAt ? "revoked" : tok.expiresAt.getTime() <= now ? "expired" : "active";
                  return (
                    <tr key={tok.id} data-testid={`token-row-${tok.id}`}>
                      <td className="px-3 py-2 font-medium">{tok.name}</td>
                      <td className="px-3 py-2">{tok.createdBy.name}</td>
                      <td className="px-3 py-2">{formatDateTime(tok.createdAt, locale)}</td>
                      <td className="px-3 py-2">{formatDateTime(tok.expiresAt, locale)}</td>
                      <td className="px-3 py-2">{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t("never")}</td>
                      <td className="px-3 py-2">{t(`status.${status}`)}</td>
                      <td className="px-3 py-2 text-right">{status === "active" && <RevokeApiTokenButton id={tok.id} name={tok.name} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
