/** Count once, the pure rule (lib/domain/signings.ts), on hand-made contracts. */
import { describe, expect, it } from "vitest";
import { classifySignings, NO_AUTOMATIC_RULES, reconciliationLine, type ProjectFacts, type SigningInput } from "@/lib/domain/signings";

const k = (id: number, on: string, kind: SigningInput["kind"], cny = "100000000"): SigningInput => ({ id, kind, signedOn: new Date(`${on}T00:00:00Z`), cny });
const recognised: ProjectFacts = { notRecognisedReasonId: null, sectorId: 5 };
const roles = (ks: SigningInput[], project = recognised, rules = NO_AUTOMATIC_RULES) => classifySignings(ks, project, rules).map((s) => [s.id, s.role, s.exclusion, s.counted]);

describe("count once", () => {
  it("framework then upgrade: the framework counts, the upgrade adds nothing; a second upgrade is a repeat", () => {
    expect(roles([k(2, "2024-03-01", "UPGRADE"), k(1, "2024-01-10", "FRAMEWORK"), k(3, "2024-05-01", "UPGRADE")])).toEqual([
      [1, "BASE", null, true],
      [2, "UPGRADE", null, false],
      [3, "REPEAT", null, false],
    ]);
  });
  it("a second formal signing, or a framework after a formal contract, is a repeat; a capital increase counts on its own", () => {
    expect(roles([k(1, "2024-01-05", "FORMAL"), k(2, "2024-02-10", "FORMAL"), k(3, "2024-03-01", "FRAMEWORK"), k(4, "2024-04-01", "CAPITAL_INCREASE")])).toEqual([
      [1, "BASE", null, true],
      [2, "REPEAT", null, false],
      [3, "REPEAT", null, false],
      [4, "INCREASE", null, true],
    ]);
  });
  it("an upgrade after a formal contract is a repeat (nothing to upgrade); the same day orders by id", () => {
    expect(roles([k(7, "2024-01-05", "UPGRADE"), k(6, "2024-01-05", "FORMAL")])).toEqual([[6, "BASE", null, true], [7, "REPEAT", null, false]]);
  });
  it("not recognised: by hand or sector every contract; the threshold only first signings and increases", () => {
    const ks = [k(1, "2024-01-05", "FORMAL", "5000000"), k(2, "2024-02-01", "FORMAL", "1"), k(3, "2024-03-01", "CAPITAL_INCREASE", "20000000")];
    expect(roles(ks, { notRecognisedReasonId: 9, sectorId: 5 }).map((r) => r[2])).toEqual(["MANUAL", "MANUAL", "MANUAL"]);
    expect(roles(ks, recognised, { minRecognisedCny: null, notRecognisedSectorIds: [5] }).map((r) => r[2])).toEqual(["SECTOR", "SECTOR", "SECTOR"]);
    const threshold = classifySignings(ks, recognised, { minRecognisedCny: "10000000", notRecognisedSectorIds: [] });
    expect(threshold.map((s) => [s.role, s.exclusion, s.counted, reconciliationLine(s)])).toEqual([
      ["BASE", "THRESHOLD", false, "NOT_RECOGNISED"],
      ["REPEAT", null, false, "REPEAT"],
      ["INCREASE", null, true, "COUNTED"],
    ]);
  });
});
