import { describe, expect, it } from "vitest";
import { defaultAssignee, isSupervisionRed, mayAnswer, mayEscalate, mayIssueTo, mayResolve, statusAfter } from "@/lib/domain/supervision";

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const county = { unitId: 2, unitIsCity: false };
const officer = { id: 1, role: "OFFICER" as const, ...county };
const manager = { id: 2, role: "MANAGER" as const, ...county };
const cityManager = { id: 3, role: "MANAGER" as const, unitId: 1, unitIsCity: true };
const order = (status: "OPEN" | "ANSWERED" | "RESOLVED" | "ESCALATED", assigneeId = 1) => ({ status, assigneeId, projectOwnerIds: [9] });

describe("supervision rules", () => {
  it("is red only when unresolved and its answer deadline is before today", () => {
    const due = day("2026-03-10");
    expect(isSupervisionRed({ status: "OPEN", answerDueOn: due }, day("2026-03-10"))).toBe(false);
    expect(isSupervisionRed({ status: "OPEN", answerDueOn: due }, day("2026-03-11"))).toBe(true);
    expect(isSupervisionRed({ status: "ANSWERED", answerDueOn: due }, day("2026-03-11"))).toBe(true);
    expect(isSupervisionRed({ status: "ESCALATED", answerDueOn: due }, day("2026-03-11"))).toBe(true);
    expect(isSupervisionRed({ status: "RESOLVED", answerDueOn: due }, day("2026-03-11"))).toBe(false);
  });

  it("lets the assignee, the owner and managers answer, until it is resolved", () => {
    expect(mayAnswer(officer, order("OPEN"))).toBe(true);
    expect(mayAnswer({ ...officer, id: 9 }, order("OPEN", 5))).toBe(true); // the project's owner
    expect(mayAnswer({ ...officer, id: 7 }, order("OPEN", 5))).toBe(false);
    expect(mayAnswer(manager, order("ANSWERED", 5))).toBe(true);
    expect(mayAnswer(officer, order("RESOLVED"))).toBe(false);
    // On a set of projects, an owner of one of them is not who answers: the assignee or a manager is.
    expect(mayAnswer({ ...officer, id: 9 }, { status: "OPEN", assigneeId: 5, projectOwnerIds: [9, 8] })).toBe(false);
    expect(mayAnswer({ ...officer, id: 5 }, { status: "OPEN", assigneeId: 5, projectOwnerIds: [9, 8] })).toBe(true);
  });

  it("lets a manager issue to a unit in scope only; the city level to any unit", () => {
    expect(mayIssueTo(manager, 2)).toBe(true);
    expect(mayIssueTo(manager, 4)).toBe(false);
    expect(mayIssueTo(officer, 2)).toBe(false);
    expect(mayIssueTo(cityManager, 4)).toBe(true);
  });

  it("defaults the assignee to the one project's owner, or to a set's unit manager when it has exactly one", () => {
    expect(defaultAssignee([9], [2])).toBe(9);
    expect(defaultAssignee([9, 8], [2])).toBe(2);
    expect(defaultAssignee([9, 8], [2, 3])).toBeNull();
    expect(defaultAssignee([9, 8], [])).toBeNull();
  });

  it("lets managers resolve or escalate; an escalated order is resolved at the city level only", () => {
    expect(mayResolve(officer, order("ANSWERED"))).toBe(false);
    expect(mayResolve(manager, order("ANSWERED"))).toBe(true);
    expect(mayEscalate(manager, order("OPEN"))).toBe(true);
    expect(mayResolve(manager, order("ESCALATED"))).toBe(false);
    expect(mayResolve(cityManager, order("ESCALATED"))).toBe(true);
    expect(mayEscalate(cityManager, order("ESCALATED"))).toBe(false);
    expect(mayResolve(manager, order("RESOLVED"))).toBe(false);
  });

  it("moves OPEN → ANSWERED on the first plan; a progress note changes nothing", () => {
    expect(statusAfter("OPEN", "PLAN")).toBe("ANSWERED");
    expect(statusAfter("OPEN", "PROGRESS")).toBe("OPEN");
    expect(statusAfter("ESCALATED", "PLAN")).toBe("ESCALATED");
    expect(statusAfter("ANSWERED", "RESOLVE")).toBe("RESOLVED");
    expect(statusAfter("ANSWERED", "ESCALATE")).toBe("ESCALATED");
  });
});
