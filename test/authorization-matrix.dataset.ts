/**
 * The one dataset of the authorization matrix (test/authorization-matrix.int.test.ts):
 * two counties (A, B) and the city, a user of each role, and in each county a
 * project, an event, a company with a contact and users to act on. Every name
 * an action creates carries `tag`, so `fingerprint()` can tell whether a
 * refused call changed anything.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { createApiToken } from "@/lib/data/api-tokens";
import { makeProject, type TestActor } from "@/lib/data/stage.test-helpers";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Who calls: nobody; an admin whose session ended (signed out, or a revoked API token); or a user of one role
 * (the officer and the county manager belong to county A, the city manager to the city).
 */
export const ACTORS = ["anonymous", "signedOut", "officer", "countyManager", "cityManager", "admin"] as const;
export type ActorName = (typeof ACTORS)[number];
/** Where the record acted on lives: county A (the officer's and county manager's own) or county B. */
export const TARGETS = ["own", "other"] as const;
export type Target = (typeof TARGETS)[number];

export type UnitData = {
  id: number;
  code: string;
  /** Owner of the unit's records; an officer. */
  owner: TestActor & { email: string };
  /** Another officer of the unit: whom a project is reassigned to. */
  reassignee: number;
  /** A user admins act on (role, disable, password). */
  subjectUser: number;
  project: { id: number; title: string };
  /** A signed project, for funds in place. */
  signedProject: number;
  event: number;
  company: { id: number; nameZh: string };
  contact: number;
};

export type Dataset = {
  tag: string;
  units: Record<Target, UnitData>;
  cityUnit: number;
  actors: Record<Exclude<ActorName, "anonymous" | "signedOut">, { id: number; role: Role; apiToken: string }>;
  revokedToken: string;
  /** A unit and a reference item admins rename and retire. */
  subjectUnit: number;
  subjectReference: number;
  allUnitIds: number[];
  allUserIds: number[];
};

const inDays = (days: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days));
};

async function makeUnitData(tag: string): Promise<UnitData> {
  const db = testDb();
  const unit = await makeUnit("COUNTY");
  const ownerRow = await makeUser({ role: "OFFICER", unitId: unit.id });
  const owner = { id: ownerRow.id, name: ownerRow.name, role: ownerRow.role, unitId: unit.id, unitIsCity: false, email: ownerRow.email };
  // One after another, not at once: on the embedded PGlite (npm test without DATABASE_URL) simultaneous
  // writes through its one-backend multiplexer now and then lose a row's answer (a create that returns null).
  const reassignee = await makeUser({ role: "OFFICER", unitId: unit.id });
  const subjectUser = await makeUser({ role: "OFFICER", unitId: unit.id });
  const project = await makeProject(owner);
  const signed = await makeProject(owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: "2023-06-01" });
  const event = await db.promotionEvent.create({
    data: { nameZh: `${tag}推介会${uniq()}`, cityZh: "上海", startsOn: inDays(-10), endsOn: inDays(-9), unitId: unit.id },
  });
  const company = await db.company.findUniqueOrThrow({ where: { id: project.companyId } });
  const contact = await db.contact.create({ data: { companyId: company.id, name: `${tag} contact` } });
  return {
    id: unit.id,
    code: unit.code,
    owner,
    reassignee: reassignee.id,
    subjectUser: subjectUser.id,
    project: { id: project.id, title: project.title },
    signedProject: signed.id,
    event: event.id,
    company: { id: company.id, nameZh: company.nameZh },
    contact: contact.id,
  };
}

/** An API token acting as `userId`: tokens are made by admins, so a non-admin is promoted for the moment it takes. */
async function tokenOf(userId: number, role: Role): Promise<string> {
  const db = testDb();
  if (role !== "ADMIN") await db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
  const created = await createApiToken(db, { id: userId, role: "ADMIN" }, { name: `matrix ${uniq()}`, expiresOn: inDays(30), requestId: randomUUID() });
  if (role !== "ADMIN") await db.user.update({ where: { id: userId }, data: { role } });
  return created.token!;
}

export async function makeDataset(): Promise<Dataset> {
  const db = testDb();
  const tag = `authz${uniq()}`;
  const own = await makeUnitData(tag);
  const other = await makeUnitData(tag);
  const city = await makeUnit("CITY");
  const subjectUnit = await makeUnit("COUNTY");
  const subjectReference = await db.referenceItem.create({ data: { kind: "SOURCE", code: `${tag}-src`, nameZh: `${tag}来源`, nameEn: `${tag} source` } });
  const roles: [keyof Dataset["actors"], Role, number][] = [
    ["officer", "OFFICER", own.id],
    ["countyManager", "MANAGER", own.id],
    ["cityManager", "MANAGER", city.id],
    ["admin", "ADMIN", own.id],
  ];
  const actors = {} as Dataset["actors"];
  for (const [name, role, unitId] of roles) {
    const user = await makeUser({ role, unitId });
    actors[name] = { id: user.id, role, apiToken: await tokenOf(user.id, role) };
  }
  const revoked = await createApiToken(db, { id: actors.admin.id, role: "ADMIN" }, { name: `matrix revoked ${uniq()}`, expiresOn: inDays(30), requestId: randomUUID() });
  await db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  const allUnitIds = [own.id, other.id, city.id, subjectUnit.id];
  const allUserIds = (await db.user.findMany({ where: { unitId: { in: allUnitIds } }, select: { id: true } })).map((u) => u.id);
  return { tag, units: { own, other }, cityUnit: city.id, actors, revokedToken: revoked.token!, subjectUnit: subjectUnit.id, subjectReference: subjectReference.id, allUnitIds, allUserIds };
}

/**
 * Everything of the dataset an action could change, as one value: a refused
 * call must leave it equal. Rows an action creates are found by the dataset's
 * units, its users or `tag` in their names.
 */
export async function fingerprint(ds: Dataset): Promise<unknown> {
  const units = ds.allUnitIds;
  const like = `${ds.tag}%`;
  const [row] = await testDb().$queryRaw<{ f: unknown }[]>`
    WITH p AS (SELECT * FROM project WHERE unit_id = ANY(${units}::int[])),
         co AS (SELECT * FROM company WHERE id IN (SELECT company_id FROM p) OR name_zh LIKE ${like}),
         u AS (SELECT * FROM app_user WHERE unit_id = ANY(${units}::int[]) OR email LIKE ${like})
    SELECT json_build_object(
      'projects', (SELECT json_agg(json_build_array(id, version, stage, owner_id, round_count, title) ORDER BY id) FROM p),
      'stageChanges', (SELECT count(*) FROM stage_change WHERE project_id IN (SELECT id FROM p)),
      'rounds', (SELECT count(*) FROM negotiation_round WHERE project_id IN (SELECT id FROM p)),
      'funds', (SELECT count(*) FROM funds_in_place WHERE project_id IN (SELECT id FROM p)),
      'attachments', (SELECT count(*) FROM attachment WHERE project_id IN (SELECT id FROM p)),
      'events', (SELECT json_agg(json_build_array(id, version, unit_id) ORDER BY id) FROM promotion_event WHERE unit_id = ANY(${units}::int[]) OR name_zh LIKE ${like}),
      'companies', (SELECT json_agg(json_build_array(id, version) ORDER BY id) FROM co),
      'contacts', (SELECT json_agg(json_build_array(id, version) ORDER BY id) FROM contact WHERE company_id IN (SELECT id FROM co)),
      'users', (SELECT json_agg(json_build_array(id, version, role, unit_id, disabled_at, session_version, password_hash) ORDER BY id) FROM u),
      'units', (SELECT json_agg(json_build_array(id, version, retired_at, name_zh) ORDER BY id) FROM unit WHERE id = ANY(${units}::int[]) OR code LIKE ${like}),
      'reference', (SELECT json_agg(json_build_array(id, version, retired_at) ORDER BY id) FROM reference_item WHERE code LIKE ${like}),
      'tokens', (SELECT json_agg(json_build_array(id, revoked_at) ORDER BY id) FROM api_token WHERE created_by_id = ANY(${ds.allUserIds}::int[])),
      'audit', (SELECT count(*) FROM audit_log WHERE actor_id = ANY(${ds.allUserIds}::int[])
                  AND action NOT IN ('access.denied', 'api_token.use', 'api_token.refused'))
    ) AS f`;
  return row.f;
}

/** The record's current version, for an input that must not be a stale edit. */
export async function versionOf(table: "project" | "promotion_event" | "company" | "contact" | "app_user" | "unit" | "reference_item", id: number) {
  const [row] = await testDb().$queryRaw<{ version: number }[]>`SELECT version FROM ${Prisma.raw(`"${table}"`)} WHERE id = ${id}`;
  return row.version;
}

/** A user's session version now (what a valid session cookie of theirs carries). */
export async function sessionVersionOf(userId: number): Promise<number> {
  return (await testDb().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } })).sessionVersion;
}
