/**
 * The demo's projects in insertion order (anchors before the projects that
 * point at them), each with the stage it has today. The story projects are
 * placed by hand; the ordinary pipeline draws its stages from a deck so that
 * every stage is present in realistic proportions.
 */
import type { Stage } from "@/lib/generated/prisma/client";
import { ANCHOR_CONTRACT_NOTE, ANCHOR_FUNDS, ANCHOR_MOVES, ANCHOR_NEXT_FOLLOW_UP, ANCHOR_ROUNDS, ANCHOR_START_NOTE, investorParticipants, ourParticipants } from "./demo-anchor";
import { EVENTS } from "./demo-data";
import { IDEAS } from "./demo-ideas";
import type { Script } from "./demo-project";
import { day, type Rng } from "./demo-random";
import { BATTERY_ANCHOR, BATTERY_CHAIN, COAL_CHAIN, EVENT_LEADS, MACHINERY_ANCHOR, MACHINERY_CHAIN, type ProjectSpec } from "./demo-stories";

export type PlannedProject = { spec: ProjectSpec; script?: Script };

/**
 * Stages of the unpinned ordinary projects. With the story projects this
 * gives the whole pipeline: many early leads and talks, fewer signed,
 * started and running, a few on hold or lost.
 */
const GENERIC_DECK: Partial<Record<Stage, number>> = {
  FIRST_CONTACT: 15,
  INTENT: 16,
  NEGOTIATION: 22,
  SIGNED: 12,
  CONSTRUCTION: 10,
  OPERATING: 4,
  ON_HOLD: 7,
  LOST: 5,
};

export function planProjects(rng: Rng): PlannedProject[] {
  return [
    { spec: BATTERY_ANCHOR, script: batteryScript() },
    ...BATTERY_CHAIN.map((spec) => ({ spec })),
    { spec: MACHINERY_ANCHOR },
    ...MACHINERY_CHAIN.map((spec) => ({ spec })),
    ...COAL_CHAIN.map((spec) => ({ spec })),
    ...EVENT_LEADS.map((spec) => ({ spec: { ...spec, firstContactOn: eventStart(spec.event!) } })),
    ...genericSpecs(rng).map((spec) => ({ spec })),
  ];
}

function eventStart(code: string): string {
  const event = EVENTS.find((e) => e.code === code);
  if (!event) throw new Error(`demo seed: unknown event ${code}`);
  return event.startsOn;
}

function batteryScript(): Script {
  return {
    moves: ANCHOR_MOVES.map((m) => ({ stage: m.stage, on: day(m.on), reason: null })),
    rounds: ANCHOR_ROUNDS.map((round) => ({
      heldOn: day(round.heldOn),
      format: round.format,
      place: round.place,
      ourParticipants: ourParticipants(round),
      investorParticipants: investorParticipants(round),
      topics: round.topics,
      summary: round.summary,
      nextSteps: round.nextSteps,
    })),
    funds: ANCHOR_FUNDS.map((f) => ({ on: day(f.on), wan: f.yi * 10_000 })),
    nextFollowUpOn: day(ANCHOR_NEXT_FOLLOW_UP),
    contractNote: ANCHOR_CONTRACT_NOTE,
    startNote: ANCHOR_START_NOTE,
    jobs: 12_000,
    landMu: 3100,
  };
}

/** Ordinary projects come from the officers' own outreach, referrals and online enquiries. */
const GENERIC_SOURCES = ["own_outreach", "own_outreach", "own_outreach", "referral", "referral", "referral", "online"] as const;

function genericSpecs(rng: Rng): ProjectSpec[] {
  const deck = rng.shuffle(Object.entries(GENERIC_DECK).flatMap(([stage, n]) => Array<Stage>(n).fill(stage as Stage)));
  const unpinned = IDEAS.filter(([, , , , pinned]) => !pinned).length;
  if (deck.length !== unpinned) throw new Error(`demo seed: stage deck has ${deck.length} cards for ${unpinned} projects`);
  return IDEAS.map(([company, unit, title, yi, pinned]) => ({
    company,
    title,
    unit,
    yi,
    stage: pinned ?? deck.pop()!,
    source: rng.pick(GENERIC_SOURCES),
  }));
}
