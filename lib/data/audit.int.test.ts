import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { AUDIT_PAGE_SIZE, listAuditEntries, auditFilterOptions, auditHref, fromSearchParams, toSearchParams, ZAuditFilter } from "@/lib/data/audit";
import { makeUser, testDb, uniq } from "@/test/factories";

describe("the audit viewer", () => {
  it("filters by user, entity and action, newest first, with the difference of each entry", async () => {
    const viewer = await makeUser({ role: "ADMIN" });
    const actor = await makeUser();
    const entity = `thing_${uniq()}`;
    await writeAudit(testDb(), { actorId: actor.id, action: `${entity}.create`, entity, entityId: 1, after: { name: "A", n: 1 } });
    await writeAudit(testDb(), { actorId: actor.id, action: `${entity}.update`, entity, entityId: 1, before: { name: "A", n: 1 }, after: { name: "B", n: 1 } });

    const all = await listAuditEntries(testDb(), viewer, ZAuditFilter.parse({ userId: String(actor.id), entity }));
    expect(all.rows.map((r) => r.action)).toEqual([`${entity}.update`, `${entity}.create`]);
    expect(all.rows[0].diff).toEqual([{ key: "name", before: "A", after: "B" }]);
    expect(all.rows[0].actor).toMatchObject({ id: actor.id });
    expect(all.nextCursor).toBeNull();

    const updates = await listAuditEntries(testDb(), viewer, ZAuditFilter.parse({ action: `${entity}.update` }));
    expect(updates.rows).toHaveLength(1);

    const options = await auditFilterOptions(testDb(), viewer);
    expect(options.entities).toContain(entity);
    expect(options.actions).toContain(`${entity}.create`);
  });

  it("filters by Shanghai calendar days and pages by 50 without skipping or repeating", async () => {
    const viewer = await makeUser({ role: "ADMIN" });
    const entity = `paged_${uniq()}`;
    // 2024-03-01 00:30 in Shanghai is 2024-02-29 16:30 UTC: it belongs to March 1st.
    const base = new Date("2024-02-29T16:30:00Z");
    await testDb().auditLog.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ action: `${entity}.x`, entity, entityId: String(i), at: new Date(base.getTime() + (i % 3) * 1000) })),
    });
    await testDb().auditLog.create({ data: { action: `${entity}.x`, entity, entityId: "before", at: new Date("2024-02-29T15:59:59Z") } });

    const day = ZAuditFilter.parse({ entity, from: "2024-03-01", to: "2024-03-01" });
    const first = await listAuditEntries(testDb(), viewer, day);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEntries(testDb(), viewer, { ...day, before: first.nextCursor! });
    expect(second.rows).toHaveLength(5);
    const ids = [...first.rows, ...second.rows].map((r) => r.entityId);
    expect(new Set(ids).size).toBe(AUDIT_PAGE_SIZE + 5);
    expect(ids).not.toContain("before");
    const times = [...first.rows, ...second.rows].map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const feb = await listAuditEntries(testDb(), viewer, ZAuditFilter.parse({ entity, to: "2024-02-29" }));
    expect(feb.rows.map((r) => r.entityId)).toEqual(["before"]);
  });

  it("ignores malformed URL parameters and refuses non-admins", async () => {
    expect(fromSearchParams({ userId: "abc", from: "yesterday", before: "x" })).toEqual({});
    // Read and written as the project filter is: the first of repeated parameters, and back.
    const filter = fromSearchParams(new URLSearchParams("userId=7&userId=8&entity=project&from=2024-03-01&action="));
    expect(filter).toEqual({ userId: 7, entity: "project", from: "2024-03-01" });
    expect(fromSearchParams(toSearchParams(filter))).toEqual(filter);
    expect(auditHref({ ...filter, from: undefined })).toBe("/admin/audit?userId=7&entity=project");
    const manager = await makeUser({ role: "MANAGER" });
    await expect(listAuditEntries(testDb(), manager, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(auditFilterOptions(testDb(), manager)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
