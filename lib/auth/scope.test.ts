import { describe, expect, it } from "vitest";
import { allowedUnitIds, projectScope, seesAllUnits } from "@/lib/auth/scope";

const county = { unitId: 7, unitIsCity: false };
const city = { unitId: 1, unitIsCity: true };

describe("project scope", () => {
  it("limits officers to their unit, even at city level", () => {
    expect(projectScope({ role: "OFFICER", ...county })).toEqual({ unitId: 7 });
    expect(projectScope({ role: "OFFICER", ...city })).toEqual({ unitId: 1 });
  });
  it("limits a county manager to the county and lets a city manager see all", () => {
    expect(projectScope({ role: "MANAGER", ...county })).toEqual({ unitId: 7 });
    expect(projectScope({ role: "MANAGER", ...city })).toEqual({});
    expect(seesAllUnits({ role: "MANAGER", ...city })).toBe(true);
  });
  it("lets admins see everything", () => {
    expect(projectScope({ role: "ADMIN", ...county })).toEqual({});
    expect(allowedUnitIds({ role: "ADMIN", ...county })).toBeNull();
  });
});
