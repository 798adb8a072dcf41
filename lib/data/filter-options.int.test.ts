/**
 * The list's and dashboard's filter options come from a cache kept by
 * data_version: a change to what they show must show on the next read, and
 * writes they do not show (a sign-in, a password change) must not empty it.
 */
import { describe, expect, it } from "vitest";
import { makeUnit, makeUser, testDb } from "@/test/factories";
import { dashboardOptions, filterOptions } from "@/lib/data/filter-options";
import { dataVersion } from "@/lib/data/versioned-cache";
import { makeActor } from "@/lib/data/stage.test-helpers";
import type { Tx } from "@/lib/data/transactions";

const db = testDb();

describe("filterOptions", () => {
  it("shows a new owner, a moved owner and a renamed unit on the next read", async () => {
    const manager = await makeActor("MANAGER");
    const before = await filterOptions(db, manager);
    expect(before.units.map((u) => u.id)).toEqual([manager.unitId]);

    const officer = await makeUser({ unitId: manager.unitId });
    const afterNew = await filterOptions(db, manager);
    expect(afterNew.owners.map((o) => o.id)).toContain(officer.id);

    const elsewhere = await makeUnit();
    await db.user.update({ where: { id: officer.id }, data: { unitId: elsewhere.id } });
    expect((await filterOptions(db, manager)).owners.map((o) => o.id)).not.toContain(officer.id);

    await db.unit.update({ where: { id: manager.unitId }, data: { nameZh: "改名后的县" } });
    expect((await filterOptions(db, manager)).units[0].nameZh).toBe("改名后的县");
  });

  // Holding data_version's row (FOR UPDATE) stops other test files' commits
  // from moving it (their bump waits for the lock), so the test sees only its
  // own writes. SET CONSTRAINTS … IMMEDIATE runs the deferred bump now. Only
  // `tx` may be used inside: on the embedded PGlite every other connection
  // waits for this transaction to end.
  const holdingVersion = <T>(fn: (tx: Tx, held: bigint) => Promise<T>) =>
    db.$transaction(async (tx) => {
      const [{ version }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1 FOR UPDATE`;
      return fn(tx, version);
    });
  const versionNow = async (tx: Tx) => {
    await tx.$executeRaw`SET CONSTRAINTS ALL IMMEDIATE`;
    const [{ version }] = await tx.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1`;
    return version;
  };

  it("is read once per state of the data for the same scope", async () => {
    const manager = await makeActor("MANAGER");
    const colleague = await makeActor("OFFICER", manager.unitId);
    // One state of the data: its version, read once (other files' commits move it at any time).
    const version = await dataVersion(db);
    const first = await filterOptions(db, manager, version);
    expect(await filterOptions(db, colleague, version)).toBe(first);
    // Activity (rounds, follow-ups) is not what the options show.
    expect(await filterOptions(db, colleague, { ...version, activity: version.activity + 1n })).toBe(first);
    expect(await filterOptions(db, colleague, { ...version, records: version.records + 1n })).not.toBe(first);
  });

  it("is not emptied by writes it does not show, and is by those it does", async () => {
    const user = await makeUser();
    await holdingVersion(async (tx, held) => {
      await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 }, passwordHash: "changed" } });
      expect(await versionNow(tx)).toBe(held);
      await tx.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      expect(await versionNow(tx)).toBe(held + 1n);
    });
  });

  it("gives the dashboard units only for who sees every unit, and no owner picker to officers", async () => {
    const officer = await makeActor("OFFICER");
    const manager = await makeActor("MANAGER", officer.unitId);
    const city = await makeActor("MANAGER", undefined, "CITY");
    expect((await dashboardOptions(db, officer)).owners).toEqual([]);
    expect((await dashboardOptions(db, manager)).units).toEqual([]);
    expect((await dashboardOptions(db, manager)).owners.map((o) => o.id)).toContain(officer.id);
    expect((await dashboardOptions(db, city)).units.map((u) => u.id)).toContain(officer.unitId);
  });
});
