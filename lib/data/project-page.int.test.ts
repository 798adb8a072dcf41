import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createProject, updateProject } from "@/lib/data/projects";
import { getProjectPage } from "@/lib/data/project-page";
import { ZCreateProject, ZUpdateProject } from "@/lib/validation/project";
import type { CurrentUser } from "@/lib/auth/session-user";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";

const db = () => testDb();

describe("project page: an edit in the timeline", () => {
  it("carries the names of the sector and event it chose or dropped, so the timeline can name them", async () => {
    const unit = await makeUnit();
    const u = await makeUser({ role: "OFFICER", unitId: unit.id });
    const officer: CurrentUser = { id: u.id, email: u.email, name: u.name, role: "OFFICER", unitId: unit.id, unitNameZh: "", unitNameEn: "", unitIsCity: false };
    const company = await db().company.create({ data: { nameZh: `测试公司${uniq()}`, countryCode: "JP", ownershipType: "FOREIGN" } });
    const sector = (name: string) => db().referenceItem.create({ data: { kind: "SECTOR", code: `s-${uniq()}`, nameZh: name, nameEn: `${name} (en)` } });
    const [before, after] = [await sector(`新能源${uniq()}`), await sector(`新材料${uniq()}`)];
    const event = await db().promotionEvent.create({ data: { nameZh: `推介会${uniq()}`, nameEn: null, cityZh: "深圳", startsOn: new Date("2024-05-01T00:00:00Z"), endsOn: new Date("2024-05-02T00:00:00Z"), unitId: unit.id } });
    const p = await createProject(db(), officer, ZCreateProject.parse({ requestId: randomUUID(), title: `项目${uniq()}`, companyId: String(company.id), sectorId: String(before.id), plannedInvestmentCny: "350000000" }));
    await updateProject(db(), officer, ZUpdateProject.parse({ id: String(p.id), version: String(p.version), title: `项目${uniq()}`, sectorId: String(after.id), eventId: String(event.id), plannedInvestmentCny: "420000000" }));

    const page = await getProjectPage(db(), officer, p.id);
    expect(page.company.countryCode).toBe("JP");
    const edit = page.timeline.find((t) => t.kind === "edit")!;
    expect(edit.data).toMatchObject({
      before: { plannedInvestmentCny: "350000000", sectorId: String(before.id), eventId: "" },
      after: { plannedInvestmentCny: "420000000", sectorId: String(after.id), eventId: String(event.id) },
      references: { [before.id]: [before.nameZh, before.nameEn], [after.id]: [after.nameZh, after.nameEn] },
      events: { [event.id]: [event.nameZh, null] },
    });
  });
});
