/**
 * The project page as served (issue 14): how many SQL statements one request makes, and that reading them
 * together shows what each section's own read shows. In a database of its own: the settings row and the pickers'
 * lists are installation-wide, and the test compares them whole.
 *
 * The count is taken on the wire side of the pool (every pg query of this process while the page is read): the
 * shell's read (the session user with the bell's unread count, as lib/auth/current-user.ts getSessionUser reads
 * them) and everything the page reads (lib/data/project-page.ts getProjectPageView). A section that reads a row again — a second read of the
 * project, of the settings row or of a list — makes it fail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { hashPassword } from "@/lib/auth/password";
import { resolveSessionUser, type CurrentUser } from "@/lib/auth/session-user";
import { unreadCount, unreadCountColumnSql } from "@/lib/data/notifications";
import { getProjectPage, getProjectPageView } from "@/lib/data/project-page";
import { getJourneyState, listAgreementKinds } from "@/lib/data/stage";
import { listLeaders } from "@/lib/data/rounds";
import { contractFormOptions, getProjectRecognition, listNotRecognisedReasons } from "@/lib/data/signings";
import { getCommitments } from "@/lib/data/commitments";
import { getMilestoneSettings } from "@/lib/data/settings";
import { listProjectSupervision } from "@/lib/data/supervision";
import { otherUnitsInTalksForProject } from "@/lib/data/company-talks";
import { reassignableOwners } from "@/lib/data/project-options";
import { NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { todayDate } from "@/lib/validation/fields";
import { isoDay } from "@/lib/domain/period";
import { getMyWork } from "@/lib/data/my-work";
import { supervisionWork } from "@/lib/data/supervision";

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
let db: Db;
let county: number, otherCounty: number, city: number;
let officer: CurrentUser, manager: CurrentUser, cityManager: CurrentUser, admin: CurrentUser, otherOfficer: CurrentUser;
let unsigned: number, signed: number;
const today = todayDate();

/**
 * The statements this process sends to PostgreSQL while `read` runs (nothing else runs meanwhile in this file), as
 * the counting relay counts them on the wire (scripts/sql-count-proxy.ts): each Execute of the extended protocol
 * and each simple Query, BEGIN/COMMIT/ROLLBACK apart (none here).
 */
async function statementsOf<T>(read: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const proto = pg.Connection.prototype as unknown as Record<"execute" | "query", (...args: unknown[]) => unknown>;
  const original = { execute: proto.execute, query: proto.query };
  let statements = 0;
  for (const name of ["execute", "query"] as const) {
    proto[name] = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original[name].apply(this, args);
    };
  }
  try {
    const value = await read();
    return { value, statements };
  } finally {
    Object.assign(proto, original);
  }
}

/** One request as served: the signed-in user from the session token, the shell's bell, then the page. */
async function servePage(user: CurrentUser, projectId: number) {
  const token = await tokenOf(user);
  return statementsOf(async () => {
    const session = await shellUser(token);
    return getProjectPageView(db, session, projectId, today);
  });
}

/** The session cookie's claims for `user`, signed in now. */
async function tokenOf(user: CurrentUser) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
  return { uid: user.id, sv: sessionVersion, signedInAt: Math.floor(Date.now() / 1000) };
}

/** The shell's read as getSessionUser makes it: the user and the bell in one statement. */
async function shellUser(token: Awaited<ReturnType<typeof tokenOf>>) {
  const session = await resolveSessionUser(db, token, new Date(), unreadCountColumnSql("a"));
  expect(session?.id).toBe(token.uid);
  return session!;
}

async function person(role: Role, unitId: number, isCity = false): Promise<CurrentUser> {
  const n = `${role}-${unitId}-${Math.random().toString(36).slice(2, 8)}`;
  const u = await db.user.create({ data: { email: `${n}@test.local`, name: `测试${n}`, passwordHash: await hashPassword("x".repeat(12)), role, unitId } });
  return { id: u.id, email: u.email, name: u.name, role, unitId, unitNameZh: "", unitNameEn: "", unitIsCity: isCity };
}

beforeAll(async () => {
  own = await ownDatabase("page_statements");
  db = createPrismaClient(own.url, 4);
  city = (await db.unit.create({ data: { code: "city", nameZh: "市本级", nameEn: "City", kind: "CITY" } })).id;
  county = (await db.unit.create({ data: { code: "c1", nameZh: "一县", nameEn: "County 1", kind: "COUNTY", parentId: city } })).id;
  otherCounty = (await db.unit.create({ data: { code: "c2", nameZh: "二县", nameEn: "County 2", kind: "COUNTY", parentId: city } })).id;
  officer = await person("OFFICER", county);
  manager = await person("MANAGER", county);
  cityManager = await person("MANAGER", city, true);
  admin = await person("ADMIN", city, true);
  otherOfficer = await person("OFFICER", otherCounty);
  // A disabled colleague is not offered as an owner.
  await db.user.update({ where: { id: (await person("OFFICER", county)).id }, data: { disabledAt: new Date() } });

  const item = (kind: "AGREEMENT_KIND" | "LEADER" | "NOT_RECOGNISED_REASON" | "SECTOR", code: string, sortOrder: number, retired = false) =>
    db.referenceItem.create({ data: { kind, code, nameZh: `${kind}-${code}`, nameEn: `${kind} ${code}`, sortOrder, retiredAt: retired ? new Date() : null } });
  const kind = await item("AGREEMENT_KIND", "b", 2);
  await item("AGREEMENT_KIND", "a", 1);
  await item("AGREEMENT_KIND", "old", 0, true);
  const leader = await item("LEADER", "l1", 1);
  await item("LEADER", "l0", 0, true);
  const reason = await item("NOT_RECOGNISED_REASON", "r1", 1);
  await item("NOT_RECOGNISED_REASON", "r2", 2);
  const sector = await item("SECTOR", "s1", 1);
  for (let i = 0; i < 3; i++) {
    await db.promotionEvent.create({ data: { nameZh: `推介会${i}`, cityZh: "深圳", startsOn: new Date(`2024-0${i + 1}-01T00:00:00Z`), endsOn: new Date(`2024-0${i + 1}-02T00:00:00Z`), unitId: city } });
  }
  const event = await db.promotionEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
  await db.installationSetting.create({ data: { id: 1, milestoneWarnDays: 45, fundsBehindPercent: 35, minRecognisedCny: "100000000.00", notRecognisedSectorIds: [sector.id], version: 3 } });

  const company = await db.company.create({ data: { nameZh: "测试企业", nameEn: "Test Co", countryCode: "DE", ownershipType: "FOREIGN" } });
  const project = (title: string, stage: "NEGOTIATION" | "CONSTRUCTION", unitId = county, ownerId = officer.id) =>
    db.project.create({ data: { companyId: company.id, title, unitId, ownerId, stage, firstContactOn: new Date("2023-01-05T00:00:00Z"), plannedInvestmentCny: "500000000.00", sectorId: sector.id } });
  unsigned = (await project("未签约项目", "NEGOTIATION")).id;
  signed = (await project("已签约项目", "CONSTRUCTION")).id;
  // The same investor in talks with the other county.
  await project("二县的项目", "NEGOTIATION", otherCounty, otherOfficer.id);

  await db.negotiationRound.create({ data: { projectId: unsigned, number: 1, heldOn: new Date("2024-02-01T00:00:00Z"), format: "VISIT_HERE", topics: ["land"], summary: "谈价格", ourParticipants: "我方", leaderId: leader.id, createdById: officer.id } });
  await db.project.update({ where: { id: signed }, data: { notRecognisedReasonId: reason.id, notRecognisedNote: "重复" } });
  await db.contract.create({ data: { projectId: signed, signedOn: new Date("2024-03-01T00:00:00Z"), contractedInvestmentCny: "300000000.50", contractedForeignUsd: "1000000.00", agreementKindId: kind.id, eventId: event.id, createdById: officer.id } });
  await db.contract.create({ data: { projectId: signed, signedOn: new Date("2024-05-01T00:00:00Z"), kind: "CAPITAL_INCREASE", contractedInvestmentCny: "50000000.00", agreementKindId: kind.id, createdById: officer.id } });
  await db.constructionStart.create({ data: { projectId: signed, startedOn: new Date("2024-06-01T00:00:00Z"), createdById: officer.id } });
  await db.fundsInPlace.create({ data: { projectId: signed, receivedOn: new Date("2024-07-01T00:00:00Z"), amount: "20000000.00", currency: "CNY", createdById: officer.id } });
  await db.commitment.create({ data: { projectId: signed, contractId: (await db.contract.findFirstOrThrow({ where: { projectId: signed } })).id, kind: "PRODUCTION", dueOn: new Date("2020-01-01T00:00:00Z"), createdById: officer.id } });
  await db.supervisionOrder.create({
    data: { unitId: county, requirement: "加快进度", answerDueOn: new Date("2024-08-01T00:00:00Z"), assigneeId: officer.id, issuedById: manager.id, projects: { create: [{ projectId: signed }] } },
  });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await own?.dispose();
});

describe("the project page as served", () => {
  it("reads 6 statements before the signing and 7 after it, for every role (the shell's one included)", async () => {
    for (const user of [officer, manager, cityManager, admin]) {
      expect({ who: user.role, statements: (await servePage(user, unsigned)).statements }).toEqual({ who: user.role, statements: 6 });
      expect({ who: user.role, statements: (await servePage(user, signed)).statements }).toEqual({ who: user.role, statements: 7 });
    }
  });

  it("outside the user's scope reads the project once and nothing else", async () => {
    const { statements } = await statementsOf(() => expect(getProjectPageView(db, otherOfficer, signed, today)).rejects.toBeInstanceOf(NotFoundError));
    expect(statements).toBe(1);
  });

  it("shows what each section's own read shows, for each role", async () => {
    for (const user of [officer, manager, cityManager]) {
      for (const id of [unsigned, signed]) {
        const view = await getProjectPageView(db, user, id, today);
        const settings = await getMilestoneSettings(db);
        const manages = user.role !== "OFFICER";
        expect(view.project).toEqual(await getProjectPage(db, user, id));
        expect(view.journey).toEqual(await getJourneyState(db, user, { projectId: id }));
        expect(view.recognition).toEqual(await getProjectRecognition(db, user, { projectId: id }));
        expect(view.milestoneSettings).toEqual(settings);
        expect(view.commitments).toEqual(await getCommitments(db, user, id, isoDay(today), settings));
        expect(view.supervision).toEqual(await listProjectSupervision(db, user, id, today));
        expect(view.talks).toEqual(await otherUnitsInTalksForProject(db, user, { companyId: view.project.company.id, unitId: view.project.unitId }));
        expect(view.owners).toEqual(manages ? await reassignableOwners(db, view.project.unitId) : []);
        expect(view.agreementKinds).toEqual(await listAgreementKinds(db, user));
        expect(view.leaders).toEqual(await listLeaders(db));
        expect(view.notRecognisedReasons).toEqual(manages ? await listNotRecognisedReasons(db) : []);
        expect(view.contractOptions).toEqual(await contractFormOptions(db, user));
      }
    }
    // What the comparisons stand on: the data is there to be shown.
    const view = await getProjectPageView(db, manager, signed, today);
    expect(view.recognition.signings).toHaveLength(2);
    expect(view.recognition.manual?.note).toBe("重复");
    expect(view.recognition.signings[0].event?.nameZh).toBe("推介会0");
    expect(view.journey.contract?.contractedInvestmentCny).toBe("50000000");
    expect(view.journey.funds).toEqual([{ currency: "CNY", total: "20000000" }]);
    expect(view.commitments?.milestones.find((m) => m.kind === "PRODUCTION")?.colour).toBe("RED");
    expect(view.milestoneSettings).toMatchObject({ warnDays: 45, fundsBehindShare: 0.35 });
    expect(view.supervision).toHaveLength(1);
    expect(view.talks.map((t) => t.unitNameZh)).toEqual(["二县"]);
    expect(view.owners.map((o) => o.id).sort()).toEqual([officer.id, manager.id].sort());
    expect(view.agreementKinds.map((k) => k.nameEn)).toEqual(["AGREEMENT_KIND a", "AGREEMENT_KIND b"]);
    expect(view.contractOptions?.events.map((e) => e.nameZh)).toEqual(["推介会2", "推介会1", "推介会0"]);
    expect((await getProjectPageView(db, manager, unsigned, today)).commitments).toBeNull();
  });

  it("without a settings row reads the defaults, as getMilestoneSettings and getCountingRules do", async () => {
    await db.installationSetting.delete({ where: { id: 1 } });
    const view = await getProjectPageView(db, manager, signed, today);
    expect(view.milestoneSettings).toEqual(await getMilestoneSettings(db));
    expect(view.recognition).toEqual(await getProjectRecognition(db, manager, { projectId: signed }));
    expect(view.commitments).toEqual(await getCommitments(db, manager, signed, isoDay(today), await getMilestoneSettings(db)));
  });
});

describe("My work as served", () => {
  it("reads 7 statements, in the officer's own view and in a manager's unit view (the shell's one included)", async () => {
    for (const [user, view] of [[officer, "mine"], [manager, "unit"], [cityManager, "unit"], [admin, "unit"]] as const) {
      const token = await tokenOf(user);
      const { value, statements } = await statementsOf(async () => {
        const session = await shellUser(token);
        const [work, supervision] = await Promise.all([getMyWork(db, session, { view, today }), supervisionWork(db, session, today)]);
        return { work, supervision };
      });
      expect({ who: `${user.role} ${view}`, statements }).toEqual({ who: `${user.role} ${view}`, statements: 7 });
      expect(value.work.view).toBe(view);
      // The overdue milestone and the order to answer are there to be read (the settings row and both lists in their statements).
      if (user === officer) {
        expect(value.work.milestones.map((m) => [m.projectId, m.colour])).toEqual([[signed, "RED"]]);
        expect(value.supervision.toAnswer).toHaveLength(1);
        expect(value.supervision.toReview).toBeNull();
      } else expect(value.supervision.toReview).toEqual([]);
    }
  });
});

describe("the shell's bell, read with the session user", () => {
  it("counts what unreadCount counts: the user's unread notifications about no project or a project in scope", async () => {
    const about = (userId: number, projectId: number | null, read = false) =>
      db.notification.create({ data: { userId, kind: "FOLLOW_UP_DUE", subject: `s-${Math.random()}`, occasion: "o", projectId, data: {}, readAt: read ? new Date() : null } });
    const elsewhere = (await db.project.findFirstOrThrow({ where: { unitId: otherCounty } })).id;
    for (const user of [officer, manager, cityManager, admin]) {
      await about(user.id, null);
      await about(user.id, signed);
      await about(user.id, elsewhere); // in scope of the city level and admins only
      await about(user.id, null, true);
    }
    for (const user of [officer, manager, cityManager, admin]) {
      const session = await shellUser(await tokenOf(user));
      expect(session.unreadNotifications).toBe(await unreadCount(db, user));
    }
    expect((await shellUser(await tokenOf(officer))).unreadNotifications).toBe(2);
    expect((await shellUser(await tokenOf(cityManager))).unreadNotifications).toBe(3);
    // Without the column nothing extra is read.
    expect((await resolveSessionUser(db, await tokenOf(officer)))?.unreadNotifications).toBeUndefined();
  });
});
