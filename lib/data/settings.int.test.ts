import { describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { getMilestoneSettings, updateMilestoneSettings } from "@/lib/data/settings";
import { getCommitments, recordCommitment } from "@/lib/data/commitments";
import { ZRecordCommitment } from "@/lib/validation/commitments";
import { makeActor, makeProject, newRequestId } from "@/lib/data/stage.test-helpers";

const db = testDb();
/** The stall limits left at their defaults: other test files on this database count stalled projects. */
const STALL = { stallFirstContact: 30, stallIntent: 30, stallNegotiation: 30, stallSigned: 30 };

describe("milestone settings", () => {
  it("an admin changes N; the colours follow; a stale save and a non-admin are refused", async () => {
    const admin = await makeActor("ADMIN");
    const officer = await makeActor("OFFICER");
    const before = await getMilestoneSettings(db);
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2024-06-01" });
    await recordCommitment(db, officer, ZRecordCommitment.parse({ projectId: String(p.id), requestId: newRequestId(), kind: "PRODUCTION", dueOn: "2025-03-01" }));
    const colour = async () => (await getCommitments(db, officer, p.id, "2025-01-15", await getMilestoneSettings(db)))!.milestones.find((m) => m.kind === "PRODUCTION")!.colour;

    const saved = await updateMilestoneSettings(db, admin, { version: before.version, warnDays: 60, fundsBehindPercent: 25, ...STALL });
    expect(await getMilestoneSettings(db)).toEqual({ warnDays: 60, fundsBehindShare: 0.25, version: saved.version });
    expect(await colour()).toBe("YELLOW"); // 45 days ahead, within 60
    await expect(updateMilestoneSettings(db, admin, { version: before.version, warnDays: 10, fundsBehindPercent: 20, ...STALL })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateMilestoneSettings(db, officer, { version: saved.version, warnDays: 10, fundsBehindPercent: 20, ...STALL })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.auditLog.count({ where: { entity: "installation_setting", action: "settings.milestones", actorId: admin.id } })).toBe(1);

    await updateMilestoneSettings(db, admin, { version: saved.version, warnDays: 30, fundsBehindPercent: 20, ...STALL });
    expect(await colour()).toBe("GREEN"); // 45 days ahead, beyond 30
  });
});
