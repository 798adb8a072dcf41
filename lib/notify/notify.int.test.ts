/**
 * Issue 17 end to end below the browser: the scan on real PostgreSQL, a real
 * SMTP server and a real HTTP receiver for the chat robots, with "now" set by
 * each test. On a database of its own, so the receivers must get exactly the
 * messages expected and nothing else.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { startSmtpReceiver, startWebhookReceiver } from "@/test/notify-receivers";
import { tick } from "@/lib/notify/worker";
import { transportsFromEnv, type Transports } from "@/lib/notify/channels";
import { sendDue } from "@/lib/notify/deliver";
import { startNotifyWorker } from "@/lib/notify/worker";
import type { NotificationKind, Role } from "@/lib/generated/prisma/enums";
import { randomUUID } from "node:crypto";
import { reassignOwner } from "@/lib/data/projects";
import { issueSupervision } from "@/lib/data/supervision";

const DAY = 86_400_000;
/** 08:00 in Shanghai on a given day (before the 08:30 digest, which its own tests ask for). */
const at = (ymd: string, hhmm = "08:00") => new Date(`${ymd}T${hhmm}:00+08:00`);
const date = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

let own: { url: string; dispose: () => Promise<void> };
let db: Db;
let db2: Db;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let transports: Transports;
let n = 0;

beforeAll(async () => {
  own = await ownDatabase("crm_notify");
  db = createPrismaClient(own.url, 6);
  db2 = createPrismaClient(own.url, 6);
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver();
  transports = transportsFromEnv({ SMTP_URL: smtp.url, SMTP_FROM: "crm@bureau.test", NEXTAUTH_URL: "https://crm.bureau.test" });
  // The events' own inserts (reassignment, supervision) read SMTP_URL from the environment, as in production.
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await db?.$disconnect();
  await db2?.$disconnect();
  await smtp?.close();
  await hooks?.close();
  await own?.dispose();
});

beforeEach(async () => {
  // Each test starts from no people and no reminders (its own database: nothing else writes here).
  await db.$executeRawUnsafe(`TRUNCATE notification, notification_delivery, notification_preference, unit_chat_webhook, notification_setting, notification_start, supervision_order, commitment, project, company, app_user, unit RESTART IDENTITY CASCADE`);
  // Reminders have been on for years (the first deployment's rule has its own test, which starts them itself).
  await db.notificationStart.create({ data: { id: 1, since: date("2000-01-01") } });
  smtp.mails.length = 0;
  hooks.posts.length = 0;
  hooks.state.failing = false;
});

async function unit(kind: "CITY" | "COUNTY" = "COUNTY", robots: ("WECOM" | "DINGTALK")[] = [], secret: string | null = null) {
  const u = await db.unit.create({ data: { code: `u${++n}`, nameZh: `县${n}`, nameEn: `County ${n}`, kind } });
  for (const channel of robots) {
    await db.unitChatWebhook.create({ data: { unitId: u.id, channel, url: `${hooks.base}/${channel.toLowerCase()}/${u.id}?access_token=t${u.id}`, secret: channel === "DINGTALK" ? secret : null } });
  }
  return u;
}
async function user(unitId: number, role: Role = "OFFICER", opts: { locale?: "en" | "zh-CN"; disabled?: boolean; muted?: NotificationKind[]; channels?: ("EMAIL" | "WECOM" | "DINGTALK")[] } = {}) {
  const u = await db.user.create({ data: { email: `p${++n}@bureau.test`, name: `Person ${n}`, passwordHash: "x", role, unitId, disabledAt: opts.disabled ? new Date() : null } });
  if (opts.locale || opts.muted || opts.channels) {
    await db.notificationPreference.create({ data: { userId: u.id, locale: opts.locale ?? "zh-CN", mutedKinds: opts.muted ?? [], channels: opts.channels ?? ["EMAIL", "WECOM", "DINGTALK"] } });
  }
  return u;
}
async function project(unitId: number, ownerId: number, nextFollowUpOn: string | null, title = `Project ${++n}`) {
  const company = await db.company.create({ data: { nameZh: `企业${++n}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return db.project.create({ data: { companyId: company.id, title, unitId, ownerId, stage: "NEGOTIATION", nextFollowUpOn: nextFollowUpOn ? date(nextFollowUpOn) : null, firstContactOn: date("2026-06-01"), lastRoundOn: date("2026-06-10") } });
}
const notes = (userId: number, kind?: NotificationKind) => db.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) }, orderBy: { id: "asc" } });
const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

describe("a follow-up that falls due", () => {
  it("reaches its owner once in the app, by email and in the unit's WeCom group, however often and by however many workers the scan runs", async () => {
    const county = await unit("COUNTY", ["WECOM"]);
    const officer = await user(county.id, "OFFICER", { locale: "en" });
    const p = await project(county.id, officer.id, "2026-06-15", "Battery plant");

    // Two workers at once, then one again: one notification, one email, one chat message.
    await Promise.all([tick(db, { now: at("2026-06-15"), transports }), tick(db2, { now: at("2026-06-15"), transports })]);
    await tick(db, { now: at("2026-06-15", "08:20"), transports });

    const due = await notes(officer.id, "FOLLOW_UP_DUE");
    expect(due).toHaveLength(1);
    expect(due[0].projectId).toBe(p.id);
    expect(mailsTo(officer.email).map((m) => m.subject)).toEqual(["Follow up today: Battery plant"]);
    expect(mailsTo(officer.email)[0].raw).toContain(`https://crm.bureau.test/projects/${p.id}`);
    expect(mailsTo(officer.email)[0].raw).toMatch(/Content-Type: text\/html/);
    expect(hooks.posts).toHaveLength(1);
    expect(hooks.posts[0].path).toBe(`/wecom/${county.id}`);
    expect(hooks.posts[0].body.msgtype).toBe("markdown");
    expect(hooks.posts[0].body.markdown?.content).toContain("Follow up today: Battery plant");
  });

  it("is not sent before its day, nor to a disabled owner, nor about a project outside the owner's scope", async () => {
    const county = await unit();
    const other = await unit();
    const officer = await user(county.id);
    const disabled = await user(county.id, "OFFICER", { disabled: true });
    await project(county.id, officer.id, "2026-06-16");
    await project(county.id, disabled.id, "2026-06-15");
    await project(other.id, officer.id, "2026-06-15"); // owned, but in another unit: outside an officer's scope
    await tick(db, { now: at("2026-06-15"), transports });
    expect(await notes(officer.id)).toEqual([]);
    expect(await notes(disabled.id)).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it("is sent in the owner's language (Chinese by default)", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await project(county.id, officer.id, "2026-06-15", "电池厂");
    await tick(db, { now: at("2026-06-15"), transports });
    expect(mailsTo(officer.email).map((m) => m.subject)).toEqual(["今日跟进：电池厂"]);
    expect(mailsTo(officer.email)[0].raw).toContain("Content-Type: text/plain");
  });

  it("follows the owner's preferences: a muted kind is not kept, a channel turned off is not used", async () => {
    const county = await unit("COUNTY", ["WECOM"]);
    const muted = await user(county.id, "OFFICER", { muted: ["FOLLOW_UP_DUE"] });
    const emailOnly = await user(county.id, "OFFICER", { channels: ["EMAIL"] });
    await project(county.id, muted.id, "2026-06-15");
    await project(county.id, emailOnly.id, "2026-06-15");
    await tick(db, { now: at("2026-06-15"), transports });
    expect(await notes(muted.id, "FOLLOW_UP_DUE")).toEqual([]);
    expect(mailsTo(muted.email)).toEqual([]);
    expect(await notes(emailOnly.id, "FOLLOW_UP_DUE")).toHaveLength(1);
    expect(mailsTo(emailOnly.email)).toHaveLength(1);
    expect(hooks.posts).toEqual([]);
  });
});

describe("exactly once", () => {
  it("a worker killed mid-send: its claim expires, another worker sends the message once", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await project(county.id, officer.id, "2026-06-15");
    const now = at("2026-06-15");
    // The first worker claims the delivery and never comes back (the send hangs, as a killed process's would).
    const hanging: Transports = { ...transports, email: () => new Promise(() => undefined) };
    void tick(db, { now, transports: hanging });
    // (The whole scan runs first: on the embedded PGlite of a loaded machine that can take more than poll's default second.)
    await expect.poll(async () => (await db.notificationDelivery.findFirst())?.status, { timeout: 20_000 }).toBe("SENDING");

    // Restarted a minute later: the claim still stands, nothing is sent twice.
    await tick(db2, { now: plus(now, 60_000), transports });
    expect(smtp.mails).toEqual([]);
    // After the claim lapsed: sent once, and only once however often it runs.
    await tick(db2, { now: plus(now, 3 * 60_000), transports });
    await tick(db2, { now: plus(now, 4 * 60_000), transports });
    expect(mailsTo(officer.email)).toHaveLength(1);
    expect(await db.notificationDelivery.findMany({ select: { status: true, attempts: true } })).toEqual([{ status: "SENT", attempts: 2 }]);
  });

  it("through the real queue: two pg-boss workers started together deliver each message once", async () => {
    const county = await unit("COUNTY", ["DINGTALK"]);
    const officer = await user(county.id);
    await project(county.id, officer.id, "2026-06-15");
    const clock = () => at("2026-06-15");
    const workers = await Promise.all([
      startNotifyWorker({ databaseUrl: own.url, db, transports, clock }),
      startNotifyWorker({ databaseUrl: own.url, db: db2, transports, clock }),
    ]);
    try {
      await expect.poll(() => db.notificationDelivery.count({ where: { status: "SENT" } }), { timeout: 30_000, interval: 200 }).toBe(2);
      // Both workers queued a first tick; let both run before counting.
      await expect.poll(async () => (await workers[0].boss.getQueueSize("notify-tick")) ?? 0, { timeout: 30_000, interval: 200 }).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(mailsTo(officer.email)).toHaveLength(1);
    expect(hooks.posts.filter((p) => p.path === `/dingtalk/${county.id}`)).toHaveLength(1);
  });
});

describe("escalation", () => {
  it("follows the ladder: overdue to the owner, again at 3 days, the unit's manager at 5, high-risk at 7 — each once", async () => {
    const county = await unit();
    const elsewhere = await unit();
    const officer = await user(county.id, "OFFICER", { locale: "en" });
    const manager = await user(county.id, "MANAGER", { locale: "en" });
    const otherManager = await user(elsewhere.id, "MANAGER");
    const gone = await user(county.id, "MANAGER", { disabled: true });
    await project(county.id, officer.id, "2026-06-10", "Chip fab");
    const kinds = async (id: number) => (await notes(id)).filter((x) => x.kind !== "DIGEST").map((x) => `${x.kind}:${x.occasion}`);

    await tick(db, { now: at("2026-06-11"), transports });
    expect(await kinds(officer.id)).toEqual(["FOLLOW_UP_OVERDUE:2026-06-10"]);
    await tick(db, { now: at("2026-06-12"), transports });
    expect(await kinds(officer.id)).toEqual(["FOLLOW_UP_OVERDUE:2026-06-10"]);
    await tick(db, { now: at("2026-06-13"), transports });
    expect(await kinds(officer.id)).toEqual(["FOLLOW_UP_OVERDUE:2026-06-10", "ESCALATION:2026-06-10:owner"]);
    expect(await kinds(manager.id)).toEqual([]);
    await tick(db, { now: at("2026-06-14"), transports });
    expect(await kinds(manager.id)).toEqual([]);
    await tick(db, { now: at("2026-06-15"), transports });
    expect(await kinds(manager.id)).toEqual(["ESCALATION:2026-06-10:manager"]);
    await tick(db, { now: at("2026-06-17"), transports });
    await tick(db, { now: at("2026-06-18"), transports });
    expect(await kinds(manager.id)).toEqual(["ESCALATION:2026-06-10:manager", "ESCALATION:2026-06-10:highRisk"]);
    expect(await kinds(otherManager.id)).toEqual([]);
    expect(await kinds(gone.id)).toEqual([]);

    expect(mailsTo(manager.email).map((m) => m.subject)).toEqual(["5 days overdue: Chip fab", "7 days overdue: Chip fab"]);
    expect(mailsTo(manager.email)[1].raw).toContain("high-risk");
    expect(mailsTo(officer.email).map((m) => m.subject)).toEqual(["Follow-up overdue: Chip fab", "3 days overdue: Chip fab"]);
  });

  it("uses the days admins set", async () => {
    await db.notificationSetting.create({ data: { id: 1, digestTime: "08:30", ownerOnlyDays: 1, copyManagerDays: 2, highRiskDays: 3 } });
    const county = await unit();
    const officer = await user(county.id);
    const manager = await user(county.id, "MANAGER");
    await project(county.id, officer.id, "2026-06-10");
    await tick(db, { now: at("2026-06-12"), transports });
    expect((await notes(manager.id, "ESCALATION")).map((x) => x.occasion)).toEqual(["2026-06-10:manager"]);
  });
});

describe("a failing receiver", () => {
  it("is retried with backoff and shown with its error; the other channels are not held up", async () => {
    const county = await unit("COUNTY", ["WECOM", "DINGTALK"], "SEC123");
    const officer = await user(county.id);
    await project(county.id, officer.id, "2026-06-15");
    const now = at("2026-06-15");
    hooks.state.failing = true;
    await tick(db, { now, transports });
    expect(mailsTo(officer.email)).toHaveLength(1); // email went out although both robots failed
    const failed = await db.notificationDelivery.findMany({ where: { channel: { not: "EMAIL" } }, orderBy: { channel: "asc" } });
    expect(failed.map((d) => [d.status, d.attempts, d.lastError])).toEqual([
      ["RETRYING", 1, "HTTP 500 robot down"],
      ["RETRYING", 1, "HTTP 500 robot down"],
    ]);
    expect(failed[0].nextAttemptAt.getTime() - now.getTime()).toBe(60_000);

    hooks.state.failing = false;
    await tick(db, { now: plus(now, 30_000), transports }); // before the backoff: nothing
    expect(hooks.posts).toEqual([]);
    await tick(db, { now: plus(now, 61_000), transports });
    expect(hooks.posts.map((p) => p.path).sort()).toEqual([`/dingtalk/${county.id}`, `/wecom/${county.id}`]);
    // DingTalk's signature: HMAC-SHA256 of "timestamp\nsecret".
    const ding = hooks.posts.find((p) => p.path.startsWith("/dingtalk"))!;
    const ts = ding.query.get("timestamp")!;
    expect(ding.query.get("sign")).toBe(createHmac("sha256", "SEC123").update(`${ts}\nSEC123`).digest("base64"));
    expect(ding.query.get("access_token")).toBe(`t${county.id}`);
    expect(await db.notificationDelivery.count({ where: { status: "SENT" } })).toBe(3);
  });

  it("gives up after the last attempt and says so", async () => {
    const county = await unit("COUNTY", ["WECOM"]);
    const officer = await user(county.id, "OFFICER", { channels: ["WECOM"] });
    await project(county.id, officer.id, "2026-06-15");
    hooks.state.failing = true;
    let now = at("2026-06-15");
    for (let i = 0; i < 8; i++) {
      await sendDue(db, { now, transports }).then(() => tick(db, { now, transports }));
      now = plus(now, 2 * 3_600_000);
    }
    const [d] = await db.notificationDelivery.findMany();
    expect([d.status, d.attempts]).toEqual(["FAILED", 6]);
  });
});

describe("events, written in the writing transaction", () => {
  it("a project reassigned to an officer, and a supervision order issued to them, reach them once, by email too", async () => {
    const county = await unit();
    const manager = await user(county.id, "MANAGER");
    const first = await user(county.id);
    const second = await user(county.id, "OFFICER", { locale: "en" });
    const p = await project(county.id, first.id, null, "Wind farm");
    const actor = { id: manager.id, name: manager.name, role: "MANAGER" as const, unitId: county.id, unitIsCity: false };
    await reassignOwner(db, actor, { projectId: p.id, version: 1, ownerId: second.id });
    await issueSupervision(db, actor, { projectId: p.id, requestId: randomUUID(), requirement: "Sign the land deal", answerDueOn: date("2030-06-20") });
    expect((await notes(second.id)).map((x) => x.kind)).toEqual(["PROJECT_REASSIGNED", "SUPERVISION_ISSUED"]);
    expect(await notes(first.id)).toEqual([]);
    await tick(db, { now: at("2026-06-15"), transports });
    expect(mailsTo(second.email).map((m) => m.subject)).toEqual(["Project reassigned to you: Wind farm", "Supervision order: Wind farm"]);
  });
});

describe("the morning digest", () => {
  it("goes once a day at the time admins set, to each user with something in it, in their language", async () => {
    const county = await unit();
    const officer = await user(county.id, "OFFICER", { locale: "en" });
    const idle = await user(county.id);
    await project(county.id, officer.id, "2026-06-15");
    await project(county.id, officer.id, "2026-06-12");
    await tick(db, { now: at("2026-06-15", "08:29"), transports });
    expect(await notes(officer.id, "DIGEST")).toEqual([]);
    await tick(db, { now: at("2026-06-15", "08:30"), transports });
    await tick(db, { now: at("2026-06-15", "09:30"), transports });
    const digests = await notes(officer.id, "DIGEST");
    expect(digests).toHaveLength(1);
    expect(digests[0].data).toMatchObject({ dueToday: 1, overdue: 1 });
    expect(await notes(idle.id, "DIGEST")).toEqual([]);
    expect(mailsTo(officer.email).map((m) => m.subject)).toContain("Morning digest, 15 Jun 2026");
  });

  it("goes at the time an admin set, not at the default time nor a minute before", async () => {
    await db.notificationSetting.create({ data: { id: 1, digestTime: "09:15", ownerOnlyDays: 3, copyManagerDays: 5, highRiskDays: 7 } });
    const county = await unit();
    const officer = await user(county.id);
    await project(county.id, officer.id, "2026-06-15");
    for (const hhmm of ["08:30", "09:00", "09:14"]) await tick(db, { now: at("2026-06-15", hhmm), transports });
    expect(await notes(officer.id, "DIGEST")).toEqual([]);
    await tick(db, { now: at("2026-06-15", "09:15"), transports });
    await tick(db, { now: at("2026-06-15", "18:00"), transports });
    const digests = await notes(officer.id, "DIGEST");
    expect(digests.map((d) => d.occasion)).toEqual(["2026-06-15"]);
    expect(mailsTo(officer.email).filter((m) => m.subject.startsWith("每日晨报"))).toHaveLength(1);
  });

  it("is made for 500 users with 5,000 projects in one statement, well under a minute", async () => {
    const county = await unit();
    const users = await db.user.createManyAndReturn({ data: Array.from({ length: 500 }, (_, i) => ({ email: `bulk${i}@bureau.test`, name: `Bulk ${i}`, passwordHash: "x", role: "OFFICER" as const, unitId: county.id })) });
    const company = await db.company.create({ data: { nameZh: "批量", countryCode: "CN", ownershipType: "PRIVATE" } });
    await db.project.createMany({ data: users.flatMap((u, i) => Array.from({ length: 10 }, (_, j) => ({ companyId: company.id, title: `B${i}-${j}`, unitId: county.id, ownerId: u.id, nextFollowUpOn: date(j % 2 ? "2026-06-15" : "2026-06-01"), firstContactOn: date("2026-06-01"), lastRoundOn: date("2026-06-10") }))) });
    const started = performance.now();
    const { digest } = await import("@/lib/notify/digest");
    expect(await digest(db, date("2026-06-15"), { email: false })).toBe(500);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("the first deployment", () => {
  it("sends only what became due from the day reminders were switched on; what was already due is in the morning digest", async () => {
    await db.notificationStart.deleteMany(); // an installation whose reminders were never on
    const county = await unit();
    const officer = await user(county.id, "OFFICER", { locale: "en" });
    const manager = await user(county.id, "MANAGER");
    const longOverdue = await project(county.id, officer.id, "2026-05-01"); // 45 days overdue on the first day: every step passed long ago
    const overdueBefore = await project(county.id, officer.id, "2026-06-13"); // overdue since the 14th, the day before
    const overdueToday = await project(county.id, officer.id, "2026-06-14"); // overdue from the 15th, the first day
    const dueToday = await project(county.id, officer.id, "2026-06-15");
    const silent = await project(county.id, officer.id, null);
    await db.project.update({ where: { id: silent.id }, data: { lastRoundOn: date("2026-04-01") } }); // stalled since May
    const kinds = async (userId: number) => (await notes(userId)).map((x) => `${x.kind}:${x.projectId ?? ""}`).sort();

    // The first scan switches reminders on (the 15th): only what became due that day is sent.
    await tick(db, { now: at("2026-06-15"), transports });
    expect((await db.notificationStart.findUniqueOrThrow({ where: { id: 1 } })).since).toEqual(date("2026-06-15"));
    expect(await kinds(officer.id)).toEqual([`FOLLOW_UP_DUE:${dueToday.id}`, `FOLLOW_UP_OVERDUE:${overdueToday.id}`].sort());
    expect(await kinds(manager.id)).toEqual([]);

    // The morning digest counts everything already due: the three overdue follow-ups, the one due today and the
    // project stalled since May (no STALLED reminder: its silence began before the first day).
    await tick(db, { now: at("2026-06-15", "08:30"), transports });
    expect((await notes(officer.id, "DIGEST"))[0].data).toMatchObject({ dueToday: 1, overdue: 3, stalled: 1 });

    // The next days: what becomes due from then on is sent (the 3-day step of the follow-up missed on the 13th,
    // the 16th's new overdue), never the backlog. The switch-on day stays.
    await tick(db, { now: at("2026-06-16"), transports });
    await tick(db, { now: at("2026-06-18"), transports });
    expect(await kinds(officer.id)).toEqual(
      [
        `FOLLOW_UP_DUE:${dueToday.id}`,
        `FOLLOW_UP_OVERDUE:${overdueToday.id}`,
        `FOLLOW_UP_OVERDUE:${dueToday.id}`,
        `ESCALATION:${overdueBefore.id}`, // its 3-day step, the 16th
        `ESCALATION:${overdueToday.id}`, // the 17th
        `ESCALATION:${dueToday.id}`, // the 18th
        `DIGEST:`,
      ].sort(),
    );
    // The manager: the 5-day step of the follow-up missed on the 13th (the 18th), nothing of the backlog one by
    // one; their digest counts the unit's stalled project.
    expect(await kinds(manager.id)).toEqual([`DIGEST:`, `ESCALATION:${overdueBefore.id}`]);
    expect((await notes(manager.id, "DIGEST"))[0].data).toMatchObject({ stalled: 1, dueToday: 0, overdue: 0 });
    expect((await db.notificationStart.findUniqueOrThrow({ where: { id: 1 } })).since).toEqual(date("2026-06-15"));
    void longOverdue;
  });
});

describe("the chat robots' @-mention", () => {
  it("DingTalk carries at.atMobiles and the number in the text, WeCom a text message with mentioned_mobile_list; no number, no mention", async () => {
    const county = await unit("COUNTY", ["WECOM", "DINGTALK"]);
    const withMobile = await user(county.id, "OFFICER", { locale: "en" });
    await db.user.update({ where: { id: withMobile.id }, data: { mobile: "13812345678" } });
    const without = await user(county.id, "OFFICER", { locale: "en" });
    await project(county.id, withMobile.id, "2026-06-15", "Battery plant");
    await project(county.id, without.id, "2026-06-15", "Solar farm");
    await tick(db, { now: at("2026-06-15"), transports });

    const to = (channel: string, title: string) => hooks.posts.filter((x) => x.path === `/${channel}/${county.id}` && JSON.stringify(x.body).includes(title));
    const [ding] = to("dingtalk", "Battery plant");
    expect(ding.body.msgtype).toBe("markdown");
    expect(ding.body.at).toEqual({ atMobiles: ["13812345678"], isAtAll: false });
    expect(ding.body.markdown?.text).toContain("@13812345678");
    const [wecom] = to("wecom", "Battery plant");
    expect(wecom.body.msgtype).toBe("text");
    expect(wecom.body.text?.mentioned_mobile_list).toEqual(["13812345678"]);
    expect(wecom.body.text?.content).toContain("Follow up today: Battery plant");
    expect(wecom.body.text?.content).toMatch(/https:\/\/crm\.bureau\.test\/projects\/\d+/);

    const [dingNone] = to("dingtalk", "Solar farm");
    expect(dingNone.body.at).toBeUndefined();
    expect(dingNone.body.markdown?.text).not.toContain("@");
    expect(to("wecom", "Solar farm")[0].body.msgtype).toBe("markdown");
    expect(hooks.posts).toHaveLength(4);
  });
});

void DAY;
