/**
 * The chain across unit lines: any user finds an anchor project of any unit by
 * its title and links to it; the anchor's page counts and values its whole
 * chain, naming the projects outside the reader's scope by unit and stage only.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createProject, getProjectForEdit, updateProject } from "@/lib/data/projects";
import { getProjectPage } from "@/lib/data/project-page";
import { searchAnchorProjects } from "@/lib/data/anchors";
import { getChains } from "@/lib/data/dashboard";
import { yearPeriod } from "@/lib/domain/period";
import { RuleError } from "@/lib/errors";
import { ZCreateProject, ZUpdateProject } from "@/lib/validation/project";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

const db = () => testDb();

async function actor(role: Role, unit: { id: number; kind: string }): Promise<CurrentUser> {
  const u = await makeUser({ role, unitId: unit.id });
  return { id: u.id, email: u.email, name: u.name, role, unitId: unit.id, unitNameZh: "", unitNameEn: "", unitIsCity: unit.kind === "CITY" };
}

/** A project of `user`'s unit with its own investor (named after the title), directly in the database. */
async function project(user: CurrentUser, title: string, opts: { planned?: string; anchorId?: number; stage?: "FIRST_CONTACT" | "NEGOTIATION" | "SIGNED" } = {}) {
  const company = await db().company.create({ data: { nameZh: `${title}公司`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return db().project.create({
    data: {
      title,
      companyId: company.id,
      unitId: user.unitId,
      ownerId: user.id,
      stage: opts.stage ?? "FIRST_CONTACT",
      plannedInvestmentCny: opts.planned ?? null,
      anchorProjectId: opts.anchorId ?? null,
    },
  });
}

const edit = (p: { id: number; version: number; title: string }, anchorProjectId: number) =>
  ZUpdateProject.parse({ id: String(p.id), version: String(p.version), title: p.title, anchorProjectId: String(anchorProjectId) });

describe("anchor projects across unit lines", () => {
  let tag: string;
  let cityOfficer: CurrentUser, countyOfficer: CurrentUser, otherCountyOfficer: CurrentUser, admin: CurrentUser;
  let cityAnchor: { id: number; title: string }, cityPlain: { id: number; title: string };

  beforeAll(async () => {
    tag = `chain${uniq()}`;
    const city = await makeUnit("CITY");
    const county = await makeUnit("COUNTY");
    const otherCounty = await makeUnit("COUNTY");
    cityOfficer = await actor("OFFICER", city);
    countyOfficer = await actor("OFFICER", county);
    otherCountyOfficer = await actor("OFFICER", otherCounty);
    admin = await actor("ADMIN", city);
    // The city's anchor already draws one project of its own unit; the city's other project draws none.
    cityAnchor = await project(cityOfficer, `${tag}电池基地`, { planned: "21000000000" });
    await project(cityOfficer, `${tag}储能`, { planned: "1800000000", anchorId: cityAnchor.id });
    cityPlain = await project(cityOfficer, `${tag}电池回收`, { planned: "500000000" });
  });

  it("a county officer finds the city's anchor by title, with its id, title and unit only", async () => {
    const hits = await searchAnchorProjects(db(), countyOfficer, tag);
    expect(hits.map((h) => h.id)).toEqual([cityAnchor.id]);
    expect(hits[0]).toEqual({ id: cityAnchor.id, title: cityAnchor.title, unit: { nameZh: expect.any(String), nameEn: expect.any(String) }, company: null });
    // Not by its investor's name: outside the scope only titles are searched.
    expect(await searchAnchorProjects(db(), countyOfficer, `${tag}电池基地公司`)).toEqual([]);
    // The city officer finds both city projects, with their investors.
    const own = await searchAnchorProjects(db(), cityOfficer, tag);
    expect(own.map((h) => h.id).sort()).toEqual(expect.arrayContaining([cityAnchor.id, cityPlain.id]));
    expect(own.find((h) => h.id === cityAnchor.id)?.company).toEqual({ nameZh: `${tag}电池基地公司`, nameEn: null });
  });

  it("a county officer links their project to the city's anchor, on create and on edit, and sees its title", async () => {
    const company = await db().company.create({ data: { nameZh: `${tag}负极公司`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const created = await createProject(
      db(),
      countyOfficer,
      ZCreateProject.parse({ requestId: randomUUID(), title: `${tag}负极材料`, companyId: String(company.id), anchorProjectId: String(cityAnchor.id) }),
    );
    expect((await db().project.findUniqueOrThrow({ where: { id: created.id } })).anchorProjectId).toBe(cityAnchor.id);

    const supplier = await project(countyOfficer, `${tag}隔膜`);
    await updateProject(db(), countyOfficer, edit(supplier, cityAnchor.id));
    expect((await db().project.findUniqueOrThrow({ where: { id: supplier.id } })).anchorProjectId).toBe(cityAnchor.id);
    expect((await getProjectForEdit(db(), countyOfficer, supplier.id)).anchorTitle).toBe(cityAnchor.title);
    const page = await getProjectPage(db(), countyOfficer, supplier.id);
    expect(page.anchor).toEqual({ title: cityAnchor.title, unit: expect.any(Object), visible: null });
  });

  it("still refuses another unit's project that is no anchor, and a link that closes a loop", async () => {
    const supplier = await project(countyOfficer, `${tag}铝箔`);
    const plain = await updateProject(db(), countyOfficer, edit(supplier, cityPlain.id)).catch((e) => e);
    expect(plain).toBeInstanceOf(RuleError);
    expect((plain as RuleError).fieldErrors).toEqual({ anchorProjectId: "choose" });

    // county A → city anchor X → county B → county A would close a loop.
    const a = await project(countyOfficer, `${tag}环A`);
    const x = await project(cityOfficer, `${tag}环X`);
    const b = await project(otherCountyOfficer, `${tag}环B`, { anchorId: a.id });
    await db().project.update({ where: { id: x.id }, data: { anchorProjectId: b.id } });
    await project(cityOfficer, `${tag}环Y`, { anchorId: x.id }); // x draws a chain: an anchor
    const loop = await updateProject(db(), countyOfficer, edit(a, x.id)).catch((e) => e);
    expect(loop).toBeInstanceOf(RuleError);
    expect((loop as RuleError).fieldErrors).toEqual({ anchorProjectId: "projects.rules.anchorLoop" });
    expect((await db().project.findUniqueOrThrow({ where: { id: a.id } })).anchorProjectId).toBeNull();
  });

  it("the anchor's page counts and values the whole chain; projects outside the scope carry only unit and stage", async () => {
    // An anchor in the county, drawing one project of its own unit and two of others.
    const anchor = await project(countyOfficer, `${tag}工程机械`, { planned: "10600000000" });
    const own = await project(countyOfficer, `${tag}液压`, { planned: "1200000000", anchorId: anchor.id, stage: "SIGNED" });
    await project(otherCountyOfficer, `${tag}铸件`, { planned: "850000000", anchorId: anchor.id, stage: "NEGOTIATION" });
    await project(cityOfficer, `${tag}驾驶室`, { anchorId: anchor.id });

    const page = await getProjectPage(db(), countyOfficer, anchor.id);
    expect(page.drawn.count).toBe(3);
    expect(page.drawn.plannedInvestmentCny).toBe("2050000000.00");
    expect(page.drawn.projects[0]).toMatchObject({ inScope: true, id: own.id, title: `${tag}液压`, stage: "SIGNED", plannedInvestmentCny: "1200000000.00" });
    const outside = page.drawn.projects.slice(1);
    expect(outside).toHaveLength(2);
    for (const row of outside) expect(Object.keys(row).sort()).toEqual(["inScope", "stage", "unit"]);
    expect(outside.map((r) => r.stage).sort()).toEqual(["FIRST_CONTACT", "NEGOTIATION"]);
    const json = JSON.stringify(page.drawn);
    for (const secret of [`${tag}铸件`, `${tag}驾驶室`, "850000000"]) expect(json).not.toContain(secret);

    // The admin sees the same count and value, every row in scope.
    const all = await getProjectPage(db(), admin, anchor.id);
    expect([all.drawn.count, all.drawn.plannedInvestmentCny]).toEqual([3, "2050000000.00"]);
    expect(all.drawn.projects.every((r) => r.inScope)).toBe(true);
  });

  it("the dashboard's chains name another unit's anchor by its title, without a link", async () => {
    const year = { period: yearPeriod(new Date().getUTCFullYear() + 1) };
    const chains = await getChains(db(), countyOfficer, year);
    expect(chains.find((c) => c.anchorId === cityAnchor.id)).toMatchObject({ title: cityAnchor.title, inScope: false });
    const city = await getChains(db(), cityOfficer, year);
    expect(city.find((c) => c.anchorId === cityAnchor.id)).toMatchObject({ title: cityAnchor.title, inScope: true });
  });
});
