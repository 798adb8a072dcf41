import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { may } from "@/lib/domain/policy";
import { projectsHref } from "@/lib/domain/project-filter";
import { seesAllUnits } from "@/lib/domain/scope";
import { db } from "@/lib/db";
import { getMyWork, type FollowUpRow, type StalledRow } from "@/lib/data/my-work";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { WorkSection } from "@/components/work/work-section";
import { ProjectTable, type ProjectTableRow } from "@/components/work/project-table";
import { ActivityList } from "@/components/work/activity-list";
import { ViewToggle } from "@/components/work/view-toggle";
import { SupervisionList } from "@/components/work/supervision-list";
import { supervisionWork } from "@/lib/data/supervision";
import { todayDate } from "@/lib/validation/fields";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "My work": the signed-in user's follow-ups, stalled projects and recent activity. */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const requested = (Array.isArray(params.view) ? params.view[0] : params.view) === "unit" ? "unit" : "mine";
  const [work, supervision, tSup, locale, t, tStages, tc] = await Promise.all([
    getMyWork(db(), user, { view: requested }),
    supervisionWork(db(), user, todayDate()),
    getTranslations("supervision"),
    getLocale() as Promise<Locale>,
    getTranslations("work"),
    getTranslations("stages"),
    getTranslations("commitments"),
  ]);
  const en = locale === "en";
  const showOwner = work.view === "unit";

  const base = (p: FollowUpRow | StalledRow) => ({
    id: p.id,
    number: p.number,
    title: p.title,
    company: en ? (p.companyNameEn ?? p.companyNameZh) : p.companyNameZh,
    stage: tStages(p.stage),
    owner: p.ownerName,
  });
  const overdue: ProjectTableRow[] = work.overdue.rows.map((p) => ({
    ...base(p),
    date: formatDate(p.nextFollowUpOn, locale),
    note: t("overdue.days", { days: -p.daysUntil }),
    urgent: true,
  }));
  const upcoming: ProjectTableRow[] = work.upcoming.rows.map((p) => ({
    ...base(p),
    date: formatDate(p.nextFollowUpOn, locale),
    note: t("upcoming.days", { days: p.daysUntil }),
  }));
  const stalled: ProjectTableRow[] = work.stalled.rows.map((p) => ({
    ...base(p),
    date: formatDate(p.lastRoundOn, locale),
    note: p.neverMet ? t("stalled.never", { days: p.daysSilent }) : t("stalled.days", { days: p.daysSilent }),
  }));

  // Red and yellow milestones first (issue 15): the milestone is the row's "stage".
  const milestones: ProjectTableRow[] = work.milestones.map((m) => ({
    id: m.projectId,
    number: m.number,
    title: m.title,
    company: en ? (m.companyNameEn ?? m.companyNameZh) : m.companyNameZh,
    stage: tc(`kinds.${m.kind}`),
    owner: m.ownerName,
    date: formatDate(m.dueOn, locale),
    note: m.daysUntil < 0 ? tc("work.overdue", { colour: tc(`colours.${m.colour}`), days: -m.daysUntil }) : tc("work.dueIn", { colour: tc(`colours.${m.colour}`), days: m.daysUntil }),
    urgent: m.colour === "RED",
  }));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("greeting", { name: user.name })}
        actions={may(user, "seeUnitWork") ? <ViewToggle view={work.view} seesAllUnits={seesAllUnits(user)} /> : undefined}
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <WorkSection id="milestones" title={tc("work.title")}>
          <ProjectTable caption={tc("work.title")} rows={milestones} dateHeader={tc("work.dueHeader")} showOwner={showOwner} empty={tc("work.empty")} />
        </WorkSection>
        <WorkSection id="supervision-answer" title={tSup("work.toAnswer")}>
          <SupervisionList rows={supervision.toAnswer} locale={locale} />
        </WorkSection>
        {supervision.toReview && (
          <WorkSection id="supervision-review" title={tSup("work.toReview")}>
            <SupervisionList rows={supervision.toReview} locale={locale} />
          </WorkSection>
        )}
        <WorkSection id="overdue" title={t("overdue.title")} total={work.overdue.total} totalIsAtLeast={work.overdue.totalIsAtLeast} shown={overdue.length} moreHref={projectsHref(work.overdue.filter)}>
          <ProjectTable caption={t("overdue.title")} rows={overdue} dateHeader={t("columns.followUp")} showOwner={showOwner} empty={t("overdue.empty")} />
        </WorkSection>
        <WorkSection id="upcoming" title={t("upcoming.title")} total={work.upcoming.total} totalIsAtLeast={work.upcoming.totalIsAtLeast} shown={upcoming.length}>
          <ProjectTable caption={t("upcoming.title")} rows={upcoming} dateHeader={t("columns.followUp")} showOwner={showOwner} empty={t("upcoming.empty")} />
        </WorkSection>
        <WorkSection id="stalled" title={t("stalled.title")} total={work.stalled.total} totalIsAtLeast={work.stalled.totalIsAtLeast} shown={stalled.length}>
          <ProjectTable caption={t("stalled.title")} rows={stalled} dateHeader={t("columns.lastRound")} showOwner={showOwner} empty={t("stalled.empty")} />
        </WorkSection>
        <WorkSection id="activity" title={t("activity.title")}>
          <ActivityList items={work.activity} locale={locale} />
        </WorkSection>
      </div>
    </>
  );
}
