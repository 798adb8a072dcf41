/**
 * A NUL character in any text (issue 12, section 4): PostgreSQL cannot hold it,
 * so it must stop at validation, never reach a query and fail it (a 500).
 */
import { describe, expect, it } from "vitest";
import { resolveSessionUser } from "@/lib/auth/session-user";
import { listProjects } from "@/lib/data/project-list";
import { listCompanies } from "@/lib/data/companies";
import { listAuditEntries } from "@/lib/data/audit";
import { ZAuditFilter } from "@/lib/data/audit-filter";
import { ZCompanySearch as ZCompanyList } from "@/lib/validation/company";
import { ZCompanySearch as ZPickerSearch } from "@/lib/validation/project";
import { fromSearchParams } from "@/lib/domain/project-filter";
import { zOptionalText, zText } from "@/lib/validation/fields";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUser, testDb } from "@/test/factories";

const withNul = "恒宁\u0000x";

async function actor(role: Role) {
  const user = await makeUser({ role });
  return (await resolveSessionUser(testDb(), { uid: user.id, sv: user.sessionVersion, signedInAt: Math.floor(Date.now() / 1000) }))!;
}

describe("a NUL character", () => {
  it("in the project list's search is ignored like any malformed filter, and the list still loads", async () => {
    const query = fromSearchParams({ q: withNul });
    expect(query.q).toBeUndefined();
    await expect(listProjects(testDb(), await actor("OFFICER"), query)).resolves.toHaveProperty("rows");
  });

  it("in the company list's search is ignored, and the list still loads", async () => {
    const query = ZCompanyList.parse({ q: withNul });
    expect(query.q).toBeUndefined();
    await expect(listCompanies(testDb(), await actor("OFFICER"), query)).resolves.toBeDefined();
  });

  it("in the audit viewer's filters is ignored, and the log still loads", async () => {
    const filter = ZAuditFilter.parse({ entity: withNul, entityId: withNul, action: withNul });
    expect(filter).toMatchObject({ entity: undefined, entityId: undefined, action: undefined });
    await expect(listAuditEntries(testDb(), await actor("ADMIN"), filter)).resolves.toHaveProperty("rows");
  });

  it("in a picker's search is refused (the picker then offers nothing)", () => {
    expect(ZPickerSearch.safeParse(withNul).success).toBe(false);
  });

  it("in a form's text field is a field error with its own message", () => {
    for (const schema of [zText(100), zOptionalText(100)]) {
      const result = schema.safeParse(withNul);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("noNul");
    }
    expect(zText(100).safeParse("恒宁 x").success).toBe(true);
  });
});
