import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seesAllUnits } from "@/lib/domain/scope";
import { boardFilter, getPipeline } from "@/lib/data/pipeline";
import { isPaused } from "@/lib/domain/stages";
import { fromSearchParams, projectsHref } from "@/lib/domain/project-filter";
import { filterOptions } from "@/lib/data/filter-options";
import { dataVersion } from "@/lib/data/versioned-cache";
import { listAgreementKinds } from "@/lib/data/stage";
import { formatCny } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import type { Stage } from "@/lib/generated/prisma/enums";
import { PageHeader } from "@/components/ui/page-header";
import { PipelineBoard } from "@/components/pipeline/pipeline-board";
import { PipelineFilters } from "@/components/pipeline/pipeline-filters";
import type { BoardColumn } from "@/components/pipeline/types";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PipelinePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  // The board reads the project filter's unit and owner ("mine": the user's id).
  const { unitId, ownerId, colour } = fromSearchParams(params);

  // One data_version read for the board's totals and its unit filter (the list's and dashboard's cached options).
  const version = await dataVersion(db());
  const [columns, options, agreementKinds, locale, t, tStages, tColours] = await Promise.all([
    getPipeline(db(), user, { unitId, ownerId, colour, version }),
    filterOptions(db(), user, version),
    listAgreementKinds(db(), user),
    getLocale() as Promise<Locale>,
    getTranslations("pipeline"),
    getTranslations("stages"),
    getTranslations("commitments.colours"),
  ]);
  const en = locale === "en";
  // Only who sees every unit picks one; everyone else's board is their own unit.
  const units = seesAllUnits(user) ? options.units : [];

  const moreHref = (stage: Stage) => projectsHref({ ...boardFilter({ unitId, ownerId, colour }), stage });

  const board: BoardColumn[] = columns.map((column) => ({
    stage: column.stage,
    label: tStages(column.stage),
    count: column.count,
    sum: formatCny(column.sumCny, locale),
    more: column.more,
    moreHref: moreHref(column.stage),
    side: isPaused(column.stage),
    cards: column.cards.map((card) => ({
      id: card.id,
      version: card.version,
      stage: card.stage,
      number: card.number,
      title: card.title,
      company: en ? (card.companyNameEn ?? card.companyNameZh) : card.companyNameZh,
      amount: formatCny(card.plannedInvestmentCny, locale),
      owner: card.ownerName,
      daysInStage: card.daysInStage,
      lastRound: card.lastRoundOn ? formatDate(card.lastRoundOn, locale) : null,
      alert: card.colour && card.colour !== "GREEN" ? { colour: card.colour, label: tColours(card.colour) } : null,
      highRisk: card.highRisk,
    })),
  }));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <PipelineFilters units={units.map((u) => ({ id: u.id, name: en ? (u.nameEn ?? u.nameZh) : u.nameZh }))} unitId={unitId} ownerId={ownerId} colour={colour} userId={user.id} />
      <PipelineBoard columns={board} agreementKinds={agreementKinds} />
    </>
  );
}
