/**
 * Turns "this project is at stage X today" into a believable history: the
 * stages it went through (with the occasional hold, loss or step back and
 * revival), the dates of each move, and the days its negotiation rounds fell
 * on. Pure functions of the PRNG, so the history is the same on every run.
 */
import { FORWARD_STAGES, forwardIndex } from "@/lib/domain/stages";
import type { Stage } from "@/lib/generated/prisma/client";
import { addDays, daysBetween, DEMO_END, DEMO_START, type Rng } from "./demo-random";
import { REASONS, type ReasonKind } from "./demo-text";

export type Move = { stage: Stage; on: Date; reason: string | null };

type Step = { stage: Stage; kind: "forward" | ReasonKind };

const FORWARD: readonly Stage[] = FORWARD_STAGES;
export { forwardIndex };

function forwardTo(stage: Stage): Step[] {
  return FORWARD.slice(1, forwardIndex(stage) + 1).map((s) => ({ stage: s, kind: "forward" }));
}

/**
 * The moves after first contact that lead to `target`. With `detours`, some
 * projects that got to negotiation were once on hold, lost or sent back.
 */
export function stagePath(rng: Rng, target: Stage, via: Stage | undefined, detours: boolean): Step[] {
  if (target === "ON_HOLD") {
    return [...forwardTo(via ?? rng.pick<Stage>(["INTENT", "NEGOTIATION", "NEGOTIATION", "SIGNED"])), { stage: "ON_HOLD", kind: "hold" }];
  }
  if (target === "LOST") {
    return [...forwardTo(via ?? rng.pick<Stage>(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "NEGOTIATION"])), { stage: "LOST", kind: "lost" }];
  }
  const steps = forwardTo(target);
  if (!detours || forwardIndex(target) < forwardIndex("NEGOTIATION")) return steps;
  const afterNegotiation = forwardIndex("NEGOTIATION"); // index in `steps` just after the NEGOTIATION step
  const roll = rng.next();
  const detour: Step[] =
    roll < 0.1
      ? [{ stage: "ON_HOLD", kind: "hold" }, { stage: "NEGOTIATION", kind: "revive" }]
      : roll < 0.13
        ? [{ stage: "LOST", kind: "lost" }, { stage: "NEGOTIATION", kind: "revive" }]
        : roll < 0.18
          ? [{ stage: "INTENT", kind: "back" }, { stage: "NEGOTIATION", kind: "forward" }]
          : [];
  return [...steps.slice(0, afterNegotiation), ...detour, ...steps.slice(afterNegotiation)];
}

const FORWARD_GAP: Partial<Record<Stage, [number, number]>> = {
  INTENT: [10, 75],
  NEGOTIATION: [15, 100],
  SIGNED: [60, 330],
  CONSTRUCTION: [40, 200],
  OPERATING: [200, 480],
};

const DETOUR_GAP: Record<ReasonKind, [number, number]> = {
  hold: [30, 240],
  lost: [20, 200],
  revive: [60, 300],
  back: [20, 90],
};

function gapDays(rng: Rng, step: Step): number {
  const [min, max] = step.kind === "forward" ? FORWARD_GAP[step.stage]! : DETOUR_GAP[step.kind];
  return rng.int(min, max);
}

/** How long ago a project of this stage last moved: early leads are mostly fresh, some stalled. */
function recencyDays(rng: Rng, target: Stage): number {
  switch (target) {
    case "FIRST_CONTACT":
    case "INTENT":
      return rng.chance(0.8) ? rng.int(3, 150) : rng.int(200, 500);
    case "NEGOTIATION":
      return rng.int(20, 500);
    case "SIGNED":
      return rng.int(15, 450);
    case "CONSTRUCTION":
      return rng.int(30, 700);
    case "OPERATING":
      return rng.int(10, 600);
    default:
      return rng.int(20, 800);
  }
}

/**
 * Dates the moves. Story projects have a fixed first contact and move forward
 * from it; the others are placed back from how recently they last moved. A
 * history that would run past today is compressed to fit.
 */
export function placeMoves(rng: Rng, steps: Step[], target: Stage, firstContactOn: Date | undefined, finalReason?: string): Move[] {
  let gaps = steps.map((step) => gapDays(rng, step));
  const total = gaps.reduce((a, b) => a + b, 0);
  let first = firstContactOn ?? addDays(DEMO_END, -recencyDays(rng, target) - total);
  if (first < DEMO_START) first = addDays(DEMO_START, rng.int(0, 60));
  const room = daysBetween(first, addDays(DEMO_END, -rng.int(1, 20)));
  if (total > room) gaps = gaps.map((gap) => Math.max(1, Math.floor((gap * room) / total)));

  const moves: Move[] = [{ stage: "FIRST_CONTACT", on: first, reason: null }];
  let on = first;
  steps.forEach((step, i) => {
    on = addDays(on, gaps[i]);
    const reason = step.kind === "forward" ? null : rng.pick(REASONS[step.kind]);
    moves.push({ stage: step.stage, on, reason });
  });
  const last = moves[moves.length - 1];
  if (finalReason && (last.stage === "ON_HOLD" || last.stage === "LOST")) last.reason = finalReason;
  if (last.on > DEMO_END) throw new Error(`history of a ${target} project runs past ${DEMO_END.toISOString()}`);
  return moves;
}

/** Rounds a project of this size usually needs: big investments take many more. */
export function typicalRoundCount(rng: Rng, wan: number): number {
  const base = rng.int(1, 6);
  if (wan >= 500_000) return base + rng.int(3, 8); // ≥ 50亿元
  if (wan >= 100_000) return base + rng.int(0, 3); // ≥ 10亿元
  return base;
}

/**
 * The days of about `count` rounds, spread over the project's negotiation
 * periods: the first on the day negotiation began, none on or after the day
 * the project moved on. A negotiation still under way continues for a while
 * after it began, some recently, some long ago (the stalled ones).
 */
export function roundDays(rng: Rng, moves: Move[], count: number): Date[] {
  const periods: { start: Date; days: number }[] = [];
  moves.forEach((move, i) => {
    if (move.stage !== "NEGOTIATION") return;
    const next = moves[i + 1];
    const end = next ? next.on : minDate(addDays(move.on, rng.int(30, 420)), addDays(DEMO_END, -rng.int(1, 25)));
    const days = Math.max(1, daysBetween(move.on, end) + (next ? 0 : 1));
    periods.push({ start: move.on, days });
  });
  if (periods.length === 0 || count === 0) return [];
  const allDays = periods.reduce((a, p) => a + p.days, 0);
  return periods.flatMap(({ start, days }) => {
    const n = Math.min(days, Math.max(1, Math.round((count * days) / allDays)));
    const slot = Math.floor(days / n);
    return Array.from({ length: n }, (_, i) => {
      const offset = i === 0 ? 0 : Math.floor((i * days) / n) + rng.int(0, Math.max(0, slot - 1));
      return addDays(start, offset);
    });
  });
}

function minDate(a: Date, b: Date): Date {
  return a <= b ? a : b;
}
