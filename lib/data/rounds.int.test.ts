import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en";
import { testDb } from "@/test/factories";
import { runForUser } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import type { CurrentUser } from "@/lib/auth/current-user";
import { NotFoundError, RuleError } from "@/lib/errors";
import { logRound } from "@/lib/data/rounds";
import { getJourneyState } from "@/lib/data/stage";
import { getProjectPage } from "@/lib/data/project-page";
import { isoDay } from "@/lib/domain/period";
import { ZLogRound } from "@/lib/validation/round";
import { footprint, makeActor, makeProject, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

const db = testDb();
let officer: TestActor;

beforeAll(async () => {
  officer = await makeActor("OFFICER");
});

/** A round as the form sends it: strings through the shared schema. */
function input(projectId: number, extra: Record<string, unknown> = {}) {
  return ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format: "VISIT_HERE", summary: "双方就用地和电价进行了深入交流。", ...extra });
}

describe("logging a round", () => {
  it("numbers rounds 1..N, keeps count and last round date, and fills the defaults", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const first = await logRound(db, officer, input(p.id, { heldOn: "2024-03-01" }));
    const second = await logRound(db, officer, input(p.id, { heldOn: "2024-02-01" })); // logged late, held earlier
    const third = await logRound(db, officer, input(p.id));
    expect([first.number, second.number, third.number]).toEqual([1, 2, 3]);

    const row = await db.negotiationRound.findUniqueOrThrow({ where: { id: third.id } });
    expect(row.heldOn.toISOString().slice(0, 10)).toBe(ymd(0)); // today by default
    expect(row.ourParticipants).toBe(officer.name); // the officer by default
    expect(row.createdById).toBe(officer.id);

    const project = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(project.roundCount).toBe(3);
    expect(project.lastRoundOn?.toISOString().slice(0, 10)).toBe(ymd(0));
    expect(project.version).toBe(p.version + 3);
    expect((await getJourneyState(db, officer, { projectId: p.id })).nextRoundNumber).toBe(4);
  });

  it("keeps every field, topics in the form's order", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const r = await logRound(db, officer, input(p.id, {
      heldOn: "2024-04-02", format: "VIDEO", place: "视频会议", ourParticipants: "王局长、李明", investorParticipants: "张总（董事长）",
      topics: ["talent", "land", "energy"], nextSteps: "下周提交用地方案",
    }));
    expect(await db.negotiationRound.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      format: "VIDEO", place: "视频会议", ourParticipants: "王局长、李明", investorParticipants: "张总（董事长）",
      topics: ["land", "energy", "talent"], nextSteps: "下周提交用地方案", nextMeetingOn: null,
    });
  });

  it("a next meeting date also becomes the project's follow-up date", async () => {
    const p = await makeProject(officer, { path: ["INTENT"] });
    await logRound(db, officer, input(p.id, { nextMeetingOn: ymd(14) }));
    const project = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(project.nextFollowUpOn?.toISOString().slice(0, 10)).toBe(ymd(14));
    // a round without a next meeting leaves the follow-up date alone
    await logRound(db, officer, input(p.id));
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).nextFollowUpOn?.toISOString().slice(0, 10)).toBe(ymd(14));
  });

  it("is allowed from first contact (without moving the stage), on hold and later; refused on a lost project", async () => {
    for (const path of [[], ["INTENT", "NEGOTIATION", "SIGNED"], ["INTENT", "ON_HOLD"]] as const) {
      const p = await makeProject(officer, { path: [...path] });
      await logRound(db, officer, input(p.id));
      expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).stage).toBe(p.stage);
    }
    const lost = await makeProject(officer, { path: ["INTENT", "LOST"] });
    const before = await footprint(lost.id);
    await expect(logRound(db, officer, input(lost.id))).rejects.toMatchObject({ messageKey: "journey.rules.roundOnLost" });
    await expect(logRound(db, officer, input(lost.id))).rejects.toBeInstanceOf(RuleError);
    expect(await footprint(lost.id)).toEqual(before);
  });

  it("rounds logged at the same moment still get distinct numbers 1..N", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const results = await Promise.all(Array.from({ length: 6 }, () => logRound(db, officer, input(p.id))));
    expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).roundCount).toBe(6);
  });
});

describe("the reply: what logging a round changed, as the project page shows it (issue 14)", () => {
  // The round form shows the reply in place of a page render (components/projects/project-live.tsx): its entry and
  // project facts must be what the page would render right after, or the officer sees something a reload changes.
  it("the round's entry and the project's round count, dates, overdue flag and version equal a fresh read of the page", async () => {
    const leader = await db.referenceItem.create({ data: { kind: "LEADER", code: `leader-${newRequestId()}`, nameZh: "市长", nameEn: "Mayor" } });
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    await db.project.update({ where: { id: p.id }, data: { nextFollowUpOn: new Date(`${ymd(-5)}T00:00:00Z`) } }); // overdue before
    const first = input(p.id, { heldOn: "2024-03-01", leaderId: String(leader.id), place: "市政府", topics: ["land", "energy"], nextSteps: "报价" });
    const replies = [
      await logRound(db, officer, first),
      // Still overdue: no next meeting set, held earlier than the last round.
      await logRound(db, officer, input(p.id, { heldOn: "2024-02-01", leaderId: "other", leaderOther: "区长", investorParticipants: "张总" })),
      await logRound(db, officer, input(p.id, { nextMeetingOn: ymd(7) })),
    ];
    for (const [i, reply] of replies.entries()) {
      if (i < 2) expect(reply.overdue).toBe(true);
      else expect(reply.overdue).toBe(false);
    }
    const page = await getProjectPage(db, officer, p.id);
    const last = replies.at(-1)!;
    expect(last).toMatchObject({
      projectVersion: page.version,
      roundCount: page.roundCount,
      lastRoundOn: isoDay(page.lastRoundOn!),
      nextFollowUpOn: isoDay(page.nextFollowUpOn!),
      overdue: page.overdue,
      number: 3,
    });
    for (const reply of replies) {
      const onPage = page.timeline.find((e) => e.id === reply.entry.id);
      expect(reply.entry).toEqual(onPage);
    }
    expect(replies[0].entry.data).toMatchObject({ leaderZh: "市长", leaderEn: "Mayor", place: "市政府", topics: ["land", "energy"] });
    // The same request again (a double submit) answers with the same round and the project as it is now.
    const again = await logRound(db, officer, first);
    expect(again.entry).toEqual(replies[0].entry);
    expect(again.projectVersion).toBe(page.version);
  });
});

describe("long minutes: nothing is cut, an over-long summary is refused with its length", () => {
  /** The form's fields as the browser sends them (a textarea's line breaks as CRLF), through the action's steps. */
  async function send(projectId: number, summary: string) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ projectId: String(projectId), requestId: newRequestId(), format: "VISIT_HERE", summary })) form.append(name, value);
    return runForUser(officer as CurrentUser, ZLogRound, formDataToObject(form), (user, data) => logRound(db, user, data));
  }
  it("a 10,000-character summary (with line breaks, sent as CRLF) is stored whole", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    // 100 lines of 99 characters and a line break: 10,000 characters as the field's counter shows them.
    const typed = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(4, "0")}${"谈".repeat(95)}`).join("\n") + "。";
    expect(typed.length).toBe(10_000);
    const result = await send(p.id, typed.replace(/\n/g, "\r\n"));
    expect(result.ok).toBe(true);
    const row = await db.negotiationRound.findFirstOrThrow({ where: { projectId: p.id } });
    expect(row.summary).toBe(typed);
  });

  it("20,000 characters fit; 20,001 are refused with a field error saying both lengths, and nothing is written", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    expect((await send(p.id, "谈".repeat(20_000))).ok).toBe(true);
    const result = await send(p.id, "谈".repeat(20_001));
    expect(result).toMatchObject({ ok: false, error: "invalid", fieldErrors: { summary: "20,001 characters: at most 20,000 are allowed. Please shorten it (nothing was cut)." } });
    expect(await db.negotiationRound.count({ where: { projectId: p.id } })).toBe(1);
  });
});

describe("double submit", () => {
  it("the same round sent twice (at once, then again) is one round", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const once = input(p.id, { nextMeetingOn: ymd(3) });
    const [a, b] = await Promise.all([logRound(db, officer, once), logRound(db, officer, once)]);
    const c = await logRound(db, officer, once);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(await db.negotiationRound.count({ where: { projectId: p.id } })).toBe(1);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).roundCount).toBe(1);
    expect(await db.auditLog.count({ where: { action: "round.create", entityId: String(a.id) } })).toBe(1);
  });
});

describe("access: another unit's project is not found, and nothing is written", () => {
  it("for an officer and a county manager; the city manager and an admin may log", async () => {
    const owner = await makeActor("OFFICER");
    for (const user of [await makeActor("OFFICER"), await makeActor("MANAGER")]) {
      const p = await makeProject(owner, { path: ["INTENT"] });
      const before = await footprint(p.id);
      await expect(logRound(db, user, input(p.id))).rejects.toBeInstanceOf(NotFoundError);
      expect(await footprint(p.id)).toEqual(before);
    }
    for (const user of [await makeActor("MANAGER", owner.unitId), await makeActor("MANAGER", undefined, "CITY"), await makeActor("ADMIN")]) {
      const p = await makeProject(owner, { path: ["INTENT"] });
      const r = await logRound(db, user, input(p.id));
      expect(r.number).toBe(1);
    }
  });

  it("a request id already used on another unit's project reveals nothing", async () => {
    const owner = await makeActor("OFFICER");
    const theirs = await makeProject(owner, { path: ["INTENT"] });
    const sent = input(theirs.id);
    await logRound(db, owner, sent);
    const outsider = await makeActor("OFFICER");
    await expect(logRound(db, outsider, sent)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an unknown project id is not found", async () => {
    await expect(logRound(db, officer, input(2_000_000_000))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("audit", () => {
  it("writes the round and the project's counters before and after", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const r = await logRound(db, officer, input(p.id, { heldOn: "2024-05-05", nextMeetingOn: ymd(7), topics: ["land"] }));
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "round.create", entity: "negotiation_round", entityId: String(r.id) } });
    expect(audit.actorId).toBe(officer.id);
    expect(audit.before).toMatchObject({ project: { roundCount: 0, lastRoundOn: null, nextFollowUpOn: null } });
    expect(audit.after).toMatchObject({ number: 1, topics: ["land"], heldOn: "2024-05-05T00:00:00.000Z", project: { roundCount: 1, lastRoundOn: "2024-05-05T00:00:00.000Z", nextFollowUpOn: `${ymd(7)}T00:00:00.000Z` } });
  });

  it("the audit row is whole: every field of the round and the project's counters as they became (one statement writes it with the project's update)", async () => {
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    await logRound(db, officer, input(p.id, { heldOn: "2024-05-01" }));
    const r = await logRound(db, officer, input(p.id, { heldOn: "2024-04-01", place: "会议室", investorParticipants: "张总", leaderOther: "区长", nextSteps: "报价" }));
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "round.create", entityId: String(r.id) } });
    const row = await db.negotiationRound.findUniqueOrThrow({ where: { id: r.id } });
    const project = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(audit.before).toEqual({ project: { roundCount: 1, lastRoundOn: "2024-05-01T00:00:00.000Z", nextFollowUpOn: null, version: p.version + 1 } });
    expect(audit.after).toEqual({
      id: row.id, projectId: p.id, number: 2, heldOn: "2024-04-01T00:00:00.000Z", format: "VISIT_HERE", place: "会议室",
      ourParticipants: officer.name, investorParticipants: "张总", topics: [], summary: row.summary, nextSteps: "报价",
      nextMeetingOn: null, leaderId: null, leaderOther: "区长",
      project: { roundCount: 2, lastRoundOn: "2024-05-01T00:00:00.000Z", nextFollowUpOn: null, version: project.version },
    });
    expect(project.version).toBe(p.version + 2);
  });
});

describe("bad input is refused by the shared schema", () => {
  const base = () => ({ projectId: "1", requestId: newRequestId(), format: "VIDEO", summary: "ok" });
  it.each([
    ["a next meeting in the past", { nextMeetingOn: ymd(-1) }],
    ["a round held in the future", { heldOn: ymd(1) }],
    ["no summary", { summary: undefined }],
    ["a blank summary", { summary: "   " }],
    ["a summary over 20,000 characters", { summary: "谈".repeat(20_001) }],
    ["participants over 500 characters", { investorParticipants: "x".repeat(501) }],
    ["next steps over 2000 characters", { nextSteps: "x".repeat(2001) }],
    ["a place over 200 characters", { place: "x".repeat(201) }],
    ["an unknown topic", { topics: ["land", "weather"] }],
    ["an unknown format", { format: "CARRIER_PIGEON" }],
    ["an unknown project id form", { projectId: "abc" }],
    ["a project id out of range", { projectId: "99999999999" }],
  ])("%s", (_name, extra) => {
    expect(ZLogRound.safeParse({ ...base(), ...extra }).success).toBe(false);
  });
  it("accepts a next meeting today", () => {
    expect(ZLogRound.safeParse({ ...base(), nextMeetingOn: ymd(0) }).success).toBe(true);
  });
});
