import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZUpdateProject } from "@/lib/validation/project";
import { ZRecordFunds, ZTransitionStage } from "@/lib/validation/stage";

/**
 * The amounts an officer types reach the database as they meant them: "1,2,3"
 * was stored as 123 yuan (every comma removed) and "12亿" was refused.
 */
const project = (plannedInvestmentCny: string) =>
  ZUpdateProject.safeParse({ id: "1", version: "1", title: "电池项目", companyId: "1", plannedInvestmentCny });
const contract = (contractedInvestmentCny: string) =>
  ZTransitionStage.safeParse({ projectId: "1", version: "1", requestId: randomUUID(), toStage: "SIGNED", contractedInvestmentCny });
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  r.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message);

describe("amount fields", () => {
  it("refuse '1,2,3' next to the field instead of storing 123 yuan", () => {
    expect(issuesOf(project("1,2,3"), "plannedInvestmentCny")).toEqual(["amountAmbiguous"]);
    expect(issuesOf(contract("1,2,3"), "contractedInvestmentCny")).toEqual(["amountAmbiguous"]);
  });

  it("take amounts as officials say them", () => {
    const planned = project("10.6亿");
    expect(planned.success && planned.data.plannedInvestmentCny).toBe("1060000000");
    const signed = contract("8000万");
    expect(signed.success && signed.data.contractedInvestmentCny).toBe("80000000");
    const funds = ZRecordFunds.safeParse({ projectId: "1", requestId: randomUUID(), amount: "１２亿", currency: "CNY", receivedOn: "2024-01-02" });
    expect(funds.success && funds.data.amount).toBe("1200000000");
  });

  it("still refuse absurd sizes and sub-fen precision", () => {
    expect(issuesOf(project("100000亿亿"), "plannedInvestmentCny")).toEqual(["amount"]);
    expect(issuesOf(project("999999亿"), "plannedInvestmentCny")).toEqual(["amountTooLarge"]);
    expect(issuesOf(project("1.001"), "plannedInvestmentCny")).toEqual(["amountPrecision"]);
  });
});
