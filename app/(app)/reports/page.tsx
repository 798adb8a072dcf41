import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { seesAllUnits } from "@/lib/domain/scope";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/dashboard";
import { buildReport, reportUnitOptions } from "@/lib/reports/build-report";
import { todayDate } from "@/lib/validation/fields";
import { parseReportPageParams, REPORT_FORMATS } from "@/lib/validation/report";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ReportForm } from "@/components/reports/report-form";
import Link from "next/link";
import { reconciliationLabel } from "@/lib/reports/sections";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PREVIEW_ROWS = 50;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole(...ROLES_FOR.viewReports);
  const actor: Actor = { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unitIsCity };
  const [t, locale] = await Promise.all([getTranslations("reports"), getLocale() as Promise<Locale>]);
  const today = todayDate();
  const params = parseReportPageParams(await searchParams, today);
  const all = seesAllUnits(actor);
  // A unit manager's report is their unit's whatever the URL says.
  const unitId = all ? params.unitId : undefined;

  let report;
  try {
    // The preview shows the first PREVIEW_ROWS signed projects: reading every
    // list whole (a city-wide year lists tens of thousands of stalled projects)
    // took seconds on bench data. The downloads read them whole.
    report = await buildReport(db(), actor, { period: params.label, unitId }, undefined, { listLimit: PREVIEW_ROWS });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
  const options = await reportUnitOptions(db(), actor);
  const thisYear = today.getUTCFullYear();
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  if (!years.includes(params.year)) years.push(params.year);

  const query = unitId !== undefined ? `?unit=${unitId}` : "";
  const s = report.signed;
  const kpis: [string, string][] = [
    [t("file.metrics.signedCount"), formatCount(s.count, locale)],
    [t("file.metrics.signedCny"), formatCny(s.contractedCny, locale)],
    [t("file.metrics.signedUsd"), formatUsd(s.contractedUsd, locale)],
    [t("file.metrics.band100m"), formatCount(s.atLeast100MillionCny.count, locale)],
    [t("file.metrics.band5b"), formatCount(s.atLeast5BillionCny.count, locale)],
    [t("file.metrics.band10b"), formatCount(s.atLeast10BillionCny.count, locale)],
    [t("file.metrics.starts"), formatCount(report.constructionStarts.count, locale)],
    [t("file.metrics.fundsCny"), formatCny(report.fundsInPlace.cny, locale)],
    [t("file.metrics.fundsUsd"), formatUsd(report.fundsInPlace.usd, locale)],
    [t("file.metrics.fdiUsd"), formatUsd(report.foreignInvestmentInPlaceUsd, locale)],
    [t("file.metrics.rounds"), formatCount(report.roundsHeld, locale)],
    [t("file.metrics.leads"), formatCount(report.newLeads.total, locale)],
  ];
  const shown = report.signedProjects;
  const en = locale === "en";

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ReportForm
        kind={params.kind}
        year={params.year}
        quarter={params.quarter}
        unitId={unitId}
        years={years}
        units={options ? options.map((u) => ({ id: u.id, name: locale === "en" ? u.nameEn : u.nameZh })) : null}
        ownUnit={locale === "en" ? user.unitNameEn : user.unitNameZh}
      />

      <nav aria-label={t("download.label")} className="mb-6 flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-700">{t("download.label")}</span>
        {(["xlsx", "csv", "pdf", "json"] as const).filter((f) => REPORT_FORMATS.includes(f)).map((f) => (
          <a key={f} href={`/api/reports/${report.period.label}.${f}${query}`} download className={buttonClasses("secondary")}>
            {t(`download.${f}`)}
          </a>
        ))}
      </nav>

      <section aria-labelledby="r-summary" className="mb-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="r-summary" className="mb-2 text-lg font-semibold text-slate-900">
          {t("preview.summary")} · {locale === "en" ? report.unit.nameEn : report.unit.nameZh} · {formatDate(report.period.from, locale)} – {formatDate(report.period.lastDay, locale)}
        </h2>
        <h3 className="mt-2 text-sm font-medium text-slate-600">{t("preview.summaryZh")}</h3>
        <p lang="zh-CN" className="text-slate-900">{report.summary.zh}</p>
        <h3 className="mt-3 text-sm font-medium text-slate-600">{t("preview.summaryEn")}</h3>
        <p lang="en" className="text-slate-900">{report.summary.en}</p>
      </section>

      <section aria-labelledby="r-key" className="mb-8">
        <h2 id="r-key" className="mb-2 text-lg font-semibold text-slate-900">{t("preview.keyNumbers")}</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-4">
          {kpis.map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <dt className="text-xs font-medium text-slate-600">{label}</dt>
              <dd className="mt-1 text-lg font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="r-reconciliation" className="mb-8" data-testid="reconciliation">
        <h2 id="r-reconciliation" className="mb-2 text-lg font-semibold text-slate-900">{t("file.sections.reconciliation")}</h2>
        <DataTable
          caption={t("file.sections.reconciliation")}
          rows={report.reconciliation}
          rowKey={(l) => `${l.line}-${l.excludedBy ?? ""}`}
          empty={t("preview.none")}
          rowAttributes={(l) => ({ "data-line": l.line })}
          columns={[
            { key: "item", header: t("file.cols.item"), cell: (l) => <Link href={l.href} className="text-brand-700 hover:underline">{reconciliationLabel(l, locale)}</Link> },
            { key: "signings", header: t("file.cols.signings"), align: "right", cell: (l) => formatCount(l.signings, locale) },
            { key: "projects", header: t("file.cols.count"), align: "right", cell: (l) => formatCount(l.projects, locale) },
            { key: "cny", header: t("file.cols.contractedCny"), align: "right", cell: (l) => formatCny(l.cny, locale) },
            { key: "usd", header: t("file.cols.contractedUsd"), align: "right", cell: (l) => (l.usd === "0" ? "—" : formatUsd(l.usd, locale)) },
          ]}
        />
      </section>

      <section aria-labelledby="r-signed" className="mb-8">
        <h2 id="r-signed" className="mb-2 text-lg font-semibold text-slate-900">{t("preview.signedProjects")}</h2>
        <DataTable
          caption={t("preview.signedProjects")}
          rows={shown}
          rowKey={(p) => p.projectId}
          empty={t("preview.none")}
          columns={[
            { key: "investor", header: t("file.cols.investor"), cell: (p) => (en ? p.investorEn || p.investorZh : p.investorZh) },
            { key: "title", header: t("file.cols.title") },
            { key: "sector", header: t("file.cols.sector"), cell: (p) => (en ? p.sectorEn : p.sectorZh) ?? t("file.unnamed") },
            { key: "unitName", header: t("file.cols.unitName"), cell: (p) => (en ? p.unitEn : p.unitZh) },
            { key: "signedOn", header: t("file.cols.signedOn"), cell: (p) => formatDate(p.signedOn, locale) },
            { key: "contractedCny", header: t("file.cols.contractedCny"), align: "right", cell: (p) => formatCny(p.contractedCny, locale) },
            { key: "contractedUsd", header: t("file.cols.contractedUsd"), align: "right", cell: (p) => (p.contractedUsd === "0" ? "—" : formatUsd(p.contractedUsd, locale)) },
          ]}
        />
        {/* signed.count counts the same projects as the list (both are signedInPeriodSql). */}
        {s.count > shown.length && <p className="mt-2 text-sm text-slate-600">{t("preview.more", { shown: shown.length, total: s.count })}</p>}
      </section>
    </>
  );
}
