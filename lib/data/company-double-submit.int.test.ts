/**
 * A company form submitted twice at once is one company, in the one order of
 * the two submits that once answered the second with "duplicates": the second
 * looks for its request id before the first has committed (nothing), and runs
 * its duplicate check after (the first's company, a duplicate of itself). The
 * order is made, not waited for, so the test fails every run if the second
 * submit stops taking the company that carries its own request id
 * (lib/data/companies.ts, createCompany):
 *
 * 1. The first submit is held at its COMMIT, its company written: a second
 *    connection holds data_version's row 1, which the company's deferred
 *    trigger (data_version_company) updates at commit. The test waits until
 *    PostgreSQL reports the first's backend blocked by that connection.
 * 2. The second submit starts, finds no company with its request id (the
 *    first's is not committed), and is stopped just before its duplicate
 *    check. A lock cannot stop it there: the request-id lookup and the
 *    duplicate check are both plain reads, which wait on no row lock. So the
 *    test gives createCompany its database (an argument, as in production)
 *    through a client extension whose raw queries wait for the test's go —
 *    the duplicate check is createCompany's one raw query. No hook in the
 *    production code.
 * 3. The lock is released, the first commits and returns its company.
 * 4. The second's duplicate check runs, finds the first's company (asserted:
 *    the interleaving did happen), and must return that company.
 *
 * Needs a PostgreSQL server: on the embedded PGlite (one backend) the first
 * submit's held commit would stop every other connection, the test's own.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createCompany } from "@/lib/data/companies";
import type { Db } from "@/lib/db";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { freshCreditCode } from "@/test/credit-codes";
import { blockedBy, holder, namedClient } from "@/test/held";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";

const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);

/** The first submit's own client, named, so that its backend can be found in pg_stat_activity. */
let first: ReturnType<typeof namedClient> | undefined;
afterAll(async () => first?.db.$disconnect());

/** `db` whose raw queries wait for `go` (after calling `reached`), and hand their rows to `seen`. */
function rawQueriesWaitFor(db: Db, reached: () => void, go: Promise<void>, seen: (rows: unknown) => void): Db {
  return db.$extends({
    query: {
      async $queryRaw({ args, query }) {
        reached();
        await go;
        const rows = await query(args);
        seen(rows);
        return rows;
      },
    },
  }) as unknown as Db;
}

async function manager() {
  const unit = await makeUnit("COUNTY");
  const user = await makeUser({ role: "MANAGER", unitId: unit.id });
  return { id: user.id, role: user.role, unitId: unit.id, unitIsCity: false };
}

type Input = Parameters<typeof createCompany>[2];

/** Submits `input` twice in the order above; returns both answers and what the second's duplicate check found. */
async function firstCommitsBeforeSecondChecks(input: Input) {
  const user = await manager();
  first ??= namedClient("double-submit-first", 1);
  const held = await holder();
  let go = () => {};
  try {
    // 1. Hold the first submit at its commit.
    await held.query("SELECT version FROM data_version WHERE id = 1 FOR UPDATE");
    const firstSubmit = createCompany(first.db, user, input);
    firstSubmit.catch(() => {});
    await blockedBy(first.name, held.pid, "COMMIT%");

    // 2. The second submit, up to its duplicate check.
    let reached!: () => void;
    const atCheck = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (go = resolve));
    let found: unknown;
    const second = createCompany(rawQueriesWaitFor(testDb(), reached, released, (rows) => (found = rows)), user, input);
    second.catch(() => {});
    await Promise.race([
      atCheck,
      second.then(
        (r) => Promise.reject(new Error(`the second submit ended before its duplicate check: ${JSON.stringify(r)}`)),
        (e: unknown) => Promise.reject(e),
      ),
    ]);
    // The first's company is written, not committed: the second's request-id lookup found nothing.
    expect(await testDb().company.count({ where: { requestId: input.requestId } })).toBe(0);

    // 3. The first commits.
    await held.release();
    const a = await firstSubmit;
    if (a.id === undefined) throw new Error(`the first submit found duplicates: ${JSON.stringify(a.duplicates)}`);

    // 4. The second's duplicate check, after the first's commit.
    go();
    const b = await second;
    return { a, b, found: found as { id: number }[] };
  } finally {
    go();
    await held.release();
  }
}

describe("a company form submitted twice at once", () => {
  it.skipIf(!onServer)("is one company when the first commits between the second's request-id lookup and its duplicate check (same name)", async () => {
    const nameZh = `两次提交公司${uniq()}有限公司`;
    const requestId = randomUUID();
    const { a, b, found } = await firstCommitsBeforeSecondChecks({ nameZh, countryCode: "CN", ownershipType: "PRIVATE", requestId });
    // The order did happen: the second's duplicate check saw the first's company.
    expect(found.map((r) => r.id)).toEqual([a.id]);
    expect(b).toEqual({ id: a.id, version: a.version });
    expect(await testDb().company.findMany({ where: { nameZh }, select: { id: true, requestId: true } })).toEqual([{ id: a.id, requestId }]);
    expect(await testDb().auditLog.count({ where: { action: "company.create", entityId: String(a.id) } })).toBe(1);
  });

  it.skipIf(!onServer)("is one company when the twin is found by its credit code (the same company, never a choice)", async () => {
    const nameZh = `两次提交代码公司${uniq()}`;
    const creditCode = freshCreditCode();
    const requestId = randomUUID();
    const { a, b, found } = await firstCommitsBeforeSecondChecks({ nameZh, countryCode: "CN", ownershipType: "PRIVATE", creditCode, requestId });
    expect(found.map((r) => r.id)).toEqual([a.id]);
    expect(b).toEqual({ id: a.id, version: a.version });
    expect(await testDb().company.findMany({ where: { creditCode }, select: { id: true, requestId: true } })).toEqual([{ id: a.id, requestId }]);
    expect(await testDb().auditLog.count({ where: { action: "company.create", entityId: String(a.id) } })).toBe(1);
  });

  it.skipIf(!onServer)("still shows a colleague's company, entered under another request, as a duplicate", async () => {
    // The other side of the fix: only the company carrying this submit's request id is taken.
    const nameZh = `同名公司${uniq()}`;
    const user = await manager();
    const colleague = await createCompany(testDb(), user, { nameZh, countryCode: "CN", ownershipType: "PRIVATE", requestId: randomUUID() });
    const mine = await createCompany(testDb(), user, { nameZh, countryCode: "CN", ownershipType: "PRIVATE", requestId: randomUUID() });
    expect(mine.id).toBeUndefined();
    expect(mine.duplicates?.map((d) => d.id)).toEqual([colleague.id]);
  });
});
