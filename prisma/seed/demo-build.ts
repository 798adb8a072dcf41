/**
 * Builds every row of the demo in memory, with explicit ids for the rows
 * other rows point at, so inserting them is a handful of createMany calls.
 * A pure function of the seed data and one PRNG: the same rows on every run
 * (the password hash aside, whose salt is random by design).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { COMPANIES, CONTACTS } from "./demo-companies";
import { EVENTS, REFERENCE_ITEMS, UNITS, USERS } from "./demo-data";
import { buildProject, type ProjectBundle, type Resolved } from "./demo-project";
import { addDays, at, createRng, day, DEMO_START } from "./demo-random";
import { planProjects } from "./demo-specs";

export type DemoRows = {
  units: Prisma.UnitCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  referenceItems: Prisma.ReferenceItemCreateManyInput[];
  companies: Prisma.CompanyCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
  events: Prisma.PromotionEventCreateManyInput[];
  projects: Prisma.ProjectCreateManyInput[];
  stageChanges: Prisma.StageChangeCreateManyInput[];
  rounds: Prisma.NegotiationRoundCreateManyInput[];
  contracts: Prisma.ContractCreateManyInput[];
  starts: Prisma.ConstructionStartCreateManyInput[];
  funds: Prisma.FundsInPlaceCreateManyInput[];
};

/** Reference data "exists" from the day the bureau started using the CRM. */
const SETUP_AT = at(DEMO_START, 9);

/** Fixed, so the demo is the same on every run. */
const SEED = 20_220_104;

export function buildDemoRows(passwordHash: string): DemoRows {
  const rng = createRng(SEED);
  const stamps = { createdAt: SETUP_AT, updatedAt: SETUP_AT };

  const units = UNITS.map((u, i) => ({
    id: i + 1,
    code: u.code,
    nameZh: u.nameZh,
    nameEn: u.nameEn,
    kind: u.kind,
    parentId: u.kind === "CITY" ? null : 1, // the city is the first unit
    ...stamps,
  }));
  const unitId = lookup(units, (u) => u.code, "unit");

  const users = USERS.map((u, i) => ({
    id: i + 1,
    email: u.email,
    name: u.name,
    passwordHash,
    role: u.role,
    unitId: unitId(u.unit),
    ...stamps,
  }));

  const referenceItems = REFERENCE_ITEMS.map((item, i) => ({
    id: i + 1,
    kind: item.kind,
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    sortOrder: REFERENCE_ITEMS.filter((other) => other.kind === item.kind).indexOf(item) + 1,
    ...stamps,
  }));

  const events = EVENTS.map((e, i) => ({
    id: i + 1,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    cityZh: e.cityZh,
    cityEn: e.cityEn,
    startsOn: day(e.startsOn),
    endsOn: day(e.endsOn),
    unitId: unitId("city"),
    createdAt: at(addDays(day(e.startsOn), -30), 10), // entered while it was being organised
    updatedAt: at(day(e.endsOn), 18),
  }));

  const resolved: Resolved = {
    units: UNITS.map((u, i) => ({ ...u, id: i + 1 })),
    users: USERS.map((u, i) => ({ ...u, id: i + 1 })),
    companies: COMPANIES.map((c, i) => ({ ...c, id: i + 1 })),
    contacts: CONTACTS,
    referenceId: (kind, code) => referenceItems.find((r) => r.kind === kind && r.code === code)?.id ?? fail(`reference ${kind}/${code}`),
    eventId: (code) => EVENTS.findIndex((e) => e.code === code) + 1 || fail(`event ${code}`),
  };

  const bundles: ProjectBundle[] = [];
  const projectIdByKey = new Map<string, number>();
  for (const { spec, script } of planProjects(rng)) {
    const id = bundles.length + 1;
    const anchorId = spec.anchor ? (projectIdByKey.get(spec.anchor) ?? fail(`anchor ${spec.anchor}`)) : null;
    bundles.push(buildProject(rng, resolved, { id, spec, anchorId, script }));
    if (spec.key) projectIdByKey.set(spec.key, id);
  }

  const companyId = lookup(resolved.companies, (c) => c.key, "company");
  const companies = resolved.companies.map((c) => {
    const own = bundles.filter((b) => b.project.companyId === c.id).map((b) => b.project.createdAt);
    const createdAt = own.length > 0 ? new Date(Math.min(...own.map((d) => d.getTime()))) : SETUP_AT;
    return {
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      countryCode: c.country,
      groupName: c.group ?? null,
      parentId: c.parent ? companyId(c.parent) : null,
      industry: c.industry,
      ownershipType: c.ownership,
      createdAt,
      updatedAt: createdAt,
    };
  });

  const contacts = CONTACTS.map((contact) => {
    const company = companies[companyId(contact.company) - 1];
    const { company: _key, ...fields } = contact;
    return { companyId: company.id, ...fields, createdAt: company.createdAt, updatedAt: company.createdAt };
  });

  return {
    units,
    users,
    referenceItems,
    companies,
    contacts,
    events,
    projects: bundles.map((b) => b.project),
    stageChanges: bundles.flatMap((b) => b.stageChanges),
    rounds: bundles.flatMap((b) => b.rounds),
    contracts: bundles.flatMap((b) => b.contracts),
    starts: bundles.flatMap((b) => b.starts),
    funds: bundles.flatMap((b) => b.funds),
  };
}

function lookup<T>(rows: T[], key: (row: T) => string, what: string): (k: string) => number {
  const ids = new Map(rows.map((row, i) => [key(row), i + 1]));
  return (k) => ids.get(k) ?? fail(`${what} ${k}`);
}

function fail(what: string): never {
  throw new Error(`demo seed: unknown ${what}`);
}
