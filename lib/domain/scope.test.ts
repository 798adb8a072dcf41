import { describe, expect, it } from "vitest";
import type { ProjectFilter } from "@/lib/domain/project-filter";
import { allowedUnitIds, ownWorkFilter, scopeKey, seesAllUnits, unitInScope, withOwnWork } from "@/lib/domain/scope";

const county = { unitId: 7, unitIsCity: false };
const city = { unitId: 1, unitIsCity: true };

describe("project scope", () => {
  it("limits officers to their unit, even at city level", () => {
    expect(allowedUnitIds({ role: "OFFICER", ...county })).toEqual([7]);
    expect(allowedUnitIds({ role: "OFFICER", ...city })).toEqual([1]);
    expect(unitInScope({ role: "OFFICER", ...county }, 1)).toBe(false);
  });
  it("limits a county manager to the county and lets a city manager see all", () => {
    expect(allowedUnitIds({ role: "MANAGER", ...county })).toEqual([7]);
    expect(allowedUnitIds({ role: "MANAGER", ...city })).toBeNull();
    expect(seesAllUnits({ role: "MANAGER", ...city })).toBe(true);
    expect(scopeKey({ role: "MANAGER", ...county })).toBe(scopeKey({ role: "OFFICER", ...county }));
  });
  it("lets admins see everything", () => {
    expect(allowedUnitIds({ role: "ADMIN", ...county })).toBeNull();
    expect(unitInScope({ role: "ADMIN", ...county }, 1)).toBe(true);
  });
});

describe("my own work", () => {
  it("is the officer's own projects, as an owner filter; nothing for managers and admins", () => {
    expect(ownWorkFilter({ id: 5, role: "OFFICER" })).toEqual({ ownerId: 5 });
    expect(ownWorkFilter({ id: 5, role: "MANAGER" })).toEqual({});
    expect(ownWorkFilter({ id: 5, role: "ADMIN" })).toEqual({});
  });
  it("is a default: an owner the filter names wins", () => {
    const sector: Partial<ProjectFilter> = { sectorId: 2 };
    const owner: Partial<ProjectFilter> = { ownerId: 9 };
    expect(withOwnWork({ id: 5, role: "OFFICER" }, sector)).toEqual({ sectorId: 2, ownerId: 5 });
    expect(withOwnWork({ id: 5, role: "OFFICER" }, owner)).toEqual({ ownerId: 9 });
    expect(withOwnWork({ id: 5, role: "MANAGER" }, sector)).toEqual({ sectorId: 2 });
  });
});
