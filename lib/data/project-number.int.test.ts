/**
 * The project number (项目编号): <UNIT CODE>-<year>-<0001>, per unit and year,
 * unique under concurrent creates, given to existing projects by the
 * migration, and found by the list's search.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterAll, describe, expect, it } from "vitest";
import { createProject } from "@/lib/data/projects";
import { listProjects } from "@/lib/data/project-list";
import { ZProjectFilter } from "@/lib/domain/project-filter";
import { makeActor, makeProject, newRequestId } from "@/lib/data/stage.test-helpers";
import { testDb, uniq } from "@/test/factories";
import { emptyDatabase } from "@/test/own-database";
import { getPipeline } from "@/lib/data/pipeline";
import { getMyWork } from "@/lib/data/my-work";
import { importProjects } from "@/lib/import/import-projects";
import { makeUser } from "@/test/factories";
import { blockedBy, holder, namedClient } from "@/test/held";
import { POOL_LIMITS } from "@/lib/db";
import { servesDatabasesByName } from "@/scripts/lib/scratch-db";

/** The waits below need a PostgreSQL server: on the embedded PGlite (one backend) a held lock stops every connection. */
const onServer = await servesDatabasesByName(process.env.DATABASE_URL!);

const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));

describe("project number", () => {
  it("is unique and consecutive per unit and year under concurrent creates", async () => {
    const officer = await makeActor("OFFICER");
    const unit = await testDb().unit.findUniqueOrThrow({ where: { id: officer.unitId } });
    const company = await testDb().company.create({ data: { nameZh: `编号企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createProject(testDb(), officer, { title: `并发项目${i}`, companyId: company.id, requestId: newRequestId() } as never)),
    );
    const rows = await testDb().project.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { number: true } });
    const numbers = rows.map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `${unit.code.toUpperCase()}-${year}-${String(i + 1).padStart(4, "0")}`));
  });

  it.skipIf(!onServer)("makes a create wait for a connection, not fail, while colleagues' creates hold them all waiting on the counter", async () => {
    // Creates of one unit and year take turns on its counter row, holding their connections while they wait: at
    // busy times a create waits for a connection. That wait is bounded by the pool (POOL_LIMITS.connectionTimeoutMillis,
    // 5 s); Prisma's own limit for a transaction to start (maxWait, 2 s by default) used to end it sooner, with
    // "try again". Made to happen, not timed: one connection; a colleague's create on it waits on the counter row
    // held by the test, longer than Prisma's default; the next create waits for the connection meanwhile.
    const hold = 2_500;
    expect(hold).toBeLessThan(POOL_LIMITS.connectionTimeoutMillis - 1_500);
    const officer = await makeActor("OFFICER");
    const unit = await testDb().unit.findUniqueOrThrow({ where: { id: officer.unitId } });
    const company = await testDb().company.create({ data: { nameZh: `等待编号企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const { db, name } = namedClient("numbers-one-connection", 1);
    const counter = await holder();
    try {
      // The counter row, written and not committed: the first create's INSERT waits for this transaction.
      await counter.query("INSERT INTO project_number_counter (unit_id, year, last) VALUES ($1, $2, 0)", [unit.id, year]);
      const create = (i: number) => createProject(db, officer, { title: `等待项目${i}`, companyId: company.id, requestId: newRequestId() } as never);
      const colleague = create(1);
      colleague.catch(() => {});
      await blockedBy(name, counter.pid, "INSERT%");
      const waited = performance.now();
      const mine = create(2);
      mine.catch(() => {});
      await new Promise((r) => setTimeout(r, hold));
      await counter.release();
      const created = await Promise.all([colleague, mine]);
      expect(performance.now() - waited).toBeGreaterThanOrEqual(hold);
      const rows = await testDb().project.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { title: true, number: true }, orderBy: { id: "asc" } });
      const prefix = `${unit.code.toUpperCase()}-${year}-`;
      expect(rows).toEqual([
        { title: "等待项目1", number: `${prefix}0001` },
        { title: "等待项目2", number: `${prefix}0002` },
      ]);
    } finally {
      await counter.release();
      await db.$disconnect();
    }
  });

  it("numbers a bulk insert in order, writing its counter once per statement, and a savepoint rolled back gives its numbers again", async () => {
    const officer = await makeActor("OFFICER");
    const unit = await testDb().unit.findUniqueOrThrow({ where: { id: officer.unitId } });
    const company = await testDb().company.create({ data: { nameZh: `批量编号企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
    const insert = (tx: Prisma.TransactionClient, n: number, tag: string) =>
      tx.$executeRaw`INSERT INTO project (company_id, title, unit_id, owner_id, updated_at)
                     SELECT ${company.id}, ${tag} || g, ${unit.id}, ${officer.id}, now() FROM generate_series(1, ${n}::int) g`;
    const counterWrites = await testDb().$transaction(async (tx) => {
      // The transaction's own counts, read before and after: a pooled connection's view can still hold a
      // previous transaction's.
      const writes = async () =>
        (await tx.$queryRaw<{ n: number }[]>`
          SELECT COALESCE(sum(n_tup_ins + n_tup_upd), 0)::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'project_number_counter'`)[0].n;
      const before = await writes();
      await insert(tx, 300, "bulk-a-");
      await tx.$executeRawUnsafe("SAVEPOINT numbers");
      await insert(tx, 5, "bulk-gone-");
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT numbers");
      await insert(tx, 2, "bulk-b-");
      return (await writes()) - before;
    });
    // One row written per statement (and one to take the row), not one per project: numbering n projects in one
    // transaction walked n row versions per project before (O(n²); migration 20261201190000).
    expect(counterWrites).toBeLessThanOrEqual(5);
    const rows = await testDb().project.findMany({ where: { unitId: unit.id }, select: { title: true, number: true }, orderBy: { id: "asc" } });
    const prefix = `${unit.code.toUpperCase()}-${year}-`;
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 302 }, (_, i) => prefix + String(i + 1).padStart(4, "0")));
    expect(rows.at(-1)?.title).toBe("bulk-b-2");
    const counter = await testDb().$queryRaw<{ last: number }[]>`SELECT last FROM project_number_counter WHERE unit_id = ${unit.id} AND year = ${year}`;
    expect(counter).toEqual([{ last: 302 }]);
    // The next create, in its own transaction, continues from the counter.
    const next = await makeProject(officer);
    expect(next.number).toBe(prefix + "0303");
  });

  it("is given to projects written outside the app's forms too (seeds, import)", async () => {
    const officer = await makeActor("OFFICER");
    const project = await makeProject(officer);
    expect(project.number).toMatch(new RegExp(`^U-[0-9A-F-]+-${year}-0001$`, "i"));
  });

  it("is given to imported projects", async () => {
    const officer = await makeActor("OFFICER");
    const unit = await testDb().unit.findUniqueOrThrow({ where: { id: officer.unitId } });
    const owner = await testDb().user.findUniqueOrThrow({ where: { id: officer.id } });
    const admin = await makeUser({ role: "ADMIN", unitId: officer.unitId });
    const key = `num-${uniq()}`;
    const csv =
      "external_id,project_title,investor_name,unit,stage,first_contact_date,owner_email\n" +
      `${key},导入编号项目,导入编号投资方${uniq()},${unit.code},first_contact,2024-01-05,${owner.email}\n`;
    expect(await importProjects(testDb(), { id: admin.id, role: "ADMIN" }, new TextEncoder().encode(csv))).toMatchObject({ ok: true, created: 1 });
    const imported = await testDb().project.findUniqueOrThrow({ where: { externalId: key }, select: { number: true } });
    expect(imported.number).toBe(`${unit.code.toUpperCase()}-${year}-0001`);
  });

  it("is found by the project list's search", async () => {
    const officer = await makeActor("OFFICER");
    const project = await makeProject(officer);
    await makeProject(officer);
    const { rows } = await listProjects(testDb(), officer, ZProjectFilter.parse({ q: project.number.toLowerCase() }));
    expect(rows.map((r) => ({ id: r.id, number: r.number }))).toEqual([{ id: project.id, number: project.number }]);
  });
});

describe("project number on the screens", () => {
  it("reaches the board's cards and My work's lists", async () => {
    const officer = await makeActor("OFFICER");
    const project = await makeProject(officer);
    // Overdue, so My work lists it.
    await testDb().project.update({ where: { id: project.id }, data: { nextFollowUpOn: new Date("2024-01-01T00:00:00Z") } });
    const cards = (await getPipeline(testDb(), officer)).flatMap((c) => c.cards);
    expect(cards.find((c) => c.id === project.id)?.number).toBe(project.number);
    const work = await getMyWork(testDb(), officer);
    expect(work.overdue.rows.find((r) => r.id === project.id)?.number).toBe(project.number);
  });
});

describe("project number migration", () => {
  const dirs = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const cut = dirs.findIndex((d) => d.endsWith("_fields_number_leader_attachments"));
  const sql = (dir: string) => readFileSync(path.join(process.cwd(), "prisma", "migrations", dir, "migration.sql"), "utf8");
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it("numbers existing projects per unit and year in creation order, and new ones continue", { timeout: 60_000 }, async () => {
    const scratch = await emptyDatabase("numbers");
    drop = scratch.dispose;
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      for (const dir of dirs.slice(0, cut)) await client.query(sql(dir));
      await client.query(`
        INSERT INTO unit (id, code, name_zh, name_en, kind, updated_at) VALUES (1, 'city', '市', 'City', 'CITY', now()), (2, 'qingshan', '青山县', 'Qingshan', 'COUNTY', now());
        INSERT INTO app_user (id, email, name, password_hash, role, unit_id, updated_at) VALUES (1, 'a@x', 'A', 'x', 'OFFICER', 1, now());
        INSERT INTO company (id, name_zh, country_code, ownership_type, updated_at) VALUES (1, '企业', 'CN', 'PRIVATE', now());
        INSERT INTO project (id, company_id, title, unit_id, owner_id, created_at, updated_at) VALUES
          (1, 1, 'a', 1, 1, '2024-12-31 17:00+00', now()),  -- 2025-01-01 in Shanghai
          (2, 1, 'b', 1, 1, '2024-06-01 00:00+00', now()),
          (3, 1, 'c', 2, 1, '2025-03-01 00:00+00', now()),
          (4, 1, 'd', 1, 1, '2025-02-01 00:00+00', now());
        INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at) VALUES
          (1, 1, '2025-01-02', 'VIDEO', '张三（市投资促进局）、陈国栋（市长）、郑宏（常务副市长）', 's', 1, now()),
          (1, 2, '2025-01-03', 'VIDEO', '江北区分管副区长', 's', 1, now()),
          (1, 3, '2025-01-04', 'VIDEO', '张三（市投资促进局）', 's', 1, now());`);
      for (const dir of dirs.slice(cut)) await client.query(sql(dir));
      const { rows } = await client.query<{ id: number; number: string }>(`SELECT id, number FROM project ORDER BY id`);
      expect(rows).toEqual([
        { id: 1, number: "CITY-2025-0001" },
        { id: 2, number: "CITY-2024-0001" },
        { id: 3, number: "QINGSHAN-2025-0001" },
        { id: 4, number: "CITY-2025-0002" },
      ]);
      await client.query(`INSERT INTO project (id, company_id, title, unit_id, owner_id, created_at, updated_at) VALUES (5, 1, 'e', 1, 1, '2025-05-01 00:00+00', now())`);
      const { rows: added } = await client.query<{ number: string }>(`SELECT number FROM project WHERE title = 'e'`);
      expect(added[0].number).toBe("CITY-2025-0003");
      // Leaders named in "our participants" are matched to the new list; the text stays.
      const { rows: leaders } = await client.query<{ number: number; code: string | null; ours: string }>(
        `SELECT r.number, ri.code, r.our_participants AS ours FROM negotiation_round r LEFT JOIN reference_item ri ON ri.id = r.leader_id ORDER BY r.number`,
      );
      expect(leaders.map((l) => l.code)).toEqual(["mayor", "deputy_county_head", null]);
      expect(leaders[0].ours).toContain("陈国栋（市长）");
    } finally {
      await client.end();
    }
  });
});
