/**
 * The morning digest's rules (lib/notify/digest.ts) on a database of its own: what it counts is what the
 * user may see (the scope rule, lib/domain/scope.ts / userSeesProjectSql), nothing goes to a disabled user or one
 * who muted it, and read in slices (low priority: a pause after each) with the same result as in one —
 * once per user and day, a run cut short finishing where it stopped. Stalled projects: an officer's own, a
 * manager's unit's, linked to the project list showing exactly those; and a project already stalled when
 * reminders were switched on, which never gets a STALLED reminder, is in the digest.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { digest } from "@/lib/notify/digest";
import { scan } from "@/lib/notify/scan";
import { renderNotification } from "@/lib/notify/render";
import { dingtalkBody, emailOf, wecomBody } from "@/lib/notify/channels";
import { listProjects } from "@/lib/data/project-list";
import { fromSearchParams } from "@/lib/domain/project-filter";
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
  await db.$executeRawUnsafe(`TRUNCATE notification, notification_delivery, notification_preference, notification_start, supervision_order, commitment, contract, project, company, reference_item, app_user, unit RESTART IDENTITY CASCADE`);
});

const unit = (kind: "CITY" | "COUNTY" = "COUNTY") => db.unit.create({ data: { code: `u${++n}`, nameZh: `县${n}`, nameEn: `County ${n}`, kind } });
async function user(unitId: number, role: Role = "OFFICER", opts: { disabled?: boolean; muted?: NotificationKind[] } = {}) {
  const u = await db.user.create({ data: { email: `d${++n}@bureau.test`, name: `Person ${n}`, passwordHash: "x", role, unitId, disabledAt: opts.disabled ? new Date() : null } });
  if (opts.muted) await db.notificationPreference.create({ data: { userId: u.id, mutedKinds: opts.muted } });
  return u;
}
async function project(unitId: number, ownerId: number, opts: { followUp?: string; stage?: "NEGOTIATION" | "SIGNED" | "OPERATING"; lastRound?: string } = {}) {
  const company = await db.company.create({ data: { nameZh: `企业${++n}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return db.project.create({
    data: { companyId: company.id, title: `P${n}`, unitId, ownerId, stage: opts.stage ?? "NEGOTIATION", nextFollowUpOn: opts.followUp ? date(opts.followUp) : null, firstContactOn: date("2026-01-05"), lastRoundOn: date(opts.lastRound ?? "2026-06-10") },
  });
}
/** Silent since April: past the 30-day limit (the default) on the 15th of June. */
const stalled = (unitId: number, ownerId: number) => project(unitId, ownerId, { lastRound: "2026-04-01" });
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

describe("stalled projects", () => {
  /** The project list an actor sees behind the digest's stalled link: its ids. */
  async function listBehind(u: { id: number; role: Role; unitId: number }, href: string) {
    const unitIsCity = (await db.unit.findUniqueOrThrow({ where: { id: u.unitId } })).kind === "CITY";
    const filter = fromSearchParams(new URL(href, "http://crm.test").searchParams);
    const list = await listProjects(db, { ...u, unitIsCity }, filter, new Date("2026-06-15T04:00:00Z"));
    return list.rows.map((r) => r.id).sort((a, b) => a - b);
  }
  const digestRow = async (userId: number) => db.notification.findFirstOrThrow({ where: { userId, kind: "DIGEST" } });
  const linkOf = async (userId: number) => renderNotification({ ...(await digestRow(userId)), projectTitle: null }, "en").links;

  it("an officer counts their own in their unit, not another unit's; a manager their unit's whoever owns them; the link lists exactly those", async () => {
    const city = await unit("CITY");
    const county = await unit();
    const other = await unit();
    const officer = await user(county.id);
    const colleague = await user(county.id);
    const manager = await user(county.id, "MANAGER");
    const otherManager = await user(other.id, "MANAGER");
    const boss = await user(city.id, "MANAGER");
    const mine = await stalled(county.id, officer.id);
    const away = await stalled(other.id, officer.id); // owned by the officer, but another unit's: outside their scope
    const theirs = await stalled(county.id, colleague.id);
    await project(county.id, officer.id, { lastRound: "2026-06-01" }); // talked two weeks ago: not stalled
    await project(county.id, officer.id, { stage: "OPERATING", lastRound: "2026-01-10" }); // operating does not stall

    // In slices of one project id each: a unit's count adds up across slices.
    expect(await digest(db, TODAY, { email: false, slices: 10, minSliceIds: 1 })).toBe(5);
    expect(await digestOf(officer.id)).toEqual([expect.objectContaining({ stalled: 1, stalledOwnerId: officer.id })]);
    expect(await digestOf(colleague.id)).toEqual([expect.objectContaining({ stalled: 1 })]);
    expect(await digestOf(manager.id)).toEqual([expect.objectContaining({ stalled: 2, stalledOwnerId: null, dueToday: 0, overdue: 0 })]);
    expect(await digestOf(otherManager.id)).toEqual([expect.objectContaining({ stalled: 1 })]);
    expect(await digestOf(boss.id)).toEqual([expect.objectContaining({ stalled: 3 })]);

    // Each link opens the project list on what was counted, in the reader's scope.
    expect(await linkOf(officer.id)).toEqual([{ label: "1 stalled project: see the list", href: `/projects?ownerId=${officer.id}&stalled=0` }]);
    expect(await listBehind(officer, (await linkOf(officer.id))[0].href)).toEqual([mine.id]);
    expect(await linkOf(manager.id)).toEqual([{ label: "2 stalled projects: see the list", href: "/projects?stalled=0" }]);
    expect(await listBehind(manager, (await linkOf(manager.id))[0].href)).toEqual([mine.id, theirs.id]);
    expect(await listBehind(otherManager, (await linkOf(otherManager.id))[0].href)).toEqual([away.id]);
    expect(await listBehind(boss, (await linkOf(boss.id))[0].href)).toEqual([mine.id, away.id, theirs.id].sort((a, b) => a - b));
  });

  it("a project already stalled when reminders were switched on gets no STALLED reminder, and is in the digest", async () => {
    const county = await unit();
    const officer = await user(county.id);
    const silent = await stalled(county.id, officer.id);
    // The first scan (07:00 in Beijing) switches reminders on: the silence started before, so no reminder.
    await scan(db, { now: new Date("2026-06-14T23:00:00Z"), email: false });
    expect(await db.notification.count({ where: { userId: officer.id, kind: "STALLED" } })).toBe(0);
    // The 08:30 scan writes the digest: the stalled project is counted there.
    await scan(db, { now: new Date("2026-06-15T00:30:00Z"), email: false });
    expect(await digestOf(officer.id)).toEqual([expect.objectContaining({ stalled: 1, dueToday: 0, overdue: 0, red: 0 })]);
    expect(await listBehind(officer, (await linkOf(officer.id))[0].href)).toEqual([silent.id]);
  });

  it("is said in both languages, in the app, the email (text and HTML) and both chat robots, with its link", async () => {
    const county = await unit();
    const officer = await user(county.id);
    for (let i = 0; i < 2; i++) await stalled(county.id, officer.id);
    await digest(db, TODAY, { email: false });
    const row = { ...(await digestRow(officer.id)), projectTitle: null };
    const href = `/projects?ownerId=${officer.id}&stalled=0`;
    const url = `https://crm.test${href}`;
    const zh = renderNotification(row, "zh-CN");
    const en = renderNotification(row, "en");
    expect(zh.body).toContain("停滞项目 2 个");
    expect(en.body).toContain("stalled projects: 2");
    expect(zh.links).toEqual([{ label: "查看 2 个停滞项目", href }]);
    expect(en.links).toEqual([{ label: "2 stalled projects: see the list", href }]);

    const mail = emailOf(zh, officer.email, { open: "打开", footer: "页脚" }, "https://crm.test");
    expect(mail.text).toContain(`查看 2 个停滞项目: ${url}`);
    expect(mail.html).toContain(`<a href="${url.replace("&", "&amp;")}">查看 2 个停滞项目</a>`);
    expect(JSON.stringify(wecomBody(en, "Li", "Open", "https://crm.test"))).toContain(JSON.stringify(`[2 stalled projects: see the list](${url})`).slice(1, -1));
    expect(JSON.stringify(wecomBody(en, "Li", "Open", "https://crm.test", "13800000000"))).toContain(JSON.stringify(`2 stalled projects: see the list: ${url}`).slice(1, -1));
    expect(JSON.stringify(dingtalkBody(zh, "李", "打开", "https://crm.test"))).toContain(JSON.stringify(`[查看 2 个停滞项目](${url})`).slice(1, -1));
    // A digest without stalled projects has no such link.
    expect(renderNotification({ ...row, data: { ...(row.data as object), stalled: 0 } }, "en").links).toEqual([]);
  });
});
