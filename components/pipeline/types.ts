import type { Stage } from "@/lib/generated/prisma/enums";
import type { MilestoneColour } from "@/lib/domain/milestones";

/** A card as the board shows it: every string already in the reader's language. */
export type BoardCard = {
  id: number;
  version: number;
  stage: Stage;
  /** 项目编号 */
  number: string;
  title: string;
  company: string;
  amount: string;
  owner: string;
  daysInStage: number;
  /** Formatted date of the last negotiation round, or null when none yet. */
  lastRound: string | null;
  /** Red or yellow (its worst milestone) with its word, shown as a badge; null otherwise. */
  alert: { colour: Exclude<MilestoneColour, "GREEN">; label: string } | null;
  /** Overdue by at least the high-risk days (lib/data/sql-rules.ts highRiskSql): a 高风险 badge. */
  highRisk: boolean;
};

export type BoardColumn = {
  stage: Stage;
  label: string;
  count: number;
  sum: string;
  cards: BoardCard[];
  more: number;
  moreHref: string;
  /** ON_HOLD and LOST: a narrow, collapsed side column. */
  side: boolean;
};

export type BoardAgreementKind = { id: number; nameZh: string; nameEn: string };
