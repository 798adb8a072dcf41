import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { createApiToken } from "@/lib/data/api-tokens";
import { GET } from "@/app/api/reports/[file]/route";

let adminToken: string;
let officerToken: string;
let unitId: number;

const inDays = (days: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days));

async function tokenFor(role: "ADMIN" | "OFFICER", unit: number) {
  // Tokens are made by admins; an "officer's token" is one whose creator has since become an officer.
  const user = await makeUser({ role: "ADMIN", unitId: unit });
  const created = await createApiToken(testDb(), user, { name: `reports ${uniq()}`, expiresOn: inDays(30), requestId: randomUUID() });
  if (role === "OFFICER") await testDb().user.update({ where: { id: user.id }, data: { role: "OFFICER" } });
  return created.token!;
}

const get = (file: string, headers: Record<string, string> = {}, query = "") =>
  GET(new Request(`http://localhost/api/reports/${file}${query}`, { headers }), { params: Promise.resolve({ file }) });

beforeAll(async () => {
  unitId = (await makeUnit()).id;
  adminToken = await tokenFor("ADMIN", unitId);
  officerToken = await tokenFor("OFFICER", unitId);
});

describe("GET /api/reports/[file]", () => {
  it("json 200 with the required keys, amounts as strings", async () => {
    const res = await get("2023-Q4.json", { authorization: `Bearer ${adminToken}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="report-2023-Q4.json"');
    const body = await res.json();
    for (const key of ["period", "unit", "signed", "constructionStarts", "fundsInPlace", "foreignInvestmentInPlaceUsd", "summary", "signedProjects", "bySector", "byUnit", "byChain", "byCountry", "pipelineByStage", "stalledProjects", "newLeads", "roundsHeld"]) {
      expect(body, key).toHaveProperty(key);
    }
    expect(typeof body.signed.count).toBe("number");
    expect(typeof body.signed.contractedCny).toBe("string");
    for (const band of ["atLeast100MillionCny", "atLeast5BillionCny", "atLeast10BillionCny"]) expect(typeof body.signed[band].count).toBe("number");
    expect(typeof body.constructionStarts.count).toBe("number");
    expect(typeof body.fundsInPlace.cny).toBe("string");
    expect(typeof body.fundsInPlace.usd).toBe("string");
    expect(typeof body.foreignInvestmentInPlaceUsd).toBe("string");
    expect(body.summary.zh).toContain("2023年第四季度");
    expect(body.summary.en).toContain("Q4 2023");
    expect(body.period.label).toBe("2023-Q4");
  });

  it("a unit's year as xlsx, csv and pdf", async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const xlsx = await get("2023.xlsx", auth, `?unit=${unitId}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toBe(`attachment; filename="report-2023-unit${unitId}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.length).toBeGreaterThan(5);
    const csv = await get("2023.csv", auth, `?lang=en`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const pdf = await get("2023-Q1.pdf", auth);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("401 without credentials or with an unknown token, in the user's words", async () => {
    const none = await get("2023-Q4.json", { "accept-language": "en" });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "unauthenticated", message: "Please sign in first." });
    expect((await get("2023-Q4.json", { authorization: `Bearer crm_${"A".repeat(43)}` })).status).toBe(401);
  });

  it("403 for an officer's token", async () => {
    const res = await get("2023-Q4.json", { authorization: `Bearer ${officerToken}`, cookie: "NEXT_LOCALE=zh-CN" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "forbidden", message: "无权访问该报告。" });
  });

  it("400 for a bad period, format or unit", async () => {
    const auth = { authorization: `Bearer ${adminToken}`, "accept-language": "en" };
    for (const file of ["2023-Q5.json", "1999.json", "23.csv", "2023-q4.json", "latest.pdf"]) {
      const res = await get(file, auth);
      expect(res.status, file).toBe(400);
      expect((await res.json()).error).toBe("badPeriod");
    }
    for (const file of ["2023-Q4.doc", "2023-Q4", "2023-Q4.xlsx.exe"]) {
      const res = await get(file, auth);
      expect(res.status, file).toBe(400);
      expect((await res.json()).error).toBe("badFormat");
    }
    const badUnit = await get("2023.json", auth, "?unit=abc");
    expect(badUnit.status).toBe(400);
    expect((await get("2023.json", auth, "?unit=2000000000")).status).toBe(404);
  });
});
