/**
 * The stage list and sets every screen counts with, and what planMove lets a
 * project move to from each stage (the move form's choices).
 */
import { describe, expect, it } from "vitest";
import { Stage } from "@/lib/generated/prisma/enums";
import {
  CLOSED_STAGES,
  FORWARD_STAGES,
  FUNDED_STAGES,
  PAUSE_STAGES,
  STAGES,
  STALL_STAGES,
  forwardIndex,
  isInPlay,
  isPaused,
  planMove,
  targetStages,
  type JourneyFacts,
} from "@/lib/domain/stages";

const fresh: JourneyFacts = { hasContract: false, hasStart: false, reviveTo: null };

describe("the stage list", () => {
  it("is the database enum, in its order (the list sorts by the enum)", () => {
    expect(STAGES).toEqual(Object.values(Stage));
  });
  it("is the journey then the pauses, each stage once", () => {
    expect(STAGES).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING", "ON_HOLD", "LOST"]);
    expect(new Set(STAGES).size).toBe(STAGES.length);
    expect(STAGES.filter(isPaused)).toEqual([...PAUSE_STAGES]);
    expect(STAGES.map(forwardIndex)).toEqual([0, 1, 2, 3, 4, 5, -1, -1]);
  });
  it("names its sets by where a project stands on the journey", () => {
    // Funded: signed or beyond. Stalled can only be said of a project not yet building.
    expect(FUNDED_STAGES).toEqual(FORWARD_STAGES.slice(forwardIndex("SIGNED")));
    expect(STALL_STAGES).toEqual(FORWARD_STAGES.slice(0, forwardIndex("CONSTRUCTION")));
    expect(STAGES.filter((s) => !isInPlay(s))).toEqual([...CLOSED_STAGES]);
    expect(CLOSED_STAGES).toEqual(["OPERATING", "LOST"]);
  });
});

describe("planMove: where a project may go", () => {
  it("forward from any journey stage except straight to OPERATING; back and to a pause always", () => {
    expect(targetStages("FIRST_CONTACT", fresh)).toEqual(["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "ON_HOLD", "LOST"]);
    expect(targetStages("SIGNED", fresh)).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "CONSTRUCTION", "ON_HOLD", "LOST"]);
    expect(targetStages("CONSTRUCTION", fresh)).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "OPERATING", "ON_HOLD", "LOST"]);
    expect(targetStages("OPERATING", fresh)).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "ON_HOLD", "LOST"]);
  });
  it("a paused project revives to any journey stage up to its own, and beyond it as a forward move would", () => {
    expect(targetStages("ON_HOLD", { ...fresh, reviveTo: "NEGOTIATION" })).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "LOST"]);
    expect(targetStages("LOST", { ...fresh, reviveTo: "CONSTRUCTION" })).toEqual(["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING", "ON_HOLD"]);
  });
  it("asks for the data of every stage passed, unless the project already has it", () => {
    expect(planMove("FIRST_CONTACT", "CONSTRUCTION", fresh)).toEqual({ ok: true, kind: "forward", skips: true, needs: { reason: false, intent: false, contract: true, start: true } });
    expect(planMove("NEGOTIATION", "CONSTRUCTION", { ...fresh, hasContract: true })).toMatchObject({ needs: { contract: false, start: true } });
    expect(planMove("FIRST_CONTACT", "NEGOTIATION", fresh)).toMatchObject({ needs: { intent: true, contract: false } });
    expect(planMove("INTENT", "NEGOTIATION", fresh)).toMatchObject({ needs: { intent: false } });
    for (const to of PAUSE_STAGES) expect(planMove("SIGNED", to, fresh)).toMatchObject({ kind: "pause", needs: { reason: true } });
    expect(planMove("LOST", "SIGNED", { ...fresh, reviveTo: "INTENT" })).toMatchObject({ kind: "revive", needs: { reason: true, contract: true } });
    expect(planMove("SIGNED", "SIGNED", fresh)).toEqual({ ok: false, refusal: "sameStage" });
  });
});
