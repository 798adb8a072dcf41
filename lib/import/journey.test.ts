import { describe, expect, it } from "vitest";
import { STAGES, planMove } from "@/lib/domain/stages";
import { importRoute, NEW_PROJECT_FACTS } from "@/lib/import/journey";

describe("importRoute", () => {
  it("makes the one move planMove allows, or the app's two where it needs two, from every stage to every stage", () => {
    for (const from of STAGES) {
      for (const to of STAGES) {
        for (const facts of [NEW_PROJECT_FACTS, { hasContract: true, hasStart: true, reviveTo: "CONSTRUCTION" as const }]) {
          const route = importRoute(from, to, facts, { contract: false, start: false });
          expect(route.ok, `${from} → ${to}`).toBe(true);
          if (!route.ok) continue;
          if (from === to) expect(route.moves).toEqual([]);
          else expect(route.moves.at(-1)!.to).toBe(to);
          const direct = planMove(from, to, facts);
          if (direct.ok) expect(route.moves).toEqual([{ from, to, plan: direct }]);
          else if (from !== to) expect(route.moves.map((m) => m.to)).toEqual(["CONSTRUCTION", "OPERATING"]);
          // Each move is one the app would make, given what the moves before it recorded.
          for (const m of route.moves) expect(m.plan.ok).toBe(true);
        }
      }
    }
  });

  it("a paused row with a contract or start first reaches the stage that records it", () => {
    const signed = importRoute("NEGOTIATION", "LOST", NEW_PROJECT_FACTS, { contract: true, start: false });
    expect(signed.ok && signed.moves.map((m) => [m.to, m.plan.needs.contract, m.plan.needs.reason])).toEqual([
      ["SIGNED", true, false],
      ["LOST", false, true],
    ]);
    const built = importRoute("FIRST_CONTACT", "ON_HOLD", NEW_PROJECT_FACTS, { contract: true, start: true });
    expect(built.ok && built.moves.map((m) => m.to)).toEqual(["CONSTRUCTION", "ON_HOLD"]);
    // Already past it: straight to the pause.
    const late = importRoute("OPERATING", "ON_HOLD", { hasContract: true, hasStart: true, reviveTo: null }, { contract: true, start: true });
    expect(late.ok && late.moves.map((m) => m.to)).toEqual(["ON_HOLD"]);
  });
});
