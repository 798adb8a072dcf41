/**
 * The role rules as people state them: officers work projects, companies and
 * rounds; managers also reassign, organise events, read reports and see their
 * unit's work; admins also administer, import and hold API tokens.
 */
import { describe, expect, it } from "vitest";
import { ROLES_FOR, may, type Permission } from "@/lib/domain/policy";

const allowed = (role: "OFFICER" | "MANAGER" | "ADMIN") =>
  (Object.keys(ROLES_FOR) as Permission[]).filter((what) => may({ role }, what)).sort();

describe("policy", () => {
  it("lets officers work projects, stages, commitments, rounds, companies and attachments, answer supervision orders, read their notifications, and nothing more", () => {
    expect(allowed("OFFICER")).toEqual(["answerSupervision", "attachFiles", "editCompanies", "editProjects", "logRounds", "moveStages", "readNotifications", "recordCommitments"]);
  });
  it("adds reassigning, events, reports, the unit's work, removing anyone's attachment, supervision orders, 不予认定 and merging companies for managers", () => {
    expect(allowed("MANAGER")).toEqual([
      "answerSupervision", "attachFiles", "editCompanies", "editProjects", "logRounds", "manageEvents", "mergeCompanies", "moveStages",
      "readNotifications", "reassignOwners", "recogniseProjects", "recordCommitments", "removeAnyAttachment", "seeUnitWork", "superviseProjects", "viewReports",
    ]);
  });
  it("leaves the annual targets and the assessment's settings to admins (the assessment sheet is a report: viewReports)", () => {
    expect(ROLES_FOR.setTargets).toEqual(["ADMIN"]);
  });
  it("lets admins do everything", () => {
    expect(allowed("ADMIN")).toEqual((Object.keys(ROLES_FOR) as Permission[]).sort());
  });
  it("keeps the order refusals are audited in (role:MANAGER|ADMIN)", () => {
    expect(ROLES_FOR.viewReports.join("|")).toBe("MANAGER|ADMIN");
    expect(ROLES_FOR.editProjects.join("|")).toBe("OFFICER|MANAGER|ADMIN");
  });
});
