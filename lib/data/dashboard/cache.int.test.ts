/**
 * The dashboard cache serves a dashboard again only while data_version has not
 * moved, and data_version moves at the commit of every write: the page never
 * shows numbers older than the last committed change.
 */
import { describe, expect, it, vi } from "vitest";
import { withOwnWork } from "@/lib/domain/scope";
import { testDb } from "@/test/factories";
import { logRound } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { type DashboardFilters } from "@/lib/validation/dashboard";
import { quarterPeriod, yearPeriod } from "@/lib/domain/period";
import { getDashboard } from "@/lib/data/dashboard";
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
    expect(await dataVersion(db)).toBeGreaterThan(before);

    // Inside an open transaction the bump waits for the commit (deferred), so
    // the transaction's own view of the row is unchanged by its writes.
    await db.$transaction(async (tx) => {
      // FOR SHARE: other test files' commits wait, so only this transaction could move it.
      const [{ version: seen }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1 FOR SHARE`;
      await tx.$executeRaw`UPDATE project SET title = title WHERE id = ${p.id}`;
      const [{ version: after }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1`;
      expect(after).toBe(seen);
    });
  });
});

describe("cachedDashboard", () => {
  it("computes once per version, scope and filters (an officer's own work is a filter); a moved version computes again", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const otherManager = await makeActor("MANAGER");
    let version = 1n;
    const compute = vi.fn(getDashboard);
    const opts = () => ({ compute, version });
    const a = await cachedDashboard(db, manager, q1, opts());
    expect(await cachedDashboard(db, manager, q1, opts())).toBe(a);
    expect(compute).toHaveBeenCalledTimes(1);
    // The same scope (an officer of the manager's unit) and filters: the same numbers.
    expect(await cachedDashboard(db, officer, q1, opts())).toBe(a);
    await cachedDashboard(db, otherManager, q1, opts()); // another scope
    await cachedDashboard(db, manager, { period: yearPeriod(2024) }, opts()); // another period
    const own = await cachedDashboard(db, officer, withOwnWork(officer, q1), opts()); // the officer's own work: an owner filter
    expect(compute).toHaveBeenCalledTimes(4);
    // The manager filtering on that officer sees the officer's own numbers.
    expect(await cachedDashboard(db, manager, { ...q1, ownerId: officer.id }, opts())).toBe(own);
    version = 2n;
    expect(await cachedDashboard(db, manager, q1, opts())).not.toBe(a);
    expect(compute).toHaveBeenCalledTimes(5);
  });

  it("lets requests that arrive during a computation share it, and does not keep a failure", async () => {
    const manager = await makeActor("MANAGER");
    const compute = vi.fn(getDashboard);
    const opts = { compute, version: 7n };
    const [x, y, z] = await Promise.all([1, 2, 3].map(() => cachedDashboard(db, manager, q1, opts)));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(y).toBe(x);
    expect(z).toBe(x);

    const failing = vi.fn(async () => {
      throw new Error("database went away");
    });
    const other = { period: yearPeriod(2023) };
    await expect(cachedDashboard(db, manager, other, { compute: failing, version: 7n })).rejects.toThrow("database went away");
    await cachedDashboard(db, manager, other, opts);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it("shows a round logged after the dashboard was first served", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const p = await makeProject(officer, { path: ["INTENT"] });
    const today = ymd();
    const year = { period: yearPeriod(Number(today.slice(0, 4))) };
    const before = await cachedDashboard(db, manager, year);
    await logRound(db, officer, ZLogRound.parse({ projectId: String(p.id), requestId: newRequestId(), format: "VIDEO", summary: "视频会议。", heldOn: today }));
    const after = await cachedDashboard(db, manager, year);
    expect(after.work.roundsTotal).toBe(before.work.roundsTotal + 1);
  });
});
