import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createProject, getProjectForEdit, reassignOwner, updateProject } from "@/lib/data/projects";
import { getProjectPage } from "@/lib/data/project-page";
import { SEARCH_COUNT_CAP, listCountCap, listProjects } from "@/lib/data/project-list";
import { COUNT_CAP } from "@/lib/data/sql-rules";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { ZCreateProject, ZReassignOwner, ZUpdateProject } from "@/lib/validation/project";
import { fromSearchParams } from "@/lib/domain/project-filter";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

const db = () => testDb();

async function actor(role: Role, unit: { id: number; kind: string }): Promise<CurrentUser> {
  const u = await makeUser({ role, unitId: unit.id });
  return { id: u.id, email: u.email, name: u.name, role, unitId: unit.id, unitNameZh: "", unitNameEn: "", unitIsCity: unit.kind === "CITY" };
}

async function makeCompany(name = `测试公司${uniq()}`, nameEn?: string) {
  return db().company.create({ data: { nameZh: name, nameEn: nameEn ?? null, countryCode: "CN", ownershipType: "PRIVATE" } });
}

async function makeRef(kind: "SECTOR" | "INDUSTRY_CHAIN" | "SOURCE", retired = false) {
  const s = uniq();
  return db().referenceItem.create({ data: { kind, code: `${kind}-${s}`, nameZh: `参考${s}`, nameEn: `Ref ${s}`, retiredAt: retired ? new Date() : null } });
}

function createInput(overrides: Record<string, unknown> = {}) {
  return ZCreateProject.parse({ requestId: randomUUID(), title: `项目${uniq()}`, ...overrides });
}

async function newProject(user: CurrentUser, overrides: Record<string, unknown> = {}) {
  const company = await makeCompany();
  return createProject(db(), user, createInput({ companyId: String(company.id), ...overrides }));
}

function editInput(id: number, version: number, overrides: Record<string, unknown> = {}) {
  return ZUpdateProject.parse({ id: String(id), version: String(version), title: `改名${uniq()}`, ...overrides });
}

const q = (params: Record<string, string>) => fromSearchParams(params);

describe("projects: scope", () => {
  let city: { id: number; kind: string };
  let countyA: { id: number; kind: string };
  let countyB: { id: number; kind: string };
  let officerA: CurrentUser, managerA: CurrentUser, officerB: CurrentUser, cityManager: CurrentUser, admin: CurrentUser, cityOfficer: CurrentUser;
  let tag: string;
  let inA: number, inB: number, inCity: number;

  beforeAll(async () => {
    city = await makeUnit("CITY");
    countyA = await makeUnit("COUNTY");
    countyB = await makeUnit("COUNTY");
    officerA = await actor("OFFICER", countyA);
    managerA = await actor("MANAGER", countyA);
    officerB = await actor("OFFICER", countyB);
    cityManager = await actor("MANAGER", city);
    cityOfficer = await actor("OFFICER", city);
    admin = await actor("ADMIN", city);
    tag = `scope${uniq()}`;
    inA = (await newProject(officerA, { title: `${tag} A` })).id;
    inB = (await newProject(officerB, { title: `${tag} B` })).id;
    inCity = (await newProject(cityOfficer, { title: `${tag} City` })).id;
  });

  const ids = async (user: CurrentUser) => (await listProjects(db(), user, q({ q: tag }))).rows.map((r) => r.id).sort();

  it("an officer and a county manager list their unit only; a city manager and an admin list all", async () => {
    expect(await ids(officerA)).toEqual([inA]);
    expect(await ids(managerA)).toEqual([inA]);
    expect(await ids(officerB)).toEqual([inB]);
    expect(await ids(cityOfficer)).toEqual([inCity]);
    expect(await ids(cityManager)).toEqual([inA, inB, inCity].sort());
    expect(await ids(admin)).toEqual([inA, inB, inCity].sort());
  });

  it("another unit's project is not found for read, update and reassign", async () => {
    await expect(getProjectPage(db(), officerA, inB)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProjectPage(db(), managerA, inB)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProjectPage(db(), cityOfficer, inA)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProjectForEdit(db(), officerA, inB)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getProjectForEdit(db(), officerA, inA)).formValues.title).toBe(`${tag} A`);
    await expect(updateProject(db(), officerA, editInput(inB, 1))).rejects.toBeInstanceOf(NotFoundError);
    await expect(reassignOwner(db(), managerA, ZReassignOwner.parse({ projectId: inB, version: 1, ownerId: officerB.id }))).rejects.toBeInstanceOf(NotFoundError);
    const b = await db().project.findUniqueOrThrow({ where: { id: inB } });
    expect(b.version).toBe(1);
    expect(b.title).toBe(`${tag} B`);
    // in scope: found
    expect((await getProjectPage(db(), cityManager, inB)).id).toBe(inB);
    expect((await getProjectPage(db(), admin, inA)).id).toBe(inA);
  });

  it("an anchor project outside the user's scope shows by title and unit only; another unit's plain project cannot be chosen", async () => {
    const drawn = await newProject(officerA, { title: `${tag} drawn` });
    await updateProject(db(), admin, editInput(drawn.id, drawn.version, { title: `${tag} drawn`, anchorProjectId: String(inB) }));
    const page = await getProjectPage(db(), officerA, drawn.id);
    // An anchor's title is not a secret (lib/data/chain.ts); its id, stage and investor stay in scope.
    expect(page.anchor).toMatchObject({ title: `${tag} B`, visible: null });
    expect(Object.keys(page.anchor!).sort()).toEqual(["title", "unit", "visible"]);
    // the city manager sees the link both ways
    const anchorPage = await getProjectPage(db(), cityManager, inB);
    expect(anchorPage.drawn.projects.flatMap((d) => (d.inScope ? [d.id] : []))).toContain(drawn.id);
    // an officer of B sees the anchor, and the drawn project of unit A only as a count and its unit and stage
    const forB = await getProjectPage(db(), officerB, inB);
    expect(forB.drawn.count).toBe(1);
    expect(forB.drawn.projects).toEqual([{ inScope: false, stage: "FIRST_CONTACT", unit: expect.objectContaining({ nameZh: expect.any(String) }) }]);
    // an officer cannot link to another unit's project that is no anchor
    const other = await newProject(officerA);
    const err = await updateProject(db(), officerA, editInput(other.id, other.version, { anchorProjectId: String(inCity) })).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect((err as RuleError).fieldErrors).toEqual({ anchorProjectId: "choose" });
  });

  it("only managers and admins reassign, and only to an active user of the project's unit", async () => {
    const p = await newProject(officerA);
    const colleague = await actor("OFFICER", countyA);
    await expect(reassignOwner(db(), officerA, { projectId: p.id, version: p.version, ownerId: colleague.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reassignOwner(db(), managerA, { projectId: p.id, version: p.version, ownerId: officerB.id })).rejects.toBeInstanceOf(RuleError);
    const disabled = await makeUser({ unitId: countyA.id, disabled: true });
    await expect(reassignOwner(db(), managerA, { projectId: p.id, version: p.version, ownerId: disabled.id })).rejects.toBeInstanceOf(RuleError);
    expect((await db().project.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(officerA.id);

    const result = await reassignOwner(db(), managerA, { projectId: p.id, version: p.version, ownerId: colleague.id });
    expect(result.version).toBe(p.version + 1);
    const row = await db().project.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.ownerId).toBe(colleague.id);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entity: "project", entityId: String(p.id), action: "project.reassign" } });
    expect(audit.actorId).toBe(managerA.id);
    expect(audit.before).toMatchObject({ ownerId: officerA.id });
    expect(audit.after).toMatchObject({ ownerId: colleague.id });
    // stale version
    await expect(reassignOwner(db(), managerA, { projectId: p.id, version: p.version, ownerId: officerA.id })).rejects.toBeInstanceOf(ConflictError);
    // the timeline shows the reassignment
    const page = await getProjectPage(db(), managerA, p.id);
    expect(page.timeline.some((t) => t.kind === "edit" && t.data.action === "project.reassign")).toBe(true);
  });
});

describe("projects: list filters, search and sort", () => {
  let officer: CurrentUser;
  let tag: string;
  const made: Record<string, number> = {};

  beforeAll(async () => {
    const unit = await makeUnit("COUNTY");
    officer = await actor("OFFICER", unit);
    tag = `flt${uniq()}`;
    const sector = await makeRef("SECTOR");
    const company = await makeCompany(`恒宁${tag}新能源`, `Hengning ${tag} Energy`);
    made.small = (await newProject(officer, { title: `${tag} 小项目`, plannedInvestmentCny: "5000000" })).id;
    made.big = (await newProject(officer, { title: `${tag} 大项目`, plannedInvestmentCny: "21000000000", sectorId: String(sector.id) })).id;
    made.byCompany = (await createProject(db(), officer, createInput({ title: "电池基地", companyId: String(company.id), plannedInvestmentCny: "100000000" }))).id;
    made.sector = sector.id;
    // an overdue follow-up, set directly (the form refuses past dates)
    await db().project.update({ where: { id: made.small }, data: { nextFollowUpOn: new Date("2020-01-01T00:00:00Z") } });
    await db().project.update({ where: { id: made.big }, data: { nextFollowUpOn: new Date("2099-01-01T00:00:00Z"), stage: "NEGOTIATION" } });
  });

  const list = (params: Record<string, string>) => listProjects(db(), officer, q(params));

  it("counts matches exactly up to its cap, and past it says 'at least' rather than counting every project", async () => {
    const counted = (cap: number) => listProjects(db(), officer, q({ q: tag }), new Date(), cap);
    expect(await counted(3)).toMatchObject({ total: 3, totalIsAtLeast: false, pageCount: 1, hasNextPage: false });
    const capped = await counted(2);
    expect(capped).toMatchObject({ total: 2, totalIsAtLeast: true, hasNextPage: false });
    expect(capped.rows).toHaveLength(3); // the page itself is whole
  });

  it("a search counts up to 1,000, a list without one up to 10,000", () => {
    expect(listCountCap(q({ q: tag }))).toBe(SEARCH_COUNT_CAP);
    expect(listCountCap(q({ stage: "NEGOTIATION" }))).toBe(COUNT_CAP);
    expect([SEARCH_COUNT_CAP, COUNT_CAP]).toEqual([1_000, 10_000]);
  });

  it("searches titles and company names in both languages, case-insensitively", async () => {
    expect((await list({ q: tag })).total).toBe(3);
    expect((await list({ q: `HENGNING ${tag.toUpperCase()}` })).rows.map((r) => r.id)).toEqual([made.byCompany]);
    expect((await list({ q: `恒宁${tag}` })).rows.map((r) => r.id)).toEqual([made.byCompany]);
    expect((await list({ q: `${tag} 大` })).rows.map((r) => r.id)).toEqual([made.big]);
    expect((await list({ q: `${tag}%` })).total).toBe(0); // wildcards are literal
  });

  it("filters by amount range, stage, sector and overdue follow-up", async () => {
    expect((await list({ q: tag, minAmount: "100000000" })).rows.map((r) => r.id).sort()).toEqual([made.big, made.byCompany].sort());
    expect((await list({ q: tag, maxAmount: "100000000" })).rows.map((r) => r.id).sort()).toEqual([made.small, made.byCompany].sort());
    expect((await list({ q: tag, stage: "NEGOTIATION" })).rows.map((r) => r.id)).toEqual([made.big]);
    expect((await list({ q: tag, sectorId: String(made.sector) })).rows.map((r) => r.id)).toEqual([made.big]);
    const overdue = await list({ q: tag, overdue: "1" });
    expect(overdue.rows.map((r) => r.id)).toEqual([made.small]);
    expect(overdue.rows[0].overdue).toBe(true);
  });

  it("sorts by planned amount and title, and pages by 25", async () => {
    expect((await list({ q: tag, sort: "amount", dir: "desc" })).rows.map((r) => r.id)).toEqual([made.big, made.byCompany, made.small]);
    expect((await list({ q: tag, sort: "amount", dir: "asc" })).rows.map((r) => r.id)).toEqual([made.small, made.byCompany, made.big]);
    const page2 = await list({ q: tag, page: "2" });
    expect(page2.rows).toEqual([]);
    expect(page2.total).toBe(3);
  });

  it("ignores bad URL values instead of failing", () => {
    expect(q({ stage: "NOPE", minAmount: "-5", page: "0", sort: "drop table", unitId: "abc" })).toEqual(
      expect.objectContaining({ stage: undefined, minAmount: undefined, page: undefined, sort: undefined, unitId: undefined }),
    );
  });
});

describe("projects: create", () => {
  it("a double submit creates one project, one first stage change and one audit row", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const company = await makeCompany();
    const input = createInput({ companyId: String(company.id) });
    const [a, b] = await Promise.all([createProject(db(), officer, input), createProject(db(), officer, input)]);
    const c = await createProject(db(), officer, input);
    expect(a.id).toBe(b.id);
    expect(c.id).toBe(a.id);
    expect(await db().project.count({ where: { requestId: input.requestId } })).toBe(1);
    const row = await db().project.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ ownerId: officer.id, unitId: unit.id, stage: "FIRST_CONTACT", companyId: company.id });
    const changes = await db().stageChange.findMany({ where: { projectId: a.id } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ fromStage: null, toStage: "FIRST_CONTACT", changedById: officer.id });
    const audits = await db().auditLog.findMany({ where: { entity: "project", entityId: String(a.id), action: "project.create" } });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ title: input.title });
  });

  it("creates a new company inline, with its own audit row", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const name = `新公司${uniq()}`;
    const p = await createProject(db(), officer, createInput({ newCompanyNameZh: name, newCompanyCountry: "de" }));
    const company = await db().company.findFirstOrThrow({ where: { nameZh: name } });
    expect(company.countryCode).toBe("DE");
    expect((await db().project.findUniqueOrThrow({ where: { id: p.id } })).companyId).toBe(company.id);
    expect(await db().auditLog.count({ where: { entity: "company", entityId: String(company.id), action: "company.create" } })).toBe(1);
  });

  it("an officer cannot put a project in another unit or give it to someone else", async () => {
    const unit = await makeUnit();
    const other = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const colleague = await actor("OFFICER", unit);
    const title = `越权${uniq()}`;
    await expect(newProject(officer, { title, unitId: String(other.id) })).rejects.toBeInstanceOf(RuleError);
    await expect(newProject(officer, { title, ownerId: String(colleague.id) })).rejects.toBeInstanceOf(RuleError);
    expect(await db().project.count({ where: { title } })).toBe(0);
  });

  it("refuses bad input in the schema: negative amounts, over-long title, no company", () => {
    const base = { requestId: randomUUID(), title: "ok", companyId: "1" };
    const errorPaths = (input: Record<string, unknown>) => {
      const r = ZCreateProject.safeParse({ ...base, ...input });
      return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join(".")))];
    };
    expect(errorPaths({ plannedInvestmentCny: "-100" })).toEqual(["plannedInvestmentCny"]);
    expect(errorPaths({ foreignInvestmentUsd: "1e30" })).toEqual(["foreignInvestmentUsd"]);
    expect(errorPaths({ plannedInvestmentCny: "99999999999999999" })).toEqual(["plannedInvestmentCny"]);
    expect(errorPaths({ title: "长".repeat(201) })).toEqual(["title"]);
    expect(errorPaths({ jobs: "-1" })).toEqual(["jobs"]);
    expect(errorPaths({ companyId: undefined })).toEqual(["companyId"]);
    expect(errorPaths({ requestId: "not-a-uuid" })).toEqual(["requestId"]);
    expect(errorPaths({ sectorId: "abc" })).toEqual(["sectorId"]);
  });

  it("refuses unknown and wrong-kind ids, retired values, and changes nothing", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const title = `坏数据${uniq()}`;
    const chain = await makeRef("INDUSTRY_CHAIN");
    const retired = await makeRef("SECTOR", true);
    const attempts: [Record<string, unknown>, string][] = [
      [{ companyId: "2147483000" }, "companyId"],
      [{ sectorId: String(chain.id) }, "sectorId"],
      [{ sectorId: String(retired.id) }, "sectorId"],
      [{ eventId: "2147483000" }, "eventId"],
      [{ anchorProjectId: "2147483000" }, "anchorProjectId"],
    ];
    for (const [overrides, field] of attempts) {
      const company = await makeCompany();
      const err = await createProject(db(), officer, createInput({ title, companyId: String(company.id), ...overrides })).catch((e) => e);
      expect(err, field).toBeInstanceOf(RuleError);
      expect(Object.keys((err as RuleError).fieldErrors)).toEqual([field]);
    }
    const err = await createProject(db(), officer, createInput({ title, newCompanyNameZh: `不应创建${title}`, sectorId: String(chain.id) })).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect(await db().project.count({ where: { title } })).toBe(0);
    expect(await db().company.count({ where: { nameZh: `不应创建${title}` } })).toBe(0);
  });
});

describe("projects: update", () => {
  it("saves with the loaded version, bumps it and audits before and after", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const p = await newProject(officer, { title: "旧标题", plannedInvestmentCny: "1000" });
    const result = await updateProject(db(), officer, editInput(p.id, p.version, { title: "新标题", plannedInvestmentCny: "2,500.50", jobs: "300" }));
    expect(result.version).toBe(p.version + 1);
    const row = await db().project.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.title).toBe("新标题");
    expect(row.plannedInvestmentCny?.toString()).toBe("2500.5");
    const audit = await db().auditLog.findFirstOrThrow({ where: { entity: "project", entityId: String(p.id), action: "project.update" } });
    expect(audit.actorId).toBe(officer.id);
    expect(audit.before).toMatchObject({ title: "旧标题", plannedInvestmentCny: "1000", version: 1 });
    expect(audit.after).toMatchObject({ title: "新标题", plannedInvestmentCny: "2500.5", jobs: "300", version: 2 });
    const page = await getProjectPage(db(), officer, p.id);
    const kinds = page.timeline.map((t) => t.kind);
    expect(kinds).toContain("edit");
    expect(kinds).toContain("stage");
  });

  it("a stale version is refused with the current values and leaves the row unchanged", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const colleague = await actor("OFFICER", unit);
    const p = await newProject(officer, { title: "原标题" });
    await updateProject(db(), colleague, editInput(p.id, p.version, { title: "同事改的" }));
    const err = await updateProject(db(), officer, editInput(p.id, p.version, { title: "我改的" })).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).answer).toMatchObject({ values: { title: "同事改的" }, version: 2 });
    const row = await db().project.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.title).toBe("同事改的");
    expect(row.version).toBe(2);
    expect(await db().auditLog.count({ where: { entity: "project", entityId: String(p.id), action: "project.update" } })).toBe(1);
  });

  it("refuses an anchor that is the project itself or closes a loop", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const a = await newProject(officer);
    const b = await newProject(officer);
    await expect(updateProject(db(), officer, editInput(a.id, a.version, { anchorProjectId: String(a.id) }))).rejects.toBeInstanceOf(RuleError);
    const linked = await updateProject(db(), officer, editInput(b.id, b.version, { anchorProjectId: String(a.id) }));
    expect(linked.version).toBe(2);
    const err = await updateProject(db(), officer, editInput(a.id, a.version, { anchorProjectId: String(b.id) })).catch((e) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect((err as RuleError).fieldErrors).toEqual({ anchorProjectId: "projects.rules.anchorLoop" });
    expect((await db().project.findUniqueOrThrow({ where: { id: a.id } })).anchorProjectId).toBeNull();
    const page = await getProjectPage(db(), officer, a.id);
    expect(page.drawn.projects.map((d) => (d.inScope ? d.id : null))).toEqual([b.id]);
    expect((await getProjectPage(db(), officer, b.id)).anchor?.visible?.id).toBe(a.id);
  });

  it("refuses negative amounts and over-long text in the schema", () => {
    expect(ZUpdateProject.safeParse({ id: "1", version: "1", title: "x", landMu: "-3" }).success).toBe(false);
    expect(ZUpdateProject.safeParse({ id: "1", version: "1", title: "x", phase: "p".repeat(51) }).success).toBe(false);
    expect(ZUpdateProject.safeParse({ id: "1", version: "0", title: "x" }).success).toBe(false);
    expect(ZUpdateProject.safeParse({ id: "1", version: "1", title: "   " }).success).toBe(false);
  });
});

describe("projects: the page's timeline", () => {
  it("interleaves rounds, stage changes, contracts, starts, funds and edits, newest first", async () => {
    const unit = await makeUnit();
    const officer = await actor("OFFICER", unit);
    const p = await newProject(officer);
    const kind = await db().referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: `ak-${uniq()}`, nameZh: "正式投资合同", nameEn: "Formal" } });
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    for (let n = 1; n <= 55; n++) {
      await db().negotiationRound.create({
        data: { projectId: p.id, number: n, heldOn: d(`2023-0${1 + Math.floor(n / 10)}-${String(1 + (n % 10)).padStart(2, "0")}`), format: "VISIT_HERE", ourParticipants: "李明", summary: `第${n}轮`, topics: ["land"], createdById: officer.id },
      });
    }
    await db().contract.create({ data: { projectId: p.id, signedOn: d("2024-01-10"), contractedInvestmentCny: "21000000000", agreementKindId: kind.id, createdById: officer.id } });
    await db().constructionStart.create({ data: { projectId: p.id, startedOn: d("2024-03-01"), createdById: officer.id } });
    await db().fundsInPlace.create({ data: { projectId: p.id, amount: "500000000", currency: "CNY", receivedOn: d("2024-06-01"), createdById: officer.id } });
    const page = await getProjectPage(db(), officer, p.id);
    const kinds = page.timeline.map((t) => t.kind);
    expect(kinds.filter((k) => k === "round")).toHaveLength(55);
    // newest first: stage change (today), then funds, start, contract, then the rounds
    expect(kinds.slice(0, 4)).toEqual(["stage", "funds", "start", "contract"]);
    const dates = page.timeline.map((t) => t.onDate.getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(page.timeline.find((t) => t.kind === "contract")?.data).toMatchObject({ amountCny: "21000000000.00", kindZh: "正式投资合同" });
  });
});
