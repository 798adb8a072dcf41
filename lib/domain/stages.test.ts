/**
 * The stage list and sets every screen counts with, and what planMove lets a
 * project move to from each stage (the move form's choices).
 */
import { describe, expect, it } from "vitest";
import { Stage } from "@/lib/generated/prisma/enums";
import {
  daysPastStallLimit,
  isStalled,
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

describe("stalled by per-stage limits (issue 15)", () => {
  const limits = { FIRST_CONTACT: 30, INTENT: 45, NEGOTIATION: 20, SIGNED: 30 };
  const p = (stage: Stage, lastActivityOn: string) => ({ stage, lastActivityOn });
  it("is stalled from exactly the stage's limit of silent days, by that stage's own limit", () => {
    expect(isStalled(p("INTENT", "2026-05-01"), "2026-06-15", limits)).toBe(true); // 45 days
    expect(isStalled(p("INTENT", "2026-05-02"), "2026-06-15", limits)).toBe(false); // 44
    expect(isStalled(p("NEGOTIATION", "2026-05-26"), "2026-06-15", limits)).toBe(true); // 20
    expect(isStalled(p("INTENT", "2026-05-16"), "2026-06-15")).toBe(true); // 30, the default
  });
  it("steps are days past the limit; stages outside STALL_STAGES never stall", () => {
    expect(daysPastStallLimit(p("NEGOTIATION", "2026-03-27"), "2026-06-15", limits)).toBe(60);
    expect(isStalled(p("NEGOTIATION", "2026-03-27"), "2026-06-15", limits, 60)).toBe(true);
    expect(isStalled(p("NEGOTIATION", "2026-03-28"), "2026-06-15", limits, 60)).toBe(false);
    for (const stage of ["CONSTRUCTION", "OPERATING", "ON_HOLD", "LOST"] as const) {
      expect(daysPastStallLimit(p(stage, "2020-01-01"), "2026-06-15", limits)).toBeNull();
    }
  });
});
