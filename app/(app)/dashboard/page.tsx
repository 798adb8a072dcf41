import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { seesAllUnits } from "@/lib/domain/scope";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/data/dashboard";
import { dashboardOptions } from "@/lib/data/filter-options";
import { dataVersion } from "@/lib/data/versioned-cache";
import { cachedDashboard } from "@/lib/data/dashboard/cache";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { lastDay } from "@/lib/domain/period";
import { todayDate } from "@/lib/validation/fields";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { Kpi } from "@/components/dashboard/parts";
import { FilterForm } from "@/components/dashboard/filter-form";
import { FunnelSection } from "@/components/dashboard/funnel-section";
import { SignedSection } from "@/components/dashboard/signed-section";
import { BandsSection } from "@/components/dashboard/bands-section";
import { DeliverySection } from "@/components/dashboard/delivery-section";
import { DeliveryRatesSection, rankOf } from "@/components/dashboard/delivery-rates-section";
import { WorkSection } from "@/components/dashboard/work-section";
import { ChainsSection } from "@/components/dashboard/chains-section";
import { EventsSection } from "@/components/dashboard/events-section";
import { TargetsSection } from "@/components/dashboard/targets-section";
import { ActivitySection } from "@/components/dashboard/activity-section";
import { getActivityWeights } from "@/lib/data/assessment";
import { dashboardFiltersFor, linkedNumbers } from "@/components/dashboard/links";
import { hrefWith } from "@/lib/url";
import { PipelineSection } from "@/components/dashboard/pipeline-section";
import { SupervisionDashboardSection } from "@/components/dashboard/supervision-section";
import { supervisionByUnit } from "@/lib/data/supervision";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Closed <details> print opened: every chart's numbers reach paper. */
const PRINT_STYLE = "@media print { details::details-content { content-visibility: visible !important; display: block !important; } }";

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const actor: Actor = { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unitIsCity };
  const params = await searchParams;
  // An officer's dashboard is their own work: an owner filter, carried by every link like any other filter.
  const filters: DashboardFilters = dashboardFiltersFor(actor, params);
  const allOfficersHref = params.officers === "all" ? null : `${hrefWith("/dashboard", params, { officers: "all" })}#work`;
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale() as Promise<Locale>]);
  // The filter options are kept by the data version (the dashboard reads its own stamps: lib/data/dashboard/cache.ts).
  const version = await dataVersion(db());
  const today = todayDate();
  const [data, options, supervision, weights] = await Promise.all([
    cachedDashboard(db(), actor, filters),
    dashboardOptions(db(), actor, version),
    supervisionByUnit(db(), actor, filters, today),
    getActivityWeights(db()),
  ]);
  const links = linkedNumbers(data);

  // Whose projects: one's own work (the owner filter on oneself), else the scope.
  const scope =
    filters.ownerId === actor.id ? t("scope.own") : seesAllUnits(actor) ? t("scope.all") : t("scope.unit", { unit: locale === "en" ? user.unitNameEn : user.unitNameZh });
  const periodText = t("filters.range", { from: formatDate(filters.period.from, locale), to: formatDate(lastDay(filters.period), locale) });
  const { totals } = data.signed;

  return (
    <>
      <style>{PRINT_STYLE}</style>
      <PageHeader title={t("title")} description={t("description", { scope, period: periodText })} />
      <FilterForm filters={filters} options={options} locale={locale} today={today} />

      <dl aria-label={t("kpi.label")} className="mb-8 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        <Kpi label={t("kpi.signed")} value={formatCount(links.get("signed").count, locale)} note={t("kpi.lastYear", { value: formatCount(totals.prior.count, locale) })} href={links.get("signed").href} />
        <Kpi label={t("kpi.signedCny")} value={formatCny(totals.current.cny, locale)} note={t("kpi.lastYear", { value: formatCny(totals.prior.cny, locale) })} />
        <Kpi label={t("kpi.signedUsd")} value={formatUsd(totals.current.usd, locale)} note={t("kpi.lastYear", { value: formatUsd(totals.prior.usd, locale) })} />
        <Kpi label={t("kpi.fdiInPlace")} value={formatUsd(data.delivery.fundsInPeriodUsd, locale)} />
        <Kpi label={t("kpi.stalled")} value={formatCount(links.get("stalled.0").count, locale)} note={t("kpi.asOf", { date: formatDate(data.work.today, locale) })} href={links.get("stalled.0").href} />
        <Kpi label={t("kpi.overdue")} value={formatCount(links.get("overdue").count, locale)} note={t("kpi.asOf", { date: formatDate(data.work.today, locale) })} href={links.get("overdue").href} />
      </dl>

      <TargetsSection targets={data.targets} locale={locale} links={links} />
      <FunnelSection funnel={data.funnel} locale={locale} links={links} />
      <PipelineSection pipeline={data.pipeline} locale={locale} links={links} />
      <SignedSection signed={data.signed} locale={locale} links={links} />
      <BandsSection bands={data.bands} locale={locale} links={links} />
      <DeliverySection delivery={data.delivery} locale={locale} links={links} />
      <DeliveryRatesSection
        deliveryRates={data.deliveryRates}
        locale={locale}
        links={links}
        rank={rankOf(params.rank)}
        rankHref={(rank) => `${hrefWith("/dashboard", params, { rank })}#delivery-rates-title`}
      />
      <SupervisionDashboardSection rows={supervision} locale={locale} />
      <ActivitySection activity={data.activity} weights={weights} locale={locale} />
      <WorkSection work={data.work} locale={locale} links={links} allOfficersHref={allOfficersHref} />
      <ChainsSection chains={data.chains} locale={locale} />
      <EventsSection events={data.events} locale={locale} links={links} />
    </>
  );
}
