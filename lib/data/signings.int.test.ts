/**
 * Count once (issue 16), each rule on hand-made projects, in a database of
 * its own (the automatic rules are installation-wide). The period is 2024-Q1
 * = [2024-01-01, 2024-04-01). Projects of unit U:
 *  A  FRAMEWORK 01-10 100m, UPGRADE 02-20 150m        → counts once: 01-10, 100m; the upgrade adds nothing
 *  B  FORMAL 2023-06-01 200m, CAPITAL_INCREASE 03-01 50m → Q1 counts only the increase (50m); 2023 the 200m
 *  C  FORMAL 01-05 300m, FORMAL 02-10 300m (another event) → once, 300m; the second is a REPEAT
 *  D  FORMAL 02-01 400m, marked 不予认定 (reason R1)   → not counted, under R1
 *  E  sector RE, FORMAL 03-01 500m                    → counted until the rule "sector RE" is on
 *  F  FORMAL 03-05 5m                                 → counted until the threshold 10m is on
 *  G  FORMAL 01-15 100m, CAPITAL_INCREASE 03-10 20m   → one project, 120m
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContractKind } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { quarterPeriod, yearPeriod } from "@/lib/domain/period";
import { classifySignings } from "@/lib/domain/signings";
import { fromSearchParams, toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";
import { projectFilterSql, signingRoleSql, exclusionSql } from "@/lib/data/sql-rules";
import { signedTotals, signedBySector, type Actor } from "@/lib/data/dashboard";
import { getCountingRules, getProjectRecognition, getReconciliation, setRecognition } from "@/lib/data/signings";
import { updateCountingRules } from "@/lib/data/settings";
import { ConflictError, ForbiddenError } from "@/lib/errors";

const Q1 = quarterPeriod(2024, 1);
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const M = (n: number) => `${n * 1_000_000}.00`;

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
let db: Db;
let manager: Actor, officer: Actor, admin: Actor;
let U: number, RE: number, R1: number, kindId: number;
const ids: Record<string, number> = {};

async function project(name: string, contracts: [string, ContractKind, number][], sectorId?: number) {
  const company = await db.company.create({ data: { nameZh: `企业${name}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  const p = await db.project.create({ data: { companyId: company.id, title: `项目${name}`, unitId: U, ownerId: officer.id, stage: "SIGNED", sectorId, firstContactOn: d("2023-01-01") } });
  for (const [on, kind, m] of contracts) {
    await db.contract.create({ data: { projectId: p.id, signedOn: d(on), kind, contractedInvestmentCny: M(m), agreementKindId: kindId, createdById: officer.id } });
  }
  ids[name] = p.id;
}

async function rules(minRecognisedCny: string | undefined, notRecognisedSectorIds: number[]) {
  const [row] = await db.$queryRaw<{ version: number }[]>`SELECT version FROM installation_setting WHERE id = 1`;
  await updateCountingRules(db, admin, { version: row?.version ?? 1, minRecognisedCny, notRecognisedSectorIds });
}

const q1 = { period: Q1, unitId: 0 };
const listed = async (filter: Partial<ProjectFilter>) => {
  // The link as the report writes it, read back as the list reads it.
  const f = fromSearchParams(toSearchParams(filter));
  const rows = await db.$queryRaw<{ id: number }[]>`SELECT p.id FROM project p WHERE ${projectFilterSql(manager, f)} ORDER BY p.id`;
  return rows.map((r) => r.id);
};
const names = (...n: string[]) => n.map((x) => ids[x]).sort((a, b) => a - b);

beforeAll(async () => {
  own = await ownDatabase("crm_test_count_once");
  db = createPrismaClient(own.url, 2);
  const unit = await db.unit.create({ data: { code: "u-c1", nameZh: "计数县", nameEn: "Count County", kind: "COUNTY" } });
  U = unit.id;
  q1.unitId = U;
  const user = async (role: "OFFICER" | "MANAGER" | "ADMIN") => {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-c1@test.local`, name: role, passwordHash: "x", role, unitId: U } });
    return { id: u.id, role, unitId: U, unitIsCity: false } satisfies Actor;
  };
  [officer, manager, admin] = [await user("OFFICER"), await user("MANAGER"), await user("ADMIN")];
  RE = (await db.referenceItem.create({ data: { kind: "SECTOR", code: "real_estate", nameZh: "房地产", nameEn: "Real estate" } })).id;
  kindId = (await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: "k", nameZh: "合同", nameEn: "Contract" } })).id;
  R1 = (await db.referenceItem.create({ data: { kind: "NOT_RECOGNISED_REASON", code: "local_or_fiscal_funds", nameZh: "纯本地或财政资金", nameEn: "Purely local or fiscal funds" } })).id;
  await project("A", [["2024-01-10", "FRAMEWORK", 100], ["2024-02-20", "UPGRADE", 150]]);
  await project("B", [["2023-06-01", "FORMAL", 200], ["2024-03-01", "CAPITAL_INCREASE", 50]]);
  await project("C", [["2024-01-05", "FORMAL", 300], ["2024-02-10", "FORMAL", 300]]);
  await project("D", [["2024-02-01", "FORMAL", 400]]);
  await project("E", [["2024-03-01", "FORMAL", 500]], RE);
  await project("F", [["2024-03-05", "FORMAL", 5]]);
  await project("G", [["2024-01-15", "FORMAL", 100], ["2024-03-10", "CAPITAL_INCREASE", 20]]);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await own?.dispose();
});

describe("count once", () => {
  it("counts an upgrade once, at the framework's date and amount; a capital increase only by its increase, in its own period", async () => {
    const totals = await signedTotals(db, manager, q1);
    // A 100 + B 50 + C 300 + D 400 (not yet marked) + E 500 + F 5 + G 120: seven projects
    expect(totals.current).toEqual({ count: 7, cny: M(1475), usd: "0" });
    const inYear2023 = await signedTotals(db, manager, { period: yearPeriod(2023), unitId: U });
    expect(inYear2023.current).toEqual({ count: 1, cny: M(200), usd: "0" }); // B's first signing
    const a = await getProjectRecognition(db, manager, { projectId: ids.A });
    expect(a.signings.map((s) => [s.kind, s.role, s.counted])).toEqual([["FRAMEWORK", "BASE", true], ["UPGRADE", "UPGRADE", false]]);
    expect(await listed({ signedFrom: d("2024-01-10"), signedTo: d("2024-01-11"), unitId: U })).toEqual(names("A"));
    expect(await listed({ signedFrom: d("2024-02-20"), signedTo: d("2024-02-21"), unitId: U })).toEqual([]); // the upgrade's day: nothing new
  });

  it("flags a second formal signing of the same project as a repeat and does not count it", async () => {
    const c = await getProjectRecognition(db, officer, { projectId: ids.C });
    expect(c.signings.map((s) => [s.role, s.counted])).toEqual([["BASE", true], ["REPEAT", false]]);
    expect(await listed({ signedFrom: d("2024-02-10"), signedTo: d("2024-02-11"), unitId: U })).toEqual([]);
    expect(await listed({ signedFrom: d("2024-02-10"), signedTo: d("2024-02-11"), unitId: U, signings: "repeat" })).toEqual(names("C"));
  });

  it("excludes a project marked 不予认定 with its reason; only managers mark; stale edits are refused; audited", async () => {
    const before = await getProjectRecognition(db, manager, { projectId: ids.D });
    await expect(setRecognition(db, officer, { projectId: ids.D, version: before.version, reasonId: R1 })).rejects.toBeInstanceOf(ForbiddenError);
    const saved = await setRecognition(db, manager, { projectId: ids.D, version: before.version, reasonId: R1, note: "财政出资" });
    await expect(setRecognition(db, manager, { projectId: ids.D, version: before.version })).rejects.toBeInstanceOf(ConflictError);
    const d1 = await getProjectRecognition(db, officer, { projectId: ids.D });
    expect(d1.manual).toMatchObject({ reasonId: R1, nameZh: "纯本地或财政资金", note: "财政出资" });
    expect(d1.signings.map((s) => [s.exclusion, s.counted])).toEqual([["MANUAL", false]]);
    expect(d1.version).toBe(saved.version);
    expect((await signedTotals(db, manager, q1)).current).toEqual({ count: 6, cny: M(1075), usd: "0" });
    expect(await db.auditLog.count({ where: { action: "project.recognition", entityId: String(ids.D), actorId: manager.id } })).toBe(1);
  });

  it("applies the automatic rules only while they are on (sector, threshold), and the dashboard follows", async () => {
    await rules(M(10), [RE]);
    expect(await getCountingRules(db)).toEqual({ minRecognisedCny: "10000000", notRecognisedSectorIds: [RE] });
    expect((await signedTotals(db, manager, q1)).current).toEqual({ count: 4, cny: M(570), usd: "0" }); // A 100, B 50, C 300, G 120
    expect((await getProjectRecognition(db, manager, { projectId: ids.E })).automatic).toBe("SECTOR");
    expect((await getProjectRecognition(db, manager, { projectId: ids.F })).signings[0].exclusion).toBe("THRESHOLD");
    expect((await signedBySector(db, manager, q1)).find((r) => r.id === RE)).toBeUndefined();
    await expect(updateCountingRules(db, officer, { version: 99, minRecognisedCny: undefined, notRecognisedSectorIds: [] })).rejects.toBeInstanceOf(ForbiddenError);

    await rules(undefined, [RE]);
    expect((await signedTotals(db, manager, q1)).current).toEqual({ count: 5, cny: M(575), usd: "0" }); // F back
    await rules(M(10), [RE]);
  });

  it("reconciles: recorded − not recognised (by reason) − repeats − upgrades = counted = the dashboard, each line linking to exactly its projects", async () => {
    const r = await getReconciliation(db, manager, q1);
    const totals = await signedTotals(db, manager, q1);
    expect(r.recorded).toEqual({ signings: 10, projects: 7, cny: M(1925), usd: "0" });
    expect(r.notRecognised).toMatchObject({ signings: 3, projects: 3, cny: M(905) });
    expect(r.notRecognised.byReason.map((x) => [x.excludedBy, x.signings, x.cny, x.nameZh])).toEqual([
      ["sector", 1, M(500), null],
      [String(R1), 1, M(400), "纯本地或财政资金"],
      ["threshold", 1, M(5), null],
    ]);
    expect(r.repeats).toEqual({ signings: 1, projects: 1, cny: M(300), usd: "0" });
    expect(r.upgrades).toEqual({ signings: 1, projects: 1, cny: M(150), usd: "0" });
    expect(r.counted).toEqual({ signings: 5, projects: 4, cny: M(570), usd: "0" });
    // It adds up, and ends on the dashboard's number.
    const sum = Number(r.notRecognised.cny) + Number(r.repeats.cny) + Number(r.upgrades.cny) + Number(r.counted.cny);
    expect(sum).toBe(Number(r.recorded.cny));
    expect(r.notRecognised.signings + r.repeats.signings + r.upgrades.signings + r.counted.signings).toBe(r.recorded.signings);
    expect({ count: r.counted.projects, cny: r.counted.cny }).toEqual({ count: totals.current.count, cny: totals.current.cny });

    const inQ1 = { signedFrom: Q1.from, signedTo: Q1.to, unitId: U };
    expect(await listed({ ...inQ1, signings: "recorded" })).toEqual(names("A", "B", "C", "D", "E", "F", "G"));
    expect(await listed({ ...inQ1, signings: "notRecognised" })).toEqual(names("D", "E", "F"));
    expect(await listed({ ...inQ1, signings: "notRecognised", excludedBy: String(R1) })).toEqual(names("D"));
    expect(await listed({ ...inQ1, signings: "notRecognised", excludedBy: "sector" })).toEqual(names("E"));
    expect(await listed({ ...inQ1, signings: "notRecognised", excludedBy: "threshold" })).toEqual(names("F"));
    expect(await listed({ ...inQ1, signings: "repeat" })).toEqual(names("C"));
    expect(await listed({ ...inQ1, signings: "upgrade" })).toEqual(names("A"));
    expect(await listed({ ...inQ1, signings: "counted" })).toEqual(names("A", "B", "C", "G"));
    expect(await listed(inQ1)).toEqual(names("A", "B", "C", "G"));
  });

  it("the SQL form classifies every contract as the domain rule does", async () => {
    const rows = await db.$queryRaw<{ id: number; project_id: number; role: string; why: string | null }[]>`
      SELECT k.id, k.project_id, ${signingRoleSql("k")} AS role, ${exclusionSql("k", "p")} AS why
        FROM contract k JOIN project p ON p.id = k.project_id WHERE p.unit_id = ${U}`;
    const rulesNow = await getCountingRules(db);
    for (const projectId of Object.values(ids)) {
      const p = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { sectorId: true, notRecognisedReasonId: true, contracts: true } });
      const domain = classifySignings(
        p.contracts.map((k) => ({ id: k.id, kind: k.kind, signedOn: k.signedOn, cny: k.contractedInvestmentCny.toString() })),
        { sectorId: p.sectorId, notRecognisedReasonId: p.notRecognisedReasonId },
        rulesNow,
      );
      const sql = rows.filter((r) => r.project_id === projectId);
      expect(domain.map((s) => [s.id, s.role, s.exclusion]).sort()).toEqual(sql.map((r) => [r.id, r.role, r.why]).sort());
    }
  });

  it("keeps existing contracts counting as before the rule: a default contract is FORMAL", async () => {
    const company = await db.company.create({ data: { nameZh: "旧企业", countryCode: "CN", ownershipType: "PRIVATE" } });
    const p = await db.project.create({ data: { companyId: company.id, title: "旧项目", unitId: U, ownerId: officer.id, stage: "SIGNED" } });
    const k = await db.contract.create({ data: { projectId: p.id, signedOn: d("2022-05-01"), contractedInvestmentCny: new Prisma.Decimal(M(80)), agreementKindId: kindId, createdById: officer.id } });
    expect(k.kind).toBe("FORMAL");
    expect((await signedTotals(db, manager, { period: yearPeriod(2022), unitId: U })).current).toEqual({ count: 1, cny: M(80), usd: "0" });
  });
});
