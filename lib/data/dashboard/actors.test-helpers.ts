/**
 * For tests of the dashboard's numbers: two fresh units (U, a county, and V,
 * a district) and a city unit, with the people whose scopes the numbers are
 * checked for. Fresh units keep other test files' data out of the numbers.
 */
import { makeUnit, makeUser, testDb } from "@/test/factories";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "./sql";

export async function makeDashboardActor(role: Role, unitId: number): Promise<Actor> {
  const unit = await testDb().unit.findUniqueOrThrow({ where: { id: unitId } });
  const user = await makeUser({ role, unitId });
  return { id: user.id, role, unitId, unitIsCity: unit.kind === "CITY" };
}

export async function makeDashboardActors() {
  const U = (await makeUnit("COUNTY")).id;
  const V = (await makeUnit("DISTRICT")).id;
  const city = (await makeUnit("CITY")).id;
  const [managerU, officerA, officerB, managerV, officerV, admin, cityManager] = await Promise.all([
    makeDashboardActor("MANAGER", U),
    makeDashboardActor("OFFICER", U),
    makeDashboardActor("OFFICER", U),
    makeDashboardActor("MANAGER", V),
    makeDashboardActor("OFFICER", V),
    makeDashboardActor("ADMIN", city),
    makeDashboardActor("MANAGER", city),
  ]);
  return { U, V, managerU, officerA, officerB, managerV, officerV, admin, cityManager };
}
