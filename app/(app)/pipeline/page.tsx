import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seesAllUnits } from "@/lib/domain/scope";
import { getPipeline, SIDE_STAGES } from "@/lib/data/pipeline";
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

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function PipelinePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const unitParam = Number(first(params.unit));
  const unitId = Number.isInteger(unitParam) && unitParam > 0 && unitParam <= 2_147_483_647 ? unitParam : undefined;
  const mine = first(params.owner) === "mine";

  // One data_version read for the board's totals and its unit filter (the list's and dashboard's cached options).
  const version = await dataVersion(db());
  const [columns, options, agreementKinds, locale, t, tStages] = await Promise.all([
    getPipeline(db(), user, { unitId, mine, version }),
    filterOptions(db(), user, version),
    listAgreementKinds(db(), user),
    getLocale() as Promise<Locale>,
    getTranslations("pipeline"),
    getTranslations("stages"),
  ]);
  const en = locale === "en";
  // Only who sees every unit picks one; everyone else's board is their own unit.
  const units = seesAllUnits(user) ? options.units : [];

  const moreHref = (stage: Stage) => {
    const query = new URLSearchParams({ stage });
    if (unitId !== undefined) query.set("unitId", String(unitId));
    if (mine) query.set("ownerId", String(user.id));
    return `/projects?${query}`;
  };

  const board: BoardColumn[] = columns.map((column) => ({
    stage: column.stage,
    label: tStages(column.stage),
    count: column.count,
    sum: formatCny(column.sumCny, locale),
    more: column.more,
    moreHref: moreHref(column.stage),
    side: (SIDE_STAGES as readonly Stage[]).includes(column.stage),
    cards: column.cards.map((card) => ({
      id: card.id,
      version: card.version,
      stage: card.stage,
      title: card.title,
      company: en ? (card.companyNameEn ?? card.companyNameZh) : card.companyNameZh,
      amount: formatCny(card.plannedInvestmentCny, locale),
      owner: card.ownerName,
      daysInStage: card.daysInStage,
      lastRound: card.lastRoundOn ? formatDate(card.lastRoundOn, locale) : null,
    })),
  }));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <PipelineFilters units={units.map((u) => ({ id: u.id, name: en ? (u.nameEn ?? u.nameZh) : u.nameZh }))} unitId={unitId} mine={mine} />
      <PipelineBoard columns={board} agreementKinds={agreementKinds} />
    </>
  );
}
