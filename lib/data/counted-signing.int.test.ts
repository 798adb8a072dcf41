/**
 * counted_signing (migration 20261202120000: the contracts that count, kept by triggers in the writing transaction)
 * equals the count-once rule recomputed in TypeScript (lib/domain/signings.ts classifySignings, with the
 * installation's rules) after every kind of write: contracts added one by one and several in one statement, a
 * contract moved before its project's first signing, given another kind, another amount across the threshold,
 * moved to another project, deleted; a project marked 不予认定 and unmarked, moved into an excluded sector, deleted;
 * the automatic rules switched on, changed, off, their row deleted; the contracts emptied. Each row's copies of its
 * project's unit, sector, chain, owner, investor and first contact follow the project's edits. A write that changes no
 * counted signing (a repeat signing, a note) stamps nothing the dashboard's signed sections read. Each row's rounds to
 * signing follow rounds added before, on and after the signing day, moved across it or to another project, deleted;
 * a round after the signing stamps nothing. Two writers of one project's contracts at once, a change of the rules
 * during a contract's write, and a round and a contract of one project written at once end equal to the rule too.
 * In a database of its own: the automatic rules are installation-wide.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db";
import type { ContractKind } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";
import { classifySignings } from "@/lib/domain/signings";
import { getCountingRules } from "@/lib/data/signings";

const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
let db: Db;
let unitId: number, userId: number, kindId: number, reasonId: number, realEstate: number, manufacturing: number;

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const M = (n: number) => `${n * 1_000_000}.00`;

async function project(title: string, sectorId?: number) {
  const company = await db.company.create({ data: { nameZh: `企业${title}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  const p = await db.project.create({ data: { companyId: company.id, title, unitId, ownerId: userId, stage: "SIGNED", sectorId, firstContactOn: d("2023-01-01") } });
  return p.id;
}
const contract = (projectId: number, on: string, kind: ContractKind, m: number, usd?: number) =>
  db.contract.create({
    data: { projectId, signedOn: d(on), kind, contractedInvestmentCny: M(m), contractedForeignUsd: usd === undefined ? undefined : M(usd), agreementKindId: kindId, createdById: userId },
  });

/** A round of `projectId` held on `on` (numbered after its project's last), by SQL as an import would write it. */
async function round(projectId: number, on: string): Promise<number> {
  const [r] = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
    SELECT ${projectId}, COALESCE(MAX(number), 0) + 1, ${on}::date, 'PHONE', '招商局', '电话沟通。', ${userId}, now() FROM negotiation_round WHERE project_id = ${projectId}
    RETURNING id`;
  return r.id;
}

type Row = {
  contract_id: number;
  project_id: number;
  signed_on: string;
  cny: string;
  usd: string | null;
  // The project's, copied.
  unit_id: number;
  sector_id: number | null;
  chain_id: number | null;
  owner_id: number;
  company_id: number;
  first_contact_on: string;
  // The project's rounds held on or before signed_on.
  rounds_to_sign: number;
};

/** The rule in TypeScript over every contract: the counted ones, as counted_signing's rows. */
async function recount(): Promise<Row[]> {
  const rules = await getCountingRules(db);
  const projects = await db.project.findMany({
    select: {
      id: true, sectorId: true, notRecognisedReasonId: true, unitId: true, chainId: true, ownerId: true, companyId: true, firstContactOn: true,
      contracts: { select: { id: true, kind: true, signedOn: true, contractedInvestmentCny: true, contractedForeignUsd: true } },
      rounds: { select: { heldOn: true } },
    },
  });
  const rows: Row[] = [];
  for (const p of projects) {
    const inputs = p.contracts.map((k) => ({ id: k.id, kind: k.kind, signedOn: k.signedOn, cny: k.contractedInvestmentCny.toFixed(2) }));
    const counted = new Set(classifySignings(inputs, p, rules).filter((s) => s.counted).map((s) => s.id));
    for (const k of p.contracts) {
      if (counted.has(k.id)) {
        rows.push({
          contract_id: k.id,
          project_id: p.id,
          signed_on: k.signedOn.toISOString().slice(0, 10),
          cny: k.contractedInvestmentCny.toFixed(2),
          usd: k.contractedForeignUsd?.toFixed(2) ?? null,
          unit_id: p.unitId,
          sector_id: p.sectorId,
          chain_id: p.chainId,
          owner_id: p.ownerId,
          company_id: p.companyId,
          first_contact_on: p.firstContactOn.toISOString().slice(0, 10),
          rounds_to_sign: p.rounds.filter((r) => r.heldOn <= k.signedOn).length,
        });
      }
    }
  }
  return rows.sort((a, b) => a.contract_id - b.contract_id);
}

const kept = () =>
  db.$queryRaw<Row[]>`SELECT contract_id, project_id, to_char(signed_on, 'YYYY-MM-DD') AS signed_on, cny::text, usd::text,
    unit_id, sector_id, chain_id, owner_id, company_id, to_char(first_contact_on, 'YYYY-MM-DD') AS first_contact_on, rounds_to_sign
    FROM counted_signing ORDER BY contract_id`;

async function expectInStep() {
  const [table, rule] = await Promise.all([kept(), recount()]);
  expect(table).toEqual(rule);
  return table;
}

const stamp = async () => (await db.$queryRaw<{ v: bigint }[]>`SELECT COALESCE((SELECT version FROM data_source_version WHERE source = 'counted_signing'), 0) AS v`)[0].v;

async function rules(minRecognisedCny: string | null, sectors: number[]) {
  await db.$executeRaw`INSERT INTO installation_setting (id, min_recognised_cny, not_recognised_sector_ids, updated_at) VALUES (1, ${minRecognisedCny}::numeric, ${sectors}::int[], now())
    ON CONFLICT (id) DO UPDATE SET min_recognised_cny = EXCLUDED.min_recognised_cny, not_recognised_sector_ids = EXCLUDED.not_recognised_sector_ids`;
}

beforeAll(async () => {
  own = await ownDatabase("crm_test_counted_signing");
  db = createPrismaClient(own.url, 4);
  unitId = (await db.unit.create({ data: { code: "u-cs", nameZh: "计数区", nameEn: "Counted District", kind: "COUNTY" } })).id;
  userId = (await db.user.create({ data: { email: "officer-cs@test.local", name: "officer", passwordHash: "x", role: "OFFICER", unitId } })).id;
  kindId = (await db.referenceItem.create({ data: { kind: "AGREEMENT_KIND", code: "k", nameZh: "合同", nameEn: "Contract" } })).id;
  reasonId = (await db.referenceItem.create({ data: { kind: "NOT_RECOGNISED_REASON", code: "r", nameZh: "财政资金", nameEn: "Fiscal funds" } })).id;
  realEstate = (await db.referenceItem.create({ data: { kind: "SECTOR", code: "re", nameZh: "房地产", nameEn: "Real estate" } })).id;
  manufacturing = (await db.referenceItem.create({ data: { kind: "SECTOR", code: "mf", nameZh: "制造业", nameEn: "Manufacturing" } })).id;
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await own?.dispose();
});

describe("counted_signing", () => {
  it("equals the rule after contracts are added, moved, re-kinded, re-priced, re-homed and deleted", async () => {
    const a = await project("A", manufacturing);
    const b = await project("B");
    const framework = await contract(a, "2024-01-10", "FRAMEWORK", 100);
    await contract(a, "2024-02-20", "UPGRADE", 150);
    const increase = await contract(a, "2024-03-01", "CAPITAL_INCREASE", 30, 4);
    expect((await expectInStep()).map((r) => r.contract_id)).toEqual([framework.id, increase.id]);

    // Several in one statement: a formal signing, a repeat, a capital increase.
    await db.contract.createMany({
      data: [
        { projectId: b, signedOn: d("2024-05-01"), kind: "FORMAL", contractedInvestmentCny: M(200), agreementKindId: kindId, createdById: userId },
        { projectId: b, signedOn: d("2024-06-01"), kind: "FORMAL", contractedInvestmentCny: M(200), agreementKindId: kindId, createdById: userId },
        { projectId: b, signedOn: d("2024-07-01"), kind: "CAPITAL_INCREASE", contractedInvestmentCny: M(20), agreementKindId: kindId, createdById: userId },
      ],
    });
    await expectInStep();

    // The repeat moved before the first signing: it becomes the base, the old base a repeat.
    const [first, repeat] = await db.contract.findMany({ where: { projectId: b, kind: "FORMAL" }, orderBy: { signedOn: "asc" } });
    await db.contract.update({ where: { id: repeat.id }, data: { signedOn: d("2024-04-01") } });
    expect((await expectInStep()).filter((r) => r.project_id === b).map((r) => r.contract_id)).toContain(repeat.id);
    // Another kind: the framework agreement re-entered as a capital increase (the upgrade becomes the base).
    await db.contract.update({ where: { id: framework.id }, data: { kind: "CAPITAL_INCREASE" } });
    await expectInStep();
    // Another amount, in yuan and in dollars.
    await db.contract.update({ where: { id: increase.id }, data: { contractedInvestmentCny: M(31), contractedForeignUsd: M(5) } });
    expect((await expectInStep()).find((r) => r.contract_id === increase.id)).toMatchObject({ cny: M(31), usd: M(5) });
    // Moved to the other project: both projects' rows follow.
    await db.contract.update({ where: { id: first.id }, data: { projectId: a } });
    await expectInStep();
    // Deleted: the next contract becomes the base.
    await db.contract.delete({ where: { id: repeat.id } });
    await expectInStep();
  });

  it("follows a project's recognition, its sector and the automatic rules, and a project's deletion", async () => {
    const c = await project("C", manufacturing);
    await contract(c, "2024-02-01", "FORMAL", 5);
    await contract(c, "2024-09-01", "CAPITAL_INCREASE", 50);
    await expectInStep();
    await db.project.update({ where: { id: c }, data: { notRecognisedReasonId: reasonId } });
    expect((await expectInStep()).some((r) => r.project_id === c)).toBe(false);
    await db.project.update({ where: { id: c }, data: { notRecognisedReasonId: null } });
    expect((await expectInStep()).filter((r) => r.project_id === c)).toHaveLength(2);

    await rules(M(10), [realEstate]); // the 5m base falls below the threshold
    expect((await expectInStep()).filter((r) => r.project_id === c)).toHaveLength(1);
    await db.project.update({ where: { id: c }, data: { sectorId: realEstate } });
    expect((await expectInStep()).some((r) => r.project_id === c)).toBe(false);
    await rules(null, [manufacturing]); // C is real estate again allowed; every manufacturing project out
    await expectInStep();
    await db.$executeRaw`DELETE FROM installation_setting WHERE id = 1`;
    await expectInStep();
    await rules(M(1), []);
    await expectInStep();

    // What the dashboard filters and groups by, copied beside each signing: the project reassigned, moved to another
    // unit, given a chain, another investor, another first-contact day.
    const other = await db.unit.create({ data: { code: "u-cs2", nameZh: "另一区", nameEn: "Other District", kind: "COUNTY" } });
    const owner = await db.user.create({ data: { email: "officer-cs2@test.local", name: "officer 2", passwordHash: "x", role: "OFFICER", unitId: other.id } });
    const chain = await db.referenceItem.create({ data: { kind: "INDUSTRY_CHAIN", code: "ev", nameZh: "新能源汽车", nameEn: "EV" } });
    const investor = await db.company.create({ data: { nameZh: "另一企业", countryCode: "DE", ownershipType: "FOREIGN" } });
    await db.project.update({ where: { id: c }, data: { sectorId: manufacturing } });
    // One column at a time: each must refresh the copies on its own.
    for (const data of [{ ownerId: owner.id }, { unitId: other.id }, { chainId: chain.id }, { companyId: investor.id }, { firstContactOn: d("2023-06-01") }]) {
      await db.project.update({ where: { id: c }, data });
      await expectInStep();
    }
    expect((await expectInStep()).filter((r) => r.project_id === c)).toEqual(
      expect.arrayContaining([expect.objectContaining({ unit_id: other.id, owner_id: owner.id, chain_id: chain.id, company_id: investor.id, first_contact_on: "2023-06-01" })]),
    );

    await db.project.delete({ where: { id: c } });
    expect((await expectInStep()).some((r) => r.project_id === c)).toBe(false);
  });

  it("stamps nothing the signed sections read when a write changes no counted signing", async () => {
    const e = await project("E");
    const base = await contract(e, "2024-03-01", "FORMAL", 80);
    await expectInStep();
    const before = await stamp();
    await contract(e, "2024-04-01", "FORMAL", 80); // a repeat
    await db.contract.update({ where: { id: base.id }, data: { note: "补充说明" } });
    await db.project.update({ where: { id: e }, data: { title: "E（改名）", sectorId: null } });
    expect(await stamp()).toBe(before);
    await db.contract.update({ where: { id: base.id }, data: { contractedInvestmentCny: M(81) } });
    expect(await stamp()).toBeGreaterThan(before);
    await expectInStep();
  });

  it("counts the rounds held by each signing, and stamps nothing for a round after the signing", async () => {
    const g = await project("G");
    const h = await project("H");
    await round(g, "2024-01-05");
    await contract(g, "2024-03-01", "FORMAL", 100);
    await contract(g, "2024-09-01", "CAPITAL_INCREASE", 40);
    const rows = () => expectInStep().then((t) => t.filter((r) => r.project_id === g).map((r) => r.rounds_to_sign));
    expect(await rows()).toEqual([1, 1]);
    const onTheDay = await round(g, "2024-03-01");
    const between = await round(g, "2024-05-01");
    expect(await rows()).toEqual([2, 3]);
    // Moved across the signing day, then to another project, then deleted.
    await db.negotiationRound.update({ where: { id: between }, data: { heldOn: d("2024-02-01") } });
    expect(await rows()).toEqual([3, 3]);
    await db.negotiationRound.update({ where: { id: onTheDay }, data: { projectId: h } });
    expect(await rows()).toEqual([2, 2]);
    await db.negotiationRound.delete({ where: { id: between } });
    expect(await rows()).toEqual([1, 1]);
    // A contract moved later counts the rounds up to its new day.
    await round(g, "2024-06-01");
    expect(await rows()).toEqual([1, 2]);
    await db.contract.updateMany({ where: { projectId: g, kind: "FORMAL" }, data: { signedOn: d("2024-07-01") } });
    expect(await rows()).toEqual([2, 2]);

    // After every signing of the project, or of a project never signed, or a round's summary edited: nothing counted
    // changes, nothing is stamped.
    const before = await stamp();
    const late = await round(g, "2024-10-01");
    await round(h, "2024-10-01");
    await db.negotiationRound.update({ where: { id: late }, data: { summary: "电话沟通（补记）。" } });
    expect(await stamp()).toBe(before);
    await round(g, "2024-08-15");
    expect(await stamp()).toBeGreaterThan(before);
    expect(await rows()).toEqual([2, 3]);

    // Several rounds of two projects in one statement (an import), some before the signings, some after; then all of
    // one project's rounds moved a month earlier in one statement, and every round emptied.
    await db.$executeRaw`
      INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
      SELECT p, 100 + n, d, 'PHONE', '招商局', '导入。', ${userId}, now()
        FROM (VALUES (${g}::int, 1, '2024-01-20'::date), (${g}, 2, '2024-07-01'), (${g}, 3, '2024-12-01'), (${h}, 4, '2024-01-20')) v(p, n, d)`;
    expect(await rows()).toEqual([4, 5]);
    await db.$executeRaw`UPDATE negotiation_round SET held_on = held_on - 31 WHERE project_id = ${g}`;
    expect(await rows()).toEqual([4, 6]);
    await db.$executeRawUnsafe(`TRUNCATE negotiation_round CASCADE`);
    expect(await rows()).toEqual([0, 0]);
  });

  it.skipIf(!onServer)("ends equal to the rule when two writers add one project's contracts at once, and when the rules change during a write", async () => {
    const f = await project("F");
    await rules(M(1), []);
    /** A connection in a transaction, with its backend's pid (asked now: later its queries may be queued behind a wait). */
    const connect = async () => {
      const c = new pg.Client({ connectionString: own!.url });
      await c.connect();
      const pid = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      await c.query("BEGIN");
      return Object.assign(c, { pid });
    };
    const insertFor = (c: pg.Client, projectId: number, on: string, kind: ContractKind = "FORMAL") =>
      c.query(`INSERT INTO contract (project_id, signed_on, kind, contracted_investment_cny, agreement_kind_id, created_by_id, updated_at) VALUES ($1, $2, $3, 100000000, $4, $5, now())`, [projectId, on, kind, kindId, userId]);
    const insert = (c: pg.Client, on: string, kind: ContractKind) => insertFor(c, f, on, kind);
    /** Until backend `pid` waits on a lock `by` holds (asked outside any transaction: a transaction sees one snapshot of pg_stat_activity). */
    const waitBlocked = async (pid: number, by: number) => {
      for (let i = 0; i < 1000; i++) {
        const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND $2 = ANY(pg_blocking_pids(pid))`, pid, by);
        if (n > 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`backend ${pid} never waited on ${by}`);
    };

    // The later writer's contract is dated earlier: it must become the base, the first writer's a repeat.
    const [one, two] = [await connect(), await connect()];
    try {
      await insert(one, "2024-06-01", "FORMAL");
      const second = insert(two, "2024-05-01", "FORMAL");
      await waitBlocked(two.pid, one.pid);
      await one.query("COMMIT");
      await second;
      await two.query("COMMIT");
    } finally {
      await Promise.allSettled([one.end(), two.end()]);
    }
    expect((await expectInStep()).filter((r) => r.project_id === f).map((r) => r.signed_on)).toEqual(["2024-05-01"]);

    // The rules change while a capital increase below the new threshold is being written.
    const [writer, admin] = [await connect(), await connect()];
    try {
      await insert(writer, "2024-08-01", "CAPITAL_INCREASE");
      const change = admin.query(`UPDATE installation_setting SET min_recognised_cny = 150000000 WHERE id = 1`);
      await waitBlocked(admin.pid, writer.pid);
      await writer.query("COMMIT");
      await change;
      await admin.query("COMMIT");
    } finally {
      await Promise.allSettled([writer.end(), admin.end()]);
    }
    expect((await expectInStep()).some((r) => r.project_id === f)).toBe(false);
    await rules(M(1), []);
    await expectInStep();

    // A round and the project's first contract, each writer first in turn: the round is counted either way.
    const logRound = (c: pg.Client, projectId: number, on: string) =>
      c.query(`INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
               SELECT $1, COALESCE(MAX(number), 0) + 100, $2, 'PHONE', '招商局', '电话。', $3, now() FROM negotiation_round WHERE project_id = $1`, [projectId, on, userId]);
    for (const roundFirst of [true, false]) {
      const p = await project(roundFirst ? "R1" : "R2");
      const [first, second] = [await connect(), await connect()];
      try {
        if (roundFirst) await logRound(first, p, "2024-02-01");
        else await insertFor(first, p, "2024-03-01");
        const later = roundFirst ? insertFor(second, p, "2024-03-01") : logRound(second, p, "2024-02-01");
        await waitBlocked(second.pid, first.pid);
        await first.query("COMMIT");
        await later;
        await second.query("COMMIT");
      } finally {
        await Promise.allSettled([first.end(), second.end()]);
      }
      expect((await expectInStep()).filter((r) => r.project_id === p).map((r) => r.rounds_to_sign)).toEqual([1]);
    }
  });

  it("is emptied with the contracts, also when the rules' row is emptied in the same statement", async () => {
    expect((await kept()).length).toBeGreaterThan(0);
    // The rules' refresh runs first and leaves trigger events pending on counted_signing (the seed and tests empty
    // tables this way).
    await db.$executeRawUnsafe(`TRUNCATE installation_setting, contract CASCADE`);
    expect(await expectInStep()).toEqual([]);
  });
});
