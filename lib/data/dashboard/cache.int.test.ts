/**
 * The dashboard cache serves a dashboard again only while data_version has not
 * moved, and data_version moves at the commit of every write: the page never
 * shows numbers older than the last committed change. Its two numbers
 * (records, activity) let a logged round leave signed value and the other
 * record sections served, and recompute only what reads rounds; the stamps of
 * data_source_version let a write recompute only the sections reading what it
 * changed (sections.int.test.ts checks them against real writes).
 */
import { describe, expect, it, vi } from "vitest";
import { withOwnWork } from "@/lib/domain/scope";
import { testDb } from "@/test/factories";
import { logRound } from "@/lib/data/rounds";
import { recordCommitment, recordCommitmentActual } from "@/lib/data/commitments";
import { ZRecordCommitment, ZRecordCommitmentActual } from "@/lib/validation/commitments";
import { ZLogRound } from "@/lib/validation/round";
import { type DashboardFilters } from "@/lib/validation/dashboard";
import { quarterPeriod, yearPeriod } from "@/lib/domain/period";
import { ACTIVITY_SECTIONS, RECORD_SECTIONS } from "@/lib/data/dashboard/sections";
import { cachedDashboard } from "@/lib/data/dashboard/cache";
import { dataVersion } from "@/lib/data/versioned-cache";
import { makeActor, makeProject, newRequestId, ymd } from "@/lib/data/stage.test-helpers";

const db = testDb();
const q1: DashboardFilters = { period: quarterPeriod(2024, 1) };

describe("data_version", () => {
  it("moves when a write commits, and not while it is still open", async () => {
    const officer = await makeActor("OFFICER");
    const p = await makeProject(officer, { path: ["INTENT"] });
    const before = await dataVersion(db);
    await logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "VIDEO", summary: "电话沟通用地。" }));
    expect((await dataVersion(db)).activity).toBeGreaterThan(before.activity);

    // Inside an open transaction the bump waits for the commit (deferred), so
    // the transaction's own view of the row is unchanged by its writes.
    await db.$transaction(async (tx) => {
      // FOR SHARE: other test files' commits wait, so only this transaction could move it.
      const [{ version: seen }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1 FOR SHARE`;
      await tx.$executeRaw`UPDATE project SET jobs = COALESCE(jobs, 0) + 1 WHERE id = ${p.id}`;
      const [{ version: after }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1`;
      expect(after).toBe(seen);
    });
  });
});

describe("data_version: records and activity", () => {
  it("a transaction that logs a round moves activity, not records; one that also edits the project moves records", async () => {
    const officer = await makeActor("OFFICER");
    const p = await makeProject(officer, { path: ["INTENT"] });
    // What the transaction's statements move: its deferred triggers fired at once, then its own flags read.
    const movedBy = (statements: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) =>
      db.$transaction(async (tx) => {
        await statements(tx);
        // Fire the deferred triggers now, inside the transaction, then read this transaction's flags.
        await tx.$executeRaw`SET CONSTRAINTS ALL IMMEDIATE`;
        const [flags] = await tx.$queryRaw<{ records: string | null; activity: string | null }[]>`
          SELECT current_setting('crm.data_version_bumped', true) AS records, current_setting('crm.data_version_activity_bumped', true) AS activity`;
        return { records: flags.records === "on", activity: flags.activity === "on" };
      });
    expect(await movedBy((tx) => tx.$executeRaw`UPDATE project SET round_count = round_count + 1, last_round_on = CURRENT_DATE, next_follow_up_on = NULL, version = version + 1, updated_at = now() WHERE id = ${p.id}`)).toEqual({
      records: false,
      activity: true,
    });
    expect(await movedBy((tx) => tx.$executeRaw`UPDATE project SET version = version + 1, updated_at = now() WHERE id = ${p.id}`)).toEqual({ records: false, activity: false });
    expect(await movedBy((tx) => tx.$executeRaw`UPDATE project SET jobs = COALESCE(jobs, 0) + 5 WHERE id = ${p.id}`)).toEqual({ records: true, activity: false });
    // Records first: activity is not moved after it (its readers key on records too), so locks go one way only.
    expect(
      await movedBy(async (tx) => {
        await tx.$executeRaw`UPDATE project SET jobs = COALESCE(jobs, 0) + 1 WHERE id = ${p.id}`;
        await tx.$executeRaw`UPDATE project SET round_count = round_count + 1 WHERE id = ${p.id}`;
      }),
    ).toEqual({ records: true, activity: false });
    const company = await db.company.findFirstOrThrow({ where: { projects: { some: { id: p.id } } }, select: { id: true } });
    expect(await movedBy((tx) => tx.$executeRaw`UPDATE company SET name_zh = name_zh || '（更名）' WHERE id = ${company.id}`)).toEqual({ records: true, activity: false });
  });
});

describe("data_version: a round that counts in rounds to signing", () => {
  it("moves records when held on or before its project's first contract, activity otherwise", async () => {
    const officer = await makeActor("OFFICER");
    const signed = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: "2023-01-05", contractOn: "2023-06-01" });
    const open = await makeProject(officer, { path: ["INTENT"] });
    const moved = async (projectId: number, heldOn: string) => {
      const before = await dataVersion(db);
      await logRound(db, officer, ZLogRound.parse({ projectId: String(projectId), requestId: newRequestId(), format: "PHONE", summary: "补录。", heldOn }));
      const after = await dataVersion(db);
      return { records: after.records > before.records, activity: after.activity > before.activity };
    };
    // Before (and on) the signing day: it counts in the funnel's rounds to signing, kept with the records.
    expect(await moved(signed.id, "2023-05-20")).toEqual({ records: true, activity: false });
    expect(await moved(signed.id, "2023-06-01")).toEqual({ records: true, activity: false });
    // After the signing, and on a project not signed: rounds, not records.
    expect(await moved(signed.id, ymd())).toEqual({ records: false, activity: true });
    expect(await moved(open.id, ymd())).toEqual({ records: false, activity: true });
  });

  it("a round held before its project's signing shows in rounds to signing at once; the dashboard equals a fresh computation after each kind of round", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: "2023-01-05", contractOn: "2023-06-01" });
    await makeProject(officer, { path: ["INTENT", "NEGOTIATION"] });
    const year = { period: yearPeriod(2023) };
    const fresh = async () => {
      const { getDashboard } = await import("@/lib/data/dashboard");
      return JSON.parse(JSON.stringify(await getDashboard(db, manager, year)));
    };
    const served = async () => JSON.parse(JSON.stringify(await cachedDashboard(db, manager, year)));
    expect((await cachedDashboard(db, manager, year)).funnel.medianRoundsToSign).toBe(0);
    await logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "PHONE", summary: "补录签约前的会谈。", heldOn: "2023-03-01" }));
    expect((await cachedDashboard(db, manager, year)).funnel.medianRoundsToSign).toBe(1);
    expect(await served()).toEqual(await fresh());
    // A round today: the closest projects' rounds and the work numbers move, the rest is served as it was.
    await logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "PHONE", summary: "签约后回访。", heldOn: ymd() }));
    expect(await served()).toEqual(await fresh());
  });
});

describe("cachedDashboard", () => {
  /** Stamps as data_source_version would hold them: every source at `base`, some moved, activity at `activity`. */
  const stampsOf = (activity: number, moved: Record<string, number> = {}) => new Map<string, bigint>([["@2", BigInt(activity)], ...Object.entries(moved).map(([s, n]) => [s, BigInt(n)] as [string, bigint])]);
  const ALL = [...Object.keys(RECORD_SECTIONS), ...Object.keys(ACTIVITY_SECTIONS)].sort();
  const counting = () => {
    const computed: string[] = [];
    const compute = vi.fn((name: string, fresh: () => Promise<unknown>) => (computed.push(name), fresh()));
    return { compute, computed, take: () => computed.splice(0).sort() };
  };

  it("computes each section once per scope, filters and state of what it reads; a write computes again only the sections reading what it changed", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const otherManager = await makeActor("MANAGER");
    const { compute, take } = counting();
    let stamps = stampsOf(1);
    const opts = () => ({ compute, stamps });
    const a = await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(ALL);
    expect(await cachedDashboard(db, manager, q1, opts())).toEqual(a);
    expect(take()).toEqual([]);
    // The same scope (an officer of the manager's unit) and filters: the same numbers.
    await cachedDashboard(db, officer, q1, opts());
    expect(take()).toEqual([]);
    for (const [user, filters] of [
      [otherManager, q1], // another scope
      [manager, { period: yearPeriod(2024) }], // another period
      [officer, withOwnWork(officer, q1)], // the officer's own work: an owner filter
    ] as const) {
      await cachedDashboard(db, user, filters, opts());
      expect(take()).toEqual(ALL);
    }
    // A logged round (activity moved): the sections reading rounds and follow-ups, no other.
    stamps = stampsOf(2);
    await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(Object.keys(ACTIVITY_SECTIONS).sort());
    // A title edited: the chains (an anchor's title) and the closest projects (their titles), not the funnel.
    stamps = stampsOf(2, { "project.title": 3 });
    await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(["chains", "closest"]);
    // A stage change: the funnel.
    stamps = stampsOf(2, { "project.title": 3, stage_change: 4 });
    await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(["funnel"]);
    // A contract that changes no counted signing (a repeat signing): only what reads contracts themselves (the
    // funnel's days to start run from the first contract of any kind).
    stamps = stampsOf(2, { "project.title": 3, stage_change: 4, contract: 5 });
    await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(["durations"]);
    // A counted signing (its triggers stamp counted_signing): every section counting signings, not the work or the
    // funnel's stages.
    stamps = stampsOf(2, { "project.title": 3, stage_change: 4, contract: 6, counted_signing: 6 });
    await cachedDashboard(db, manager, q1, opts());
    const signing = take();
    expect(signing).toEqual(expect.arrayContaining(["totals", "series", "bySector", "byUnit", "byCountry", "bands", "deliveryCohort", "deliveryRates", "durations", "chains", "events", "targetsSigned", "activitySignings"]));
    expect(signing).not.toContain("funnel");
    // The activity index's leads, events and starts, the targets' and the delivery's starts and funds read no signing.
    expect(signing).not.toContain("activityCounts");
    expect(signing).not.toContain("targets");
    expect(signing).not.toContain("deliveryFlow");
    // The delivery rates' milestones half reads no contract.
    expect(signing).not.toContain("deliveryDue");
    expect(signing).not.toContain("rounds");
    // A write whose trigger names no source: everything.
    stamps = stampsOf(2, { "project.title": 3, stage_change: 4, contract: 6, counted_signing: 6, "*": 7 });
    await cachedDashboard(db, manager, q1, opts());
    expect(take()).toEqual(ALL);
  });

  it("lets requests that arrive during a computation share it, and does not keep a failure", async () => {
    const manager = await makeActor("MANAGER");
    const { compute, take } = counting();
    const stamps = stampsOf(7);
    const [x, y] = await Promise.all([1, 2, 3].map(() => cachedDashboard(db, manager, q1, { compute, stamps })));
    expect(take()).toEqual(ALL);
    expect(y).toEqual(x);

    const failing = async (name: string, fresh: () => Promise<unknown>) => {
      if (name === "totals") throw new Error("database went away");
      return fresh();
    };
    const other = { period: yearPeriod(2023) };
    await expect(cachedDashboard(db, manager, other, { compute: failing, stamps })).rejects.toThrow("database went away");
    await cachedDashboard(db, manager, other, { compute, stamps });
    expect(take()).toEqual(["totals"]);
  });

  it("shows a round logged after the dashboard was first served, and a contract's value after it is signed", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const p = await makeProject(officer, { path: ["INTENT"] });
    const today = ymd();
    const year = { period: yearPeriod(Number(today.slice(0, 4))) };
    const before = await cachedDashboard(db, manager, year);
    await logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "VIDEO", summary: "视频会议。", heldOn: today }));
    const after = await cachedDashboard(db, manager, year);
    expect(after.work.roundsTotal).toBe(before.work.roundsTotal + 1);
    // An edit a record section reads (the planned investment is in the pipeline's amounts per stage): shown at once.
    const current = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await db.project.update({ where: { id: p.id }, data: { plannedInvestmentCny: "9900000000", version: current.version + 1 } });
    const edited = await cachedDashboard(db, manager, year);
    expect(edited.pipeline.byStage.find((s) => s.stage === "INTENT")?.plannedCny).toBe("9900000000.00");
    expect(after.pipeline.byStage.find((s) => s.stage === "INTENT")?.plannedCny).not.toBe("9900000000.00");
  });

  it("shows a delivery rate moved by a milestone reached right after the dashboard was served", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const today = ymd();
    const p = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], contractOn: today });
    await recordCommitment(db, officer, ZRecordCommitment.parse({ projectId: String(p.id), requestId: newRequestId(), kind: "PRODUCTION", dueOn: today }));
    const year = { period: yearPeriod(Number(today.slice(0, 4))) };
    const before = await cachedDashboard(db, manager, year);
    expect(before.deliveryRates.overall).toMatchObject({ due: 1, met: 0 });
    await recordCommitmentActual(db, officer, ZRecordCommitmentActual.parse({ projectId: String(p.id), requestId: newRequestId(), kind: "PRODUCTION", reportedOn: today }));
    const after = await cachedDashboard(db, manager, year);
    expect(after.deliveryRates.overall).toMatchObject({ due: 1, met: 1, producing: 1 });
  });
});
