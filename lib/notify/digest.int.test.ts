/**
 * The morning digest's rules (lib/notify/digest.ts) on a database of its own: what it counts is what the
 * user may see (the scope rule, lib/domain/scope.ts / userSeesProjectSql), nothing goes to a disabled user or one
 * who muted it, and read in slices (low priority: a pause after each) with the same result as in one —
 * once per user and day, a run cut short finishing where it stopped.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { digest } from "@/lib/notify/digest";
import type { NotificationKind, Role } from "@/lib/generated/prisma/enums";

const date = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const TODAY = date("2026-06-15");

let own: { url: string; dispose: () => Promise<void> };
let db: Db;
let n = 0;

beforeAll(async () => {
  own = await ownDatabase("crm_digest");
  db = createPrismaClient(own.url, 4);
});
afterAll(async () => {
  await db?.$disconnect();
  await own?.dispose();
});
beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE notification, notification_delivery, notification_preference, supervision_order, commitment, contract, project, company, reference_item, app_user, unit RESTART IDENTITY CASCADE`);
});

const unit = (kind: "CITY" | "COUNTY" = "COUNTY") => db.unit.create({ data: { code: `u${++n}`, nameZh: `县${n}`, nameEn: `County ${n}`, kind } });
async function user(unitId: number, role: Role = "OFFICER", opts: { disabled?: boolean; muted?: NotificationKind[] } = {}) {
  const u = await db.user.create({ data: { email: `d${++n}@bureau.test`, name: `Person ${n}`, passwordHash: "x", role, unitId, disabledAt: opts.disabled ? new Date() : null } });
  if (opts.muted) await db.notificationPreference.create({ data: { userId: u.id, mutedKinds: opts.muted } });
  return u;
}
async function project(unitId: number, ownerId: number, opts: { followUp?: string; stage?: "NEGOTIATION" | "SIGNED" } = {}) {
  const company = await db.company.create({ data: { nameZh: `企业${++n}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return db.project.create({
    data: { companyId: company.id, title: `P${n}`, unitId, ownerId, stage: opts.stage ?? "NEGOTIATION", nextFollowUpOn: opts.followUp ? date(opts.followUp) : null, firstContactOn: date("2026-01-05"), lastRoundOn: date("2026-06-10") },
  });
}
/** A signed project with a construction-start promise due `due` and not reached: red once `due` is past. */
async function redMilestone(unitId: number, ownerId: number, due = "2026-06-01") {
  const p = await project(unitId, ownerId, { stage: "SIGNED" });
  const kind = await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: `k${++n}`, nameZh: "正式", nameEn: "Formal" } });
  const k = await db.contract.create({ data: { projectId: p.id, signedOn: date("2026-01-10"), contractedInvestmentCny: "100000000", agreementKindId: kind.id, createdById: ownerId } });
  await db.commitment.create({ data: { projectId: p.id, contractId: k.id, kind: "CONSTRUCTION_START", dueOn: date(due), createdById: ownerId } });
  return p;
}
const digestOf = async (userId: number) => (await db.notification.findMany({ where: { userId, kind: "DIGEST" } })).map((x) => x.data as Record<string, number>);

describe("the digest counts only what the user may see", () => {
  it("a red milestone or red supervision order on a project outside the user's unit is not in an officer's digest", async () => {
    const county = await unit();
    const other = await unit();
    const manager = await user(county.id, "MANAGER");
    const officer = await user(county.id);
    await redMilestone(county.id, officer.id); // theirs, in their unit: counts
    const away = await redMilestone(other.id, officer.id); // owned, but in another unit: outside an officer's scope
    await db.supervisionOrder.create({ data: { projects: { create: [{ projectId: away.id }] }, unitId: other.id, requirement: "Start building", answerDueOn: date("2026-06-10"), assigneeId: officer.id, issuedById: manager.id } });
    expect(await digest(db, TODAY, { email: false })).toBe(1);
    expect(await digestOf(officer.id)).toEqual([expect.objectContaining({ red: 1 })]);
  });

  it("a red supervision order on a project in scope counts, and a city manager's scope is every unit", async () => {
    const city = await unit("CITY");
    const county = await unit();
    const boss = await user(city.id, "MANAGER");
    const p = await project(county.id, boss.id);
    await db.supervisionOrder.create({ data: { projects: { create: [{ projectId: p.id }] }, unitId: county.id, requirement: "Answer", answerDueOn: date("2026-06-10"), assigneeId: boss.id, issuedById: boss.id } });
    await redMilestone(county.id, boss.id);
    expect(await digest(db, TODAY, { email: false })).toBe(1);
    expect(await digestOf(boss.id)).toEqual([expect.objectContaining({ red: 2 })]);
  });
});

describe("who gets one", () => {
  it("every enabled user with something in it, read in slices, once a day: not a disabled one, not one who muted it", async () => {
    const county = await unit();
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await user(county.id));
    const disabled = await user(county.id, "OFFICER", { disabled: true });
    const muted = await user(county.id, "OFFICER", { muted: ["DIGEST"] });
    const idle = await user(county.id);
    for (const u of [...people, disabled, muted]) await project(county.id, u.id, { followUp: "2026-06-15" });
    await project(county.id, people[0].id, { followUp: "2026-06-12" });

    expect(await digest(db, TODAY, { email: false, slices: 3, minSliceIds: 1 })).toBe(5);
    expect(await digestOf(people[0].id)).toEqual([expect.objectContaining({ dueToday: 1, overdue: 1, day: "2026-06-15" })]);
    for (const u of people.slice(1)) expect(await digestOf(u.id)).toEqual([expect.objectContaining({ dueToday: 1, overdue: 0 })]);
    for (const u of [disabled, muted, idle]) expect(await digestOf(u.id)).toEqual([]);
    // Again the same day, however it is sliced: nothing new.
    expect(await digest(db, TODAY, { email: false, slices: 1, minSliceIds: 1 })).toBe(0);
    expect(await db.notification.count({ where: { kind: "DIGEST" } })).toBe(5);
  });

  it("a run cut short is finished by the next one: those who got theirs are not counted again", async () => {
    const county = await unit();
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await user(county.id));
    for (const u of people) await project(county.id, u.id, { followUp: "2026-06-15" });
    // The first two got theirs before the worker stopped.
    await db.notification.createMany({ data: people.slice(0, 2).map((u) => ({ userId: u.id, kind: "DIGEST" as const, subject: "digest", occasion: "2026-06-15", data: {} })) });
    expect(await digest(db, TODAY, { email: false, slices: 4, minSliceIds: 1 })).toBe(2);
    expect(await db.notification.count({ where: { kind: "DIGEST" } })).toBe(4);
  });
});
