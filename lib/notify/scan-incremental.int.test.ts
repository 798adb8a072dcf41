/**
 * The minute scan looks at what changed (lib/notify/scan.ts, migration 20261201200000_notify_scan_incremental),
 * on real PostgreSQL with "now" set by each test. The oracle is the scan as it was before: every rule over
 * everything (`full: true`), run first in a transaction that is rolled back, so the test knows what it would have
 * added at that moment; the incremental scan that follows must add exactly that — no reminder missed, none extra.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countStatements, createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { scan } from "@/lib/notify/scan";
import { reassignOwner } from "@/lib/data/projects";
import { addSupervisionStep, issueSupervision } from "@/lib/data/supervision";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind, Role } from "@/lib/generated/prisma/enums";

/** 08:00 in Shanghai (before the digest's default 08:30, which is not this file's subject). */
const at = (ymd: string, hhmm = "08:00") => new Date(`${ymd}T${hhmm}:00+08:00`);
const date = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

let own: { url: string; dispose: () => Promise<void> };
let db: Db;
let db2: Db;
let n = 0;
/** Statements sent by `db` to PostgreSQL (every query on its pool's connections, BEGIN/COMMIT included). */
let statements: () => number;

beforeAll(async () => {
  own = await ownDatabase("crm_scan_inc");
  db = createPrismaClient(own.url, 4);
  db2 = createPrismaClient(own.url, 4);
  statements = countStatements(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await db2?.$disconnect();
  await own?.dispose();
});

beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE notification, notification_delivery, notification_preference, notification_setting, notification_start, installation_setting,
    supervision_order, commitment, commitment_actual, contract, reference_item, project, company, app_user, unit, notify_change RESTART IDENTITY CASCADE`);
  // Reminders have been on for years (the first deployment's rule has its own test below, which starts them itself).
  await db.notificationStart.create({ data: { id: 1, since: date("2000-01-01") } });
});

const unit = (kind: "CITY" | "COUNTY" = "COUNTY") => db.unit.create({ data: { code: `u${++n}`, nameZh: `县${n}`, nameEn: `County ${n}`, kind } });
async function user(unitId: number, role: Role = "OFFICER", opts: { disabled?: boolean; muted?: NotificationKind[] } = {}) {
  const u = await db.user.create({ data: { email: `s${++n}@bureau.test`, name: `Person ${n}`, passwordHash: "x", role, unitId, disabledAt: opts.disabled ? new Date() : null } });
  if (opts.muted) await db.notificationPreference.create({ data: { userId: u.id, mutedKinds: opts.muted } });
  return u;
}
async function project(unitId: number, ownerId: number, opts: { followUp?: string | null; stage?: "NEGOTIATION" | "SIGNED"; lastRound?: string } = {}) {
  const company = await db.company.create({ data: { nameZh: `企业${++n}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  return db.project.create({
    data: {
      companyId: company.id, title: `P${n}`, unitId, ownerId, stage: opts.stage ?? "NEGOTIATION",
      nextFollowUpOn: opts.followUp ? date(opts.followUp) : null, firstContactOn: date("2026-01-05"), lastRoundOn: date(opts.lastRound ?? "2026-06-10"),
    },
  });
}
/** A signed project with a construction-start promise due `due`, not reached: yellow within 30 days of it, red after. */
async function milestone(unitId: number, ownerId: number, due: string) {
  const p = await project(unitId, ownerId, { stage: "SIGNED" });
  const kind = await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: `k${++n}`, nameZh: "正式", nameEn: "Formal" } });
  const k = await db.contract.create({ data: { projectId: p.id, signedOn: date("2026-01-10"), contractedInvestmentCny: "100000000", agreementKindId: kind.id, createdById: ownerId } });
  const m = await db.commitment.create({ data: { projectId: p.id, contractId: k.id, kind: "CONSTRUCTION_START", dueOn: date(due), createdById: ownerId } });
  return { project: p, commitment: m };
}
const actor = (u: { id: number; name: string; role: Role; unitId: number }, unitIsCity = false) => ({ id: u.id, name: u.name, role: u.role, unitId: u.unitId, unitIsCity });

type Key = string;
const lastId = async (c: Pick<Db, "$queryRaw">) => (await c.$queryRaw<{ id: bigint }[]>`SELECT COALESCE(max(id), 0)::bigint AS id FROM notification`)[0].id;
const keysAfter = async (c: Pick<Db, "$queryRaw">, id: bigint): Promise<Key[]> =>
  (await c.$queryRaw<{ k: string }[]>`SELECT user_id || ' ' || kind || ' ' || subject || ' ' || occasion AS k FROM notification WHERE id > ${id} ORDER BY 1`).map((r) => r.k);

const ROLLBACK = new Error("rolled back on purpose");
/** What the scan before the watermark (every rule over everything) would add at `now`: run in a transaction rolled back. */
async function fullScanWouldAdd(now: Date): Promise<Key[]> {
  let keys: Key[] = [];
  await db
    .$transaction(async (tx) => {
      const before = await lastId(tx);
      await scan(tx as unknown as Db, { now, email: false, full: true });
      keys = await keysAfter(tx, before);
      throw ROLLBACK;
    }, { timeout: 60_000, maxWait: 10_000 })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return keys;
}
/** The incremental scan at `now` (on `client`), checked against what a full scan would have added. Returns what it added. */
async function scanLikeFull(now: Date, client: Db = db): Promise<Key[]> {
  const expected = await fullScanWouldAdd(now);
  const before = await lastId(db);
  await scan(client, { now, email: false });
  const added = await keysAfter(db, before);
  expect(added).toEqual(expected);
  return added;
}
const kinds = (keys: Key[]) => keys.map((k) => k.split(" ").slice(1, 2).concat(k.split(" ").slice(3)).join(" "));

/**
 * This transaction's counters: rows of `project` read (sequential scans' rows plus every index's entries) and rows
 * written to any table. The backend's pending counters may still hold an earlier transaction's (PostgreSQL flushes
 * them at most once a second, when idle outside a transaction), so a scan is measured as the difference of two
 * readings in its own transaction, between which nothing is flushed.
 */
const COUNTERS = Prisma.sql`
  SELECT ((SELECT COALESCE(sum(seq_tup_read), 0) FROM pg_stat_xact_user_tables WHERE relname = 'project')
        + (SELECT COALESCE(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = 'project'::regclass))::int AS project_rows,
         (SELECT COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables)::int AS written`;

/** One scan in a transaction of its own (committed): project rows it read, rows it wrote, statements it sent. */
async function measured(now: Date, opts: { full?: boolean } = {}) {
  return db.$transaction(async (tx) => {
    const [a] = await tx.$queryRaw<{ project_rows: number; written: number }[]>(COUNTERS);
    const s0 = statements();
    await scan(tx as unknown as Db, { now, email: false, full: opts.full });
    const sent = statements() - s0;
    const [b] = await tx.$queryRaw<{ project_rows: number; written: number }[]>(COUNTERS);
    return { projectRows: b.project_rows - a.project_rows, written: b.written - a.written, statements: sent };
  }, { timeout: 60_000, maxWait: 10_000 });
}

describe("the cost of the minute scan", () => {
  it("a second scan with nothing changed reads no project and writes nothing; after one edit it reads that project, not all", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await user(county.id, "MANAGER");
    const company = await db.company.create({ data: { nameZh: "批量", countryCode: "CN", ownershipType: "PRIVATE" } });
    // 1,500 projects: follow-ups due today to 11 days overdue, silences of up to two months (some stalled).
    await db.$executeRaw`
      INSERT INTO project (company_id, title, unit_id, owner_id, stage, next_follow_up_on, first_contact_on, last_round_on, updated_at)
      SELECT ${company.id}, 'Bulk ' || g, ${county.id}, ${officer.id}, 'NEGOTIATION', DATE '2026-06-15' - (g % 12), DATE '2026-01-01', DATE '2026-06-10' - (g % 60), now()
        FROM generate_series(1, 1500) g`;
    await db.$executeRawUnsafe(`ANALYZE project; ANALYZE app_user`);

    const first = await measured(at("2026-06-15"));
    expect(first.written).toBeGreaterThan(1500); // every reminder of 1,500 projects
    expect(first.projectRows).toBeGreaterThanOrEqual(1500);

    // The same minute again: no rule runs. It reads the watermark and the change log, and writes nothing at all.
    const idle = await measured(at("2026-06-15", "08:01"));
    expect(idle).toEqual({ projectRows: 0, written: 0, statements: 3 }); // notification_start, the watermark and changes, the ladder
    // …where the scan before this change read every project again and wrote no reminder either (1 row: the watermark).
    const idleFull = await measured(at("2026-06-15", "08:01"), { full: true });
    expect(idleFull.written).toBe(1);
    expect(idleFull.projectRows).toBeGreaterThanOrEqual(1500);

    // One follow-up moved six days into the past: only that project is read, and its reminders are the full scan's.
    const [moved] = await db.$queryRaw<{ id: number }[]>`SELECT id FROM project ORDER BY id LIMIT 1`;
    await db.project.update({ where: { id: moved.id }, data: { nextFollowUpOn: date("2026-06-09") } });
    const expected = await fullScanWouldAdd(at("2026-06-15", "08:02"));
    expect(expected.length).toBeGreaterThan(0);
    const before = await lastId(db);
    const edited = await measured(at("2026-06-15", "08:02"));
    expect(await keysAfter(db, before)).toEqual(expected);
    expect(edited.projectRows).toBeLessThan(30);
    expect(edited.projectRows).toBeGreaterThan(0);

    // The next morning: what the new day made due, as the full scan finds it.
    await scanLikeFull(at("2026-06-16"));
    expect((await measured(at("2026-06-16", "08:01"))).written).toBe(0);
  });
});

describe("each edge gives the reminders a full scan would", () => {
  it("a follow-up edited into the past the same day: overdue and every step it has reached, to the owner and the managers", async () => {
    const county = await unit();
    const officer = await user(county.id);
    const manager = await user(county.id, "MANAGER");
    const p = await project(county.id, officer.id, { followUp: "2026-06-20" });
    await scanLikeFull(at("2026-06-15"));
    await db.project.update({ where: { id: p.id }, data: { nextFollowUpOn: date("2026-06-07") } });
    const added = await scanLikeFull(at("2026-06-15", "08:20"));
    expect(kinds(added).sort()).toEqual(["ESCALATION 2026-06-07:highRisk", "ESCALATION 2026-06-07:manager", "ESCALATION 2026-06-07:owner", "FOLLOW_UP_OVERDUE 2026-06-07"]);
    expect(added.filter((k) => k.startsWith(`${manager.id} `))).toHaveLength(2);
  });

  it("a project reassigned: the new owner gets what is due on it", async () => {
    const county = await unit();
    const manager = await user(county.id, "MANAGER");
    const first = await user(county.id);
    const second = await user(county.id);
    const p = await project(county.id, first.id, { followUp: "2026-06-11" });
    await scanLikeFull(at("2026-06-15"));
    await reassignOwner(db, actor(manager), { projectId: p.id, version: 1, ownerId: second.id });
    const added = await scanLikeFull(at("2026-06-15", "08:10"));
    expect(added.filter((k) => k.startsWith(`${second.id} `)).map((k) => k.split(" ")[1]).sort()).toEqual(["ESCALATION", "FOLLOW_UP_OVERDUE"]);
  });

  it("the escalation days and the stall limits changed by an admin: everything is checked again once", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await user(county.id, "MANAGER");
    await project(county.id, officer.id, { followUp: "2026-06-13" }); // 2 days overdue: no step yet at 3/5/7
    await project(county.id, officer.id, { lastRound: "2026-05-30" }); // silent 16 days: not stalled at 30
    await scanLikeFull(at("2026-06-15"));
    await db.notificationSetting.create({ data: { id: 1, ownerOnlyDays: 2, copyManagerDays: 4, highRiskDays: 6 } });
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:10")))).toEqual(["ESCALATION 2026-06-13:owner"]);
    await db.installationSetting.create({ data: { id: 1, stallDaysNegotiation: 10 } });
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:11")))).toEqual(["STALLED 2026-05-30"]);
  });

  it("a scan that failed midway leaves the watermark where it was: the next one sends what it missed", async () => {
    const county = await unit();
    const officer = await user(county.id);
    const p = await project(county.id, officer.id, { followUp: "2026-06-20" });
    await scanLikeFull(at("2026-06-15"));
    const watermark = await db.$queryRaw`SELECT snapshot, day FROM notify_scan_watermark`;
    await db.project.update({ where: { id: p.id }, data: { nextFollowUpOn: date("2026-06-10") } });
    // The database goes away after the scan read what changed, before its rules ran.
    let calls = 0;
    const failing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== "$queryRaw") return Reflect.get(target, prop, receiver);
        return (...args: unknown[]) => {
          if (++calls > 2) throw new Error("connection lost");
          return (target.$queryRaw as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await expect(scan(failing, { now: at("2026-06-15", "08:10"), email: false })).rejects.toThrow("connection lost");
    expect(await db.$queryRaw`SELECT snapshot, day FROM notify_scan_watermark`).toEqual(watermark);
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:11"))).sort()).toEqual(["ESCALATION 2026-06-10:owner", "FOLLOW_UP_OVERDUE 2026-06-10"]);
  });

  it("the clock the tests set going backwards and forwards again", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await user(county.id, "MANAGER");
    await project(county.id, officer.id, { followUp: "2026-06-10" });
    await project(county.id, officer.id, { followUp: "2026-06-19" });
    await milestone(county.id, officer.id, "2026-07-01");
    for (const day of ["2026-06-20", "2026-06-10", "2026-06-12", "2026-06-20", "2026-06-21", "2026-06-05", "2026-07-02"]) await scanLikeFull(at(day));
    const all = (await keysAfter(db, 0n)).map((k) => k.split(" ")[1]);
    expect(new Set(all)).toEqual(new Set(["FOLLOW_UP_DUE", "FOLLOW_UP_OVERDUE", "ESCALATION", "MILESTONE_YELLOW", "MILESTONE_RED"]));
  });

  it("day after day with nothing changed: the ladder's steps, a milestone turning yellow then red, a supervision deadline nearing", async () => {
    const county = await unit();
    const officer = await user(county.id);
    const manager = await user(county.id, "MANAGER");
    const p = await project(county.id, officer.id, { followUp: "2026-06-14" });
    await milestone(county.id, officer.id, "2026-07-20");
    await issueSupervision(db, actor(manager), { projectId: p.id, requestId: randomUUID(), requirement: "Land deal", answerDueOn: date("2026-06-25"), assigneeId: officer.id } as never);
    const got: string[] = [];
    for (let d = 15; d <= 30; d++) got.push(...kinds(await scanLikeFull(at(`2026-06-${d}`))));
    for (let d = 1; d <= 22; d++) got.push(...kinds(await scanLikeFull(at(`2026-07-${String(d).padStart(2, "0")}`))));
    expect(got).toEqual(expect.arrayContaining([
      "FOLLOW_UP_OVERDUE 2026-06-14", "ESCALATION 2026-06-14:owner", "ESCALATION 2026-06-14:manager", "ESCALATION 2026-06-14:highRisk",
      "MILESTONE_YELLOW YELLOW:2026-07-20", "MILESTONE_RED RED:2026-07-20", "SUPERVISION_DUE_SOON 2026-06-25",
    ]));
  });

  it("milestones and supervision edited: a reached milestone undone, a deadline moved, an answer to review", async () => {
    const county = await unit();
    const officer = await user(county.id);
    const manager = await user(county.id, "MANAGER");
    const { project: p } = await milestone(county.id, officer.id, "2026-06-01");
    const start = await db.constructionStart.create({ data: { projectId: p.id, startedOn: date("2026-05-20"), createdById: officer.id } });
    const order = await issueSupervision(db, actor(manager), { projectId: p.id, requestId: randomUUID(), requirement: "Start building", answerDueOn: date("2026-07-30"), assigneeId: officer.id } as never);
    expect(await scanLikeFull(at("2026-06-15"))).toEqual([]);
    await db.constructionStart.delete({ where: { id: start.id } }); // recorded by mistake: the milestone is red
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:10")))).toEqual(["MILESTONE_RED RED:2026-06-01"]);
    await db.supervisionOrder.update({ where: { id: order.id }, data: { answerDueOn: date("2026-06-16") } }); // deadline brought forward
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:11")))).toEqual(["SUPERVISION_DUE_SOON 2026-06-16"]);
    await addSupervisionStep(db, actor(officer), { orderId: order.id, version: order.version, requestId: randomUUID(), kind: "PLAN", body: "Permits filed" } as never);
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:12"))).map((k) => k.split(" ")[0])).toEqual(["SUPERVISION_TO_REVIEW"]);
  });

  it("recipients changed: a kind unmuted, a user enabled again, a new manager in the unit", async () => {
    const county = await unit();
    const muted = await user(county.id, "OFFICER", { muted: ["FOLLOW_UP_OVERDUE"] });
    const disabled = await user(county.id, "OFFICER", { disabled: true });
    await project(county.id, muted.id, { followUp: "2026-06-12" });
    await project(county.id, disabled.id, { followUp: "2026-06-09" });
    expect(kinds(await scanLikeFull(at("2026-06-15"))).sort()).toEqual(["ESCALATION 2026-06-12:owner"]);
    await db.notificationPreference.delete({ where: { userId: muted.id } });
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:10")))).toEqual(["FOLLOW_UP_OVERDUE 2026-06-12"]);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: null } });
    expect(kinds(await scanLikeFull(at("2026-06-15", "08:11"))).sort()).toEqual(["ESCALATION 2026-06-09:owner", "FOLLOW_UP_OVERDUE 2026-06-09"]);
    const manager = await user(county.id, "MANAGER");
    const added = await scanLikeFull(at("2026-06-15", "08:12"));
    expect(added.every((k) => k.startsWith(`${manager.id} `))).toBe(true);
    expect(kinds(added)).toEqual(["ESCALATION 2026-06-09:manager"]);
  });

  it("two workers racing, after edits: exactly the full scan's reminders, once", async () => {
    const county = await unit();
    const officer = await user(county.id);
    await user(county.id, "MANAGER");
    const ps = await Promise.all([1, 2, 3, 4].map(() => project(county.id, officer.id, { followUp: "2026-06-20" })));
    await scanLikeFull(at("2026-06-15"));
    for (const [i, p] of ps.entries()) await db.project.update({ where: { id: p.id }, data: { nextFollowUpOn: date(`2026-06-0${i + 5}`) } });
    const expected = await fullScanWouldAdd(at("2026-06-16"));
    const before = await lastId(db);
    await Promise.all([scan(db, { now: at("2026-06-16"), email: false }), scan(db2, { now: at("2026-06-16"), email: false })]);
    expect(await keysAfter(db, before)).toEqual(expected);
    expect(await scanLikeFull(at("2026-06-16", "08:10"))).toEqual([]);
  });
});

describe("the first deployment", () => {
  it("still sends only what became due from the day reminders were switched on, on the days after too", async () => {
    await db.notificationStart.deleteMany(); // an installation whose reminders were never on
    const county = await unit();
    const officer = await user(county.id);
    await user(county.id, "MANAGER");
    const longOverdue = await project(county.id, officer.id, { followUp: "2026-05-01" });
    const overdueBefore = await project(county.id, officer.id, { followUp: "2026-06-13" });
    await project(county.id, officer.id, { followUp: "2026-06-14" });
    await project(county.id, officer.id, { followUp: "2026-06-15" });
    await project(county.id, officer.id, { followUp: null, lastRound: "2026-04-01" }); // stalled since May
    const added: Key[] = [];
    for (const day of ["2026-06-15", "2026-06-16", "2026-06-18", "2026-06-25"]) added.push(...(await scanLikeFull(at(day))));
    // Nothing about the backlog: the follow-up missed in May, the silence since April; the 13th's only from its 3-day step.
    expect(added.filter((k) => k.includes(`project:${longOverdue.id} `))).toEqual([]);
    expect(added.filter((k) => k.includes(" STALLED "))).toEqual([]);
    expect(kinds(added.filter((k) => k.includes(`project:${overdueBefore.id} `))).sort()).toEqual(
      ["ESCALATION 2026-06-13:highRisk", "ESCALATION 2026-06-13:manager", "ESCALATION 2026-06-13:owner"],
    );
  });
});
