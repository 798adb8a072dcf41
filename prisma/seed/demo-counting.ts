/**
 * The demo's count-once and targets story (issue 16), relative to the day of
 * seeding so it reads the same whenever it runs:
 * - this year's targets (Admin → 年度目标与考核) for the city and every county,
 *   so the dashboard's 目标完成 and the assessment show progress on a fresh clone;
 * - the most recently signed project (not started) signed again a week ago
 *   (re-entered as a new formal contract: a repeat signing, flagged and not
 *   counted), and the next one given a capital increase the same day and marked
 *   不予认定 (its money is all county fiscal funds), so the current quarter's
 *   reconciliation has a line for each.
 * How they count is the rule's (lib/domain/signings.ts); nothing here decides it.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TargetMeasure } from "@/lib/generated/prisma/enums";
import { todayYmd } from "@/lib/validation/fields";
import { BATTERY_ANCHOR } from "./demo-stories";

const YI = 100_000_000;

/** The whole city's targets (the city unit's row) and a county's; counties vary a little so the ranking ranks. */
const CITY_TARGETS: Record<TargetMeasure, number> = { SIGNED: 30, SIGNED_100M: 20, CONTRACTED_CNY: 1000 * YI, STARTS: 20, FUNDS_CNY: 150 * YI, FDI_USD: 3 * YI };
const COUNTY_TARGETS: Record<TargetMeasure, number> = { SIGNED: 6, SIGNED_100M: 4, CONTRACTED_CNY: 80 * YI, STARTS: 4, FUNDS_CNY: 25 * YI, FDI_USD: 0.5 * YI };

export const NOT_RECOGNISED_NOTE = "项目资金全部为财政资金，不属于招商引资。";
export const REPEAT_NOTE = "在省外推介活动上再次签约（同一项目重新录入）。";
export const INCREASE_NOTE = "财政资金追加投资（增资）。";
export const REPEAT_DAYS_AGO = 7;

export async function seedDemoCounting(tx: Prisma.TransactionClient): Promise<void> {
  const today = todayYmd();
  const year = Number(today.slice(0, 4));
  const units = await tx.unit.findMany({ orderBy: { id: "asc" }, select: { id: true, kind: true } });
  await tx.target.createMany({
    data: units.flatMap((u, i) =>
      (Object.keys(CITY_TARGETS) as TargetMeasure[]).map((measure) => ({
        unitId: u.id,
        year,
        measure,
        value: u.kind === "CITY" ? CITY_TARGETS[measure] : Math.round(COUNTY_TARGETS[measure] * (1 + (i % 3) * 0.25)),
      })),
    ),
  });

  // Signed projects by their first contract, latest first (the battery anchor keeps its one contract).
  const signed = await tx.$queryRaw<{ id: number; owner_id: number; stage: string; first_on: Date; cny: string; kind_id: number }[]>`
    SELECT p.id, p.owner_id, p.stage::text AS stage, k.signed_on AS first_on, k.contracted_investment_cny::text AS cny, k.agreement_kind_id AS kind_id
      FROM project p
      JOIN LATERAL (SELECT * FROM contract k WHERE k.project_id = p.id ORDER BY k.signed_on, k.id LIMIT 1) k ON TRUE
     WHERE p.stage IN ('SIGNED', 'CONSTRUCTION') AND p.title <> ${BATTERY_ANCHOR.title}
     ORDER BY k.signed_on DESC, p.id`;
  // A week ago, or the quarter's first day when that is later (the current quarter's report shows both).
  const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - REPEAT_DAYS_AGO * 86_400_000).toISOString().slice(0, 10);
  const on = new Date(`${weekAgo > quarterStart ? weekAgo : quarterStart}T00:00:00Z`);
  // Not started yet: a contract after the construction start would not read as a signing story.
  const [repeated, notRecognised] = signed.filter((p) => p.stage === "SIGNED" && p.first_on < on);
  if (repeated) {
    await tx.contract.create({
      data: { projectId: repeated.id, signedOn: on, kind: "FORMAL", contractedInvestmentCny: repeated.cny, agreementKindId: repeated.kind_id, note: REPEAT_NOTE, createdById: repeated.owner_id },
    });
  }
  if (notRecognised) {
    // More money put in (a capital increase, a fifth of the first amount): all of it fiscal money.
    const increase = (Number(notRecognised.cny) / 5).toFixed(2);
    await tx.contract.create({
      data: { projectId: notRecognised.id, signedOn: on, kind: "CAPITAL_INCREASE", contractedInvestmentCny: increase, agreementKindId: notRecognised.kind_id, note: INCREASE_NOTE, createdById: notRecognised.owner_id },
    });
    const reason = await tx.referenceItem.findUniqueOrThrow({ where: { kind_code: { kind: "NOT_RECOGNISED_REASON", code: "local_or_fiscal_funds" } }, select: { id: true } });
    await tx.project.update({ where: { id: notRecognised.id }, data: { notRecognisedReasonId: reason.id, notRecognisedNote: NOT_RECOGNISED_NOTE } });
  }
}
