/**
 * Test data for the journey's integration tests: users as the data layer sees
 * them, and companies, projects and agreement kinds with unique names.
 */
import { randomUUID } from "node:crypto";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import type { Role, Stage, UnitKind } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";
import { transitionStage } from "@/lib/data/stage";
import { ZTransitionStage } from "@/lib/validation/stage";

export type TestActor = Pick<CurrentUser, "id" | "name" | "role" | "unitId" | "unitIsCity">;

export async function makeActor(role: Role, unitId?: number, kind: UnitKind = "COUNTY"): Promise<TestActor> {
  const unit = unitId ? await testDb().unit.findUniqueOrThrow({ where: { id: unitId } }) : await makeUnit(kind);
  const user = await makeUser({ role, unitId: unit.id });
  return { id: user.id, name: user.name, role: user.role, unitId: unit.id, unitIsCity: unit.kind === "CITY" };
}

export async function makeAgreementKind(retired = false) {
  const s = uniq();
  return testDb().referenceItem.create({
    data: { kind: "AGREEMENT_KIND", code: `ak-${s}`, nameZh: `正式投资合同${s}`, nameEn: `Investment contract ${s}`, retiredAt: retired ? new Date() : null },
  });
}

export async function makeSector() {
  const s = uniq();
  return testDb().referenceItem.create({ data: { kind: "SECTOR", code: `sec-${s}`, nameZh: `行业${s}`, nameEn: `Sector ${s}` } });
}

/**
 * A project of `owner`'s unit with a believable history: first contact, then
 * each stage in `path` (a move straight into the stage, as seed data would).
 */
export async function makeProject(owner: TestActor, opts: { path?: Stage[]; firstContactOn?: string; contractOn?: string; startedOn?: string } = {}) {
  const db = testDb();
  const s = uniq();
  const company = await db.company.create({ data: { nameZh: `测试企业${s}`, nameEn: `Test Co ${s}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  const path = opts.path ?? [];
  const stage: Stage = path.length ? path[path.length - 1] : "FIRST_CONTACT";
  const project = await db.project.create({
    data: {
      companyId: company.id,
      title: `测试项目${s}`,
      unitId: owner.unitId,
      ownerId: owner.id,
      stage,
      firstContactOn: new Date(`${opts.firstContactOn ?? "2023-01-05"}T00:00:00Z`),
      plannedInvestmentCny: "500000000.00",
      stageReason: stage === "ON_HOLD" || stage === "LOST" ? "seeded" : null,
    },
  });
  const base = Date.parse("2023-01-05T02:00:00Z");
  const stages: Stage[] = ["FIRST_CONTACT", ...path];
  await db.stageChange.createMany({
    data: stages.map((to, i) => ({
      projectId: project.id,
      fromStage: i === 0 ? null : stages[i - 1],
      toStage: to,
      reason: to === "ON_HOLD" || to === "LOST" ? "seeded" : null,
      changedById: owner.id,
      changedAt: new Date(base + i * 86_400_000),
    })),
  });
  if (stages.includes("SIGNED")) {
    const kind = await makeAgreementKind();
    await db.contract.create({
      data: { projectId: project.id, signedOn: new Date(`${opts.contractOn ?? "2023-06-01"}T00:00:00Z`), contractedInvestmentCny: "500000000", agreementKindId: kind.id, createdById: owner.id },
    });
  }
  if (stages.includes("CONSTRUCTION")) {
    await db.constructionStart.create({ data: { projectId: project.id, startedOn: new Date(`${opts.startedOn ?? "2023-09-01"}T00:00:00Z`), createdById: owner.id } });
  }
  return project;
}

export const newRequestId = () => randomUUID();

/** A stage move as the form sends it: strings through the shared schema, at the project's current version. */
export async function moveAsForm(user: TestActor, projectId: number, toStage: Stage, extra: Record<string, unknown> = {}) {
  const db = testDb();
  const { version } = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { version: true } });
  return transitionStage(db, user, ZTransitionStage.parse({ projectId: String(projectId), version: String(version), requestId: newRequestId(), toStage, ...extra }));
}

/** Everything written about a project, to show a refused call wrote nothing. */
export async function footprint(projectId: number) {
  const db = testDb();
  const [project, stageChanges, rounds, contracts, starts, funds, audits] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { stage: true, version: true, stageReason: true, roundCount: true, lastRoundOn: true, nextFollowUpOn: true, updatedAt: true } }),
    db.stageChange.count({ where: { projectId } }),
    db.negotiationRound.count({ where: { projectId } }),
    db.contract.count({ where: { projectId } }),
    db.constructionStart.count({ where: { projectId } }),
    db.fundsInPlace.count({ where: { projectId } }),
    db.auditLog.count({ where: { OR: [{ entity: "project", entityId: String(projectId) }, { after: { path: ["projectId"], equals: projectId } }] } }),
  ]);
  return { project, stageChanges, rounds, contracts, starts, funds, audits };
}

/** YYYY-MM-DD, `days` from today in Shanghai. */
export function ymd(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * For the summaries' tests: two officers, their manager, an officer of another unit and that unit's manager, a sector
 * and an industry chain, all new (the summaries of their units hold only the test's projects).
 */
export async function makeSummaryCast() {
  const officerA = await makeActor("OFFICER");
  const officerB = await makeActor("OFFICER", officerA.unitId);
  const manager = await makeActor("MANAGER", officerA.unitId);
  const elsewhere = await makeActor("OFFICER");
  const otherManager = await makeActor("MANAGER", elsewhere.unitId);
  const sector = await makeSector();
  const s = uniq();
  const chain = await testDb().referenceItem.create({ data: { kind: "INDUSTRY_CHAIN", code: `ch-${s}`, nameZh: `产业链${s}`, nameEn: `Chain ${s}` } });
  return { officerA, officerB, manager, elsewhere, otherManager, sector, chain };
}
