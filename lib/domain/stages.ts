/**
 * The investment journey's stages: the one ordered list, the named sets every
 * screen, report and query counts with, and the rule of what a move needs
 * (`planMove`). Pure (no database): forms, server code and scripts share it.
 * The SQL forms of these rules are in lib/data/sql-rules.ts.
 */
import type { Stage } from "@/lib/generated/prisma/enums";

/** The journey, in order: reaching one stage means having passed every earlier one. */
export const FORWARD_STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING"] as const satisfies readonly Stage[];
export type ForwardStage = (typeof FORWARD_STAGES)[number];
/** Off the journey: paused or given up (the board's collapsed side columns). */
export const PAUSE_STAGES = ["ON_HOLD", "LOST"] as const satisfies readonly Stage[];
/**
 * Every stage, in the order screens list them (the journey, then the pauses).
 * It is also the order of the database enum, so ORDER BY stage sorts by it.
 */
export const STAGES = [...FORWARD_STAGES, ...PAUSE_STAGES] as const satisfies readonly Stage[];

/** Stages with a contract: funds in place can be recorded on them. */
export const FUNDED_STAGES = ["SIGNED", "CONSTRUCTION", "OPERATING"] as const satisfies readonly ForwardStage[];

/** Open stages in which a long silence (no round) means a project is stalled. */
export const STALL_STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED"] as const satisfies readonly ForwardStage[];
export type StallStage = (typeof STALL_STAGES)[number];

/**
 * "Stalled" (issue 15): a project in a stall stage whose last round — or first
 * contact, when it had none — is at least its stage's limit of days before
 * today. Admins set the limit per stage (installation_setting, Admin →
 * Settings); these are the defaults, today's single 30-day rule.
 */
export type StallLimits = Record<StallStage, number>;
export const STALL_LIMITS: StallLimits = { FIRST_CONTACT: 30, INTENT: 30, NEGOTIATION: 30, SIGNED: 30 };
/** The range an admin may set a limit in, in days. */
export const STALL_LIMIT_RANGE = { min: 1, max: 365 } as const;
/**
 * The steps of "stalled", in days PAST the stage's limit: stalled (0), and a
 * month (30) or two (60) beyond it — the dashboard's three counts and the
 * list's `stalled` filter. With the default limits they are today's 30/60/90
 * days of silence. Cumulative: a project 60 past is also in 0 and 30.
 */
export const STALL_STEPS = [0, 30, 60] as const;
export type StallStep = (typeof STALL_STEPS)[number];

export const isStallStage = (stage: Stage): stage is StallStage => has(STALL_STAGES, stage);

const DAY_MS_ = 86_400_000;
const dayNo = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY_MS_;

/**
 * Days past its stage's limit as of `today` (YYYY-MM-DD; ≥ 0 means stalled),
 * or null when the stage does not stall. `lastActivityOn`: the last round, or
 * the first contact when there was none.
 */
export function daysPastStallLimit(p: { stage: Stage; lastActivityOn: string }, today: string, limits: StallLimits = STALL_LIMITS): number | null {
  if (!isStallStage(p.stage)) return null;
  return dayNo(today) - dayNo(p.lastActivityOn) - limits[p.stage];
}

/** The one rule of "stalled" (its SQL form: stalledSql in lib/data/sql-rules.ts): `step` days or more past the limit. */
export function isStalled(p: { stage: Stage; lastActivityOn: string }, today: string, limits: StallLimits = STALL_LIMITS, step: StallStep = 0): boolean {
  const past = daysPastStallLimit(p, today, limits);
  return past !== null && past >= step;
}

/** Stages in which a follow-up date no longer calls for action (not "in play"). */
export const CLOSED_STAGES = ["OPERATING", "LOST"] as const satisfies readonly Stage[];

/** What may sign next: the dashboard's open pipeline. */
export const PIPELINE_STAGES = ["INTENT", "NEGOTIATION"] as const satisfies readonly ForwardStage[];

const has = (set: readonly Stage[], stage: Stage) => set.includes(stage);

/** Position on the journey; -1 for ON_HOLD and LOST. */
export function forwardIndex(stage: Stage): number {
  return (FORWARD_STAGES as readonly Stage[]).indexOf(stage);
}

export function isPaused(stage: Stage): boolean {
  return has(PAUSE_STAGES, stage);
}

export function isFunded(stage: Stage): boolean {
  return has(FUNDED_STAGES, stage);
}

/** Still in play: a follow-up date on it calls for action. */
export function isInPlay(stage: Stage): boolean {
  return !has(CLOSED_STAGES, stage);
}

/** Rounds can be logged on any project not given up. */
export function takesRounds(stage: Stage): boolean {
  return stage !== "LOST";
}

/** What a project already has that later stages need. */
export type JourneyFacts = {
  hasContract: boolean;
  hasStart: boolean;
  /** For a project on hold or lost: the journey stage it was at before (from its stage history). */
  reviveTo: Stage | null;
};

export type MoveKind = "forward" | "backward" | "pause" | "revive";
export type MoveRefusal = "sameStage" | "operatingOnlyFromConstruction";
export type MoveNeeds = {
  reason: boolean;
  /** A visit date or a stated-intent note. */
  intent: boolean;
  /** Signing date, contracted investment, agreement kind. */
  contract: boolean;
  /** Construction start date. */
  start: boolean;
};
export type MovePlan =
  | { ok: false; refusal: MoveRefusal }
  | { ok: true; kind: MoveKind; needs: MoveNeeds; /** Passes over stages whose data must then be given. */ skips: boolean };

/**
 * What moving a project from `from` to `to` needs:
 * - forward: each stage passed or reached needs its data — INTENT a visit or
 *   intent note (a contract counts as stated intent), SIGNED the contract,
 *   CONSTRUCTION its start date — unless the project already has it (a
 *   project sent back and moving forward again keeps its contract);
 *   OPERATING only from CONSTRUCTION;
 * - backward, ON_HOLD and LOST: a reason;
 * - reviving from ON_HOLD/LOST: a reason; back to the stage before the pause or
 *   an earlier one needs nothing more, further on needs the data of the stages
 *   beyond it, as a forward move from there would.
 */
export function planMove(from: Stage, to: Stage, facts: JourneyFacts): MovePlan {
  if (from === to) return { ok: false, refusal: "sameStage" };
  const none: MoveNeeds = { reason: false, intent: false, contract: false, start: false };
  if (isPaused(to)) return { ok: true, kind: "pause", needs: { ...none, reason: true }, skips: false };

  const reviving = isPaused(from);
  const base: Stage = reviving ? (facts.reviveTo ?? "FIRST_CONTACT") : from;
  const fromIndex = forwardIndex(base);
  const toIndex = forwardIndex(to);
  if (!reviving && toIndex < fromIndex) return { ok: true, kind: "backward", needs: { ...none, reason: true }, skips: false };
  if (toIndex <= fromIndex) return { ok: true, kind: "revive", needs: { ...none, reason: true }, skips: false };

  if (to === "OPERATING" && base !== "CONSTRUCTION") return { ok: false, refusal: "operatingOnlyFromConstruction" };
  const passes = (stage: Stage) => forwardIndex(stage) > fromIndex && forwardIndex(stage) <= toIndex;
  const needs: MoveNeeds = {
    reason: reviving,
    intent: passes("INTENT") && toIndex < forwardIndex("SIGNED"),
    contract: passes("SIGNED") && !facts.hasContract,
    start: passes("CONSTRUCTION") && !facts.hasStart,
  };
  return { ok: true, kind: reviving ? "revive" : "forward", needs, skips: toIndex - fromIndex > 1 };
}

/** The stages a project at `from` may be moved to, in journey order. */
export function targetStages(from: Stage, facts: JourneyFacts): Stage[] {
  return STAGES.filter((to) => planMove(from, to, facts).ok);
}
