import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getNotificationSettings, getRemindersStart } from "@/lib/data/notification-settings";
import { listDeliveries, listWebhooks } from "@/lib/data/notifications";
import { emailConfigured } from "@/lib/notify/insert";
import { formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { BackToAdmin } from "@/components/admin/back-link";
import { RemindersSince } from "@/components/admin/reminders-since";
import { NotificationSettingsForm, WebhookForm } from "@/components/admin/notification-admin-forms";

const STATUSES = ["PENDING", "SENDING", "SENT", "RETRYING", "FAILED"] as const;

export default async function AdminNotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole(...ROLES_FOR.administer);
  const wanted = (await searchParams).status;
  const status = STATUSES.find((s) => s === wanted);
  const [t, locale, settings, since, hooks, log, units] = await Promise.all([
    getTranslations("notifications"),
    getLocale(),
    getNotificationSettings(db()),
    getRemindersStart(db()),
    listWebhooks(db(), user),
    listDeliveries(db(), user, { status }),
    db().unit.findMany({ where: { retiredAt: null }, select: { id: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } }),
  ]);
  const name = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);
  return (
    <>
      <BackToAdmin />
      <PageHeader title={t("admin.title")} description={emailConfigured() ? undefined : t("admin.emailOff")} />
      <RemindersSince since={since} locale={locale as Locale} />
      <div className="grid gap-6 lg:grid-cols-2">
        <NotificationSettingsForm {...settings} />
        <div className="space-y-4">
          <WebhookForm units={units.map((u) => ({ value: String(u.id), label: name(u) }))} />
          <DataTable
            caption={t("admin.webhooksLegend")}
            rows={hooks}
            rowKey={(h) => h.id}
            empty={t("admin.noWebhooks")}
            columns={[
              { key: "unit", header: t("admin.unit"), cell: (h) => name({ nameZh: h.unitNameZh, nameEn: h.unitNameEn }) },
              { key: "channel", header: t("admin.channel"), cell: (h) => t(`channels.${h.channel}`) },
              { key: "url", header: t("admin.url"), cell: (h) => <span className="break-all">{h.url}{h.hasSecret ? " 🔒" : ""}</span> },
            ]}
          />
        </div>
      </div>
      <h2 className="mb-2 mt-8 text-lg font-semibold">{t("admin.log")}</h2>
      <nav aria-label={t("admin.status")} className="mb-3 flex flex-wrap gap-3 text-sm">
        <Link href="/admin/notifications" aria-current={status ? undefined : "page"} className={status ? "text-brand-700" : "font-semibold"}>{t("all")}</Link>
        {STATUSES.map((s) => (
          <Link key={s} href={`/admin/notifications?status=${s}`} aria-current={status === s ? "page" : undefined} className={status === s ? "font-semibold" : "text-brand-700"}>
            {t(`admin.statuses.${s}`)}
          </Link>
        ))}
      </nav>
      <DataTable
        caption={t("admin.log")}
        testId="delivery-log"
        rows={log}
        rowKey={(d) => String(d.id)}
        empty={t("admin.logEmpty")}
        columns={[
          { key: "when", header: t("admin.when"), cell: (d) => formatDateTime(d.sentAt ?? d.createdAt, locale as Locale) },
          { key: "recipient", header: t("admin.recipient"), cell: (d) => `${d.userName} <${d.email}>` },
          { key: "kind", header: t("admin.kind"), cell: (d) => t(`kinds.${d.kind}`) },
          { key: "channel", header: t("admin.channel"), cell: (d) => t(`channels.${d.channel}`) },
          { key: "status", header: t("admin.status"), cell: (d) => t(`admin.statuses.${d.status as (typeof STATUSES)[number]}`) },
          { key: "attempts", header: t("admin.attempts"), cell: (d) => d.attempts, align: "right" },
          { key: "error", header: t("admin.error"), cell: (d) => d.lastError ?? "" },
        ]}
      />
    </>
  );
}
