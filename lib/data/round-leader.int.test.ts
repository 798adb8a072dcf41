/**
 * The leader who attended a round: a LEADER reference item (admins keep the
 * list) or, when the list lacks one, typed as "other"; shown on the timeline.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { RuleError } from "@/lib/errors";
import { listLeaders, logRound } from "@/lib/data/rounds";
import { getProjectPage } from "@/lib/data/project-page";
import { ZLogRound } from "@/lib/validation/round";
import { makeActor, makeProject, makeSector, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const db = testDb();
let officer: TestActor;
let mayor: { id: number; nameZh: string };

beforeAll(async () => {
  officer = await makeActor("OFFICER");
  mayor = await db.referenceItem.create({ data: { kind: "LEADER", code: `mayor-${uniq()}`, nameZh: `市长${uniq()}`, nameEn: "Mayor" } });
});

function input(projectId: number, extra: Record<string, unknown> = {}) {
  return ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format: "VISIT_HERE", summary: "洽谈用地。", ...extra });
}

describe("the leader of a round", () => {
  it("is offered from the LEADER list, stored and shown on the timeline", async () => {
    expect((await listLeaders(db)).map((l) => l.id)).toContain(mayor.id);
    const p = await makeProject(officer, { path: ["INTENT"] });
    const round = await logRound(db, officer, input(p.id, { leaderId: String(mayor.id), leaderOther: "ignored" }));
    expect(await db.negotiationRound.findUniqueOrThrow({ where: { id: round.id }, select: { leaderId: true, leaderOther: true } })).toEqual({ leaderId: mayor.id, leaderOther: null });
    const page = await getProjectPage(db, officer, p.id);
    expect(page.timeline.find((e) => e.kind === "round")?.data).toMatchObject({ leaderZh: mayor.nameZh, leaderEn: "Mayor" });
  });

  it("may be typed when the list lacks it ('other'), and shows as typed", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    const round = await logRound(db, officer, input(p.id, { leaderId: "other", leaderOther: "省商务厅副厅长" }));
    expect(await db.negotiationRound.findUniqueOrThrow({ where: { id: round.id }, select: { leaderId: true, leaderOther: true } })).toEqual({ leaderId: null, leaderOther: "省商务厅副厅长" });
    const page = await getProjectPage(db, officer, p.id);
    expect(page.timeline.find((e) => e.kind === "round")?.data).toMatchObject({ leaderZh: "省商务厅副厅长" });
  });

  it("refuses an item of another list or a retired leader", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    const sector = await makeSector();
    const retired = await db.referenceItem.create({ data: { kind: "LEADER", code: `old-${uniq()}`, nameZh: "旧职务", nameEn: "Old", retiredAt: new Date() } });
    for (const id of [sector.id, retired.id]) {
      const error = await logRound(db, officer, input(p.id, { leaderId: String(id) })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).fieldErrors).toEqual({ leaderId: "choose" });
    }
    expect(await db.negotiationRound.count({ where: { projectId: p.id } })).toBe(0);
  });
});
