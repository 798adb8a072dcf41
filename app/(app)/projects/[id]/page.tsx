import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { may } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getProjectPageView } from "@/lib/data/project-page";
import { NotFoundError } from "@/lib/errors";
import { todayDate, zId } from "@/lib/validation/fields";
import { countryName } from "@/lib/validation/countries";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatCount } from "@/lib/format/numbers";
import { daysBetween, formatDate, formatDateTime } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { buttonClasses } from "@/components/ui/button";
import { StageBadge } from "@/components/projects/stage-badge";
import { localName } from "@/components/projects/names";
import { ProjectTimeline } from "@/components/projects/project-timeline";
import { ChainSection } from "@/components/projects/chain-section";
import { CommitmentsSection } from "@/components/projects/commitments-section";
import { ReassignOwnerForm } from "@/components/projects/reassign-owner-form";
import { ProjectJourney } from "@/components/journey/project-journey";
import { SupervisionSection } from "@/components/projects/supervision-section";
import { SigningsSection } from "@/components/projects/signings-section";
import { isoDay } from "@/lib/domain/period";
import { reassignOwnerAction } from "../actions";
import { OtherUnitsInTalks } from "@/components/companies/other-units-in-talks";
import { LiveDate, LiveFollowUp, LiveRoundCount, ProjectLive } from "@/components/projects/project-live";

type Params = Promise<{ id: string }>;

/**
 * Once per request (metadata and page share it): the user, then every read the page makes
 * (getProjectPageView: the project in the user's scope first, the rest only then).
 */
const loadById = cache(async (id: number) => {
  const user = await requireUser();
  try {
    return { user, view: await getProjectPageView(db(), user, id, todayDate()) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

async function load(params: Params) {
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  return loadById(id.data);
}

export async function generateMetadata({ params }: { params: Params }) {
  const { view } = await load(params);
  return { title: view.project.title };
}

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export default async function ProjectPage({ params }: { params: Params }) {
  const { user, view } = await load(params);
  const p = view.project;
  const [t, ts, locale] = await Promise.all([getTranslations("projects"), getTranslations("stages"), getLocale() as Promise<Locale>]);
  const reassign = may(user, "reassignOwners");
  const owners = view.owners;
  const stageHistory = p.timeline.filter((e) => e.kind === "stage");
  const supervise = may(user, "superviseProjects");
  const recognise = may(user, "recogniseProjects");
  const { supervision, talks, recognition, contractOptions } = view;
  const assignees = supervise ? owners : [];
  const reasons = view.notRecognisedReasons;
  const today = todayDate();

  const fact = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd>{value || "—"}</dd>
    </div>
  );

  return (
    <ProjectLive projectId={p.id} version={p.version}>
      <p className="mb-2 text-sm">
        <Link href="/projects" className="text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{p.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span data-testid="project-number">
              <span className="sr-only">{t("number")} </span>
              <span className="tabular-nums">{p.number}</span>
            </span>
            <span aria-hidden="true">·</span>
            <Link href={`/companies/${p.company.id}`} className="text-brand-700 hover:underline">
              {localName(p.company, locale)}
            </Link>
            <span aria-hidden="true">·</span>
            <StageBadge stage={p.stage} label={ts(p.stage)} />
            <span aria-hidden="true">·</span>
            <span>{formatCny(p.plannedInvestmentCny, locale)}</span>
          </p>
        </div>
        <Link href={`/projects/${p.id}/edit`} className={buttonClasses("secondary")}>
          {t("edit")}
        </Link>
      </div>

      {talks.length > 0 && (
        <div className="mb-6">
          <OtherUnitsInTalks talks={talks} />
        </div>
      )}

      <div className="mb-6">
        <ProjectJourney state={view.journey} agreementKinds={view.agreementKinds} leaders={view.leaders} officerName={user.name} />
      </div>

      <div className="mb-6">
        <CommitmentsSection projectId={p.id} view={view.commitments} settings={view.milestoneSettings} today={isoDay(today)} mayRecord={may(user, "recordCommitments")} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("facts.heading")} testId="facts">
            <dl className="grid text-sm sm:grid-cols-2 sm:gap-x-6">
              {fact(t("facts.company"), localName(p.company, locale))}
              {fact(t("facts.country"), countryName(p.company.countryCode, locale))}
              {fact(t("facts.unit"), localName(p.unit, locale))}
              {fact(t("facts.sector"), p.sector && localName(p.sector, locale))}
              {fact(t("facts.chain"), p.chain && localName(p.chain, locale))}
              {fact(t("facts.phase"), p.phase)}
              {fact(t("facts.planned"), formatCny(p.plannedInvestmentCny, locale))}
              {fact(t("facts.foreign"), formatUsd(p.foreignInvestmentUsd, locale))}
              {fact(t("facts.jobs"), p.jobs === null ? null : formatCount(p.jobs, locale))}
              {fact(t("facts.land"), p.landMu && t("facts.landValue", { value: p.landMu }))}
              {fact(t("facts.source"), p.source && localName(p.source, locale))}
              {fact(t("facts.firstContact"), formatDate(p.firstContactOn, locale))}
              {/* What a logged round moves: shown from the round form's reply once one is logged (ProjectLive). */}
              {fact(t("facts.nextFollowUp"), <LiveFollowUp value={p.nextFollowUpOn && isoDay(p.nextFollowUpOn)} overdue={p.overdue} overdueLabel={t("overdue")} />)}
              {fact(t("facts.lastRound"), <LiveDate field="lastRoundOn" value={p.lastRoundOn && isoDay(p.lastRoundOn)} />)}
              {fact(t("facts.rounds"), <LiveRoundCount count={p.roundCount} />)}
            </dl>
          </Card>

          <SigningsSection recognition={recognition} locale={locale} edit={recognise ? { projectId: p.id, reasons } : null}
            addContract={contractOptions && { projectId: p.id, today: isoDay(today), options: contractOptions }}
          />

          <SupervisionSection orders={supervision} locale={locale} issue={supervise ? { projectId: p.id, today: isoDay(today), ownerId: p.ownerId, assignees } : null} />

          <Card title={t("timeline.heading")}>
            <ProjectTimeline entries={p.timeline} />
          </Card>
        </div>

        <div className="space-y-6">
          <Card title={t("owner.heading")} testId="owner">
            <p className="text-sm" data-testid="owner-name">
              {p.owner.name}
            </p>
            {reassign && owners.length > 1 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">{t("owner.reassign")}</summary>
                <ReassignOwnerForm action={reassignOwnerAction} projectId={p.id} version={p.version} ownerId={p.ownerId} owners={owners} />
              </details>
            )}
          </Card>

          <Card title={t("stage.heading")}>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <StageBadge stage={p.stage} label={ts(p.stage)} />
              <span className="text-slate-600" title={formatDateTime(p.stageEnteredAt, locale)}>
                {t("stage.since", { date: formatDate(p.stageEnteredAt, locale), days: Math.max(0, daysBetween(p.stageEnteredAt, todayDate())) })}
              </span>
            </p>
            {p.stageReason && <p className="mt-2 text-sm">{t("stage.reason", { reason: p.stageReason })}</p>}
            {stageHistory.length > 0 && (
              <>
                <h3 className="mt-4 text-sm font-medium text-slate-700">{t("stage.history")}</h3>
                <ol className="mt-1 space-y-1 text-sm">
                  {stageHistory.map((e) => (
                    <li key={e.id} className="flex flex-wrap justify-between gap-2">
                      <span>
                        {e.data.from ? t("timeline.stageMove", { from: ts(String(e.data.from) as never), to: ts(String(e.data.to) as never) }) : t("timeline.stageFirst", { to: ts(String(e.data.to) as never) })}
                      </span>
                      <span className="text-slate-500">{formatDate(e.onDate, locale)}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </Card>

          <ChainSection anchor={p.anchor} drawn={p.drawn} locale={locale} />

          <Card title={t("event.heading")}>
            <p className="text-sm">
              {p.event
                ? t("event.value", {
                    name: localName(p.event, locale),
                    city: locale === "en" && p.event.cityEn ? p.event.cityEn : p.event.cityZh,
                    date: formatDate(p.event.startsOn, locale),
                  })
                : t("event.none")}
            </p>
          </Card>
        </div>
      </div>
    </ProjectLive>
  );
}
