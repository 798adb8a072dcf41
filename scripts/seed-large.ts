/**
 * `npm run seed:large`: a deterministic, province-sized data set in the
 * database of DATABASE_URL, for the benchmark (scripts/bench.ts):
 * 10 units, ~120 users, 20,000 companies, 100,000 projects over five years
 * (`--projects N` scales projects, companies and rounds together: issue 14 measures 10k, 100k and 300k)
 * with stage histories (moves back, lost, on hold), contracts, construction
 * starts, funds in place (CNY and USD), promotion events, chain links,
 * exactly 2,000,000 negotiation rounds, and after the signing each signed
 * project's commitments (figures and the milestone plan, some red or yellow as
 * of SEED_TODAY), their actuals, and supervision orders on ~1% of projects.
 * project.round_count / last_round_on are computed from the rounds by the app's own definition (ROUND_STATS_SQL).
 *
 * Set-based SQL only (INSERT … SELECT … FROM generate_series), with
 * pseudo-random values from hashes of the row index: the same input gives the
 * same data on every run. "Today" is fixed (SEED_TODAY, default 2026-11-29) so
 * the data do not drift with the calendar.
 *
 * The database must be migrated and hold no projects; `--reset` empties every
 * data table first (TRUNCATE … RESTART IDENTITY). Every user's password is
 * LARGE_PASSWORD below (e.g. manager: large-manager-city@bench.local).
 */
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { ROUND_STATS_SQL } from "../lib/data/round-stats";

export const LARGE_PASSWORD = "bench-password-123";
const TODAY = process.env.SEED_TODAY ?? "2026-11-29";
/** `--projects N` scales the set (companies and rounds in proportion: 1 company per 5 projects, 20 rounds per project); 100,000 by default. */
function projectsArg(): number {
  const at = process.argv.indexOf("--projects");
  if (at < 0) return 100_000;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 100 || n > 5_000_000) {
    console.error("--projects takes a whole number from 100 to 5,000,000.");
    process.exit(1);
  }
  return n;
}
const PROJECTS = projectsArg();
const COMPANIES = Math.max(1, Math.round(PROJECTS / 5));
const ROUNDS = PROJECTS * 20;
const UNITS = 10;
const OFFICERS_PER_UNIT = 10;

const url = process.env.DATABASE_URL ?? "";
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}

const client = new pg.Client({ connectionString: url });
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1).padStart(6);

async function step(label: string, sql: string, params: unknown[] = []) {
  const t = Date.now();
  const r = await client.query(sql, params);
  console.log(`${secs()}s  ${label}${r.rowCount !== null && r.command !== "CREATE" ? `: ${r.rowCount.toLocaleString("en")} rows` : ""} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
}

/** h(i, salt): a deterministic non-negative int from the row index. */
const H = (expr: string, salt: string) => `(hashtext((${expr})::text || '${salt}') & 2147483647)`;

async function main() {
  await client.connect();
  await client.query("SET synchronous_commit = off");
  await client.query("SET work_mem = '128MB'");
  await client.query("SET maintenance_work_mem = '512MB'");
  const { rows } = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM project");
  if (rows[0].n > 0) {
    if (!process.argv.includes("--reset")) {
      console.error(`The database already holds ${rows[0].n} projects. Use a scratch database, or --reset to empty it first.`);
      process.exit(1);
    }
  }
  if (process.argv.includes("--reset")) {
    await step(
      "emptied the data tables",
      `TRUNCATE audit_log, supervision_step, supervision_order_project, supervision_order, commitment_actual, commitment, negotiation_round, funds_in_place, construction_start, contract, stage_change, project,
                promotion_event, contact, company, api_token, sign_in_failure, app_user, reference_item, unit RESTART IDENTITY CASCADE`,
    );
  }
  const passwordHash = await hashPassword(LARGE_PASSWORD);
  console.log(`Seeding a large data set into ${new URL(url).pathname.slice(1)} (today = ${TODAY}).`);

  await client.query("BEGIN");
  // Units: the city (index 0) and nine counties/districts.
  await step(
    "units",
    `INSERT INTO unit (code, name_zh, name_en, kind, updated_at)
     SELECT CASE WHEN u = 0 THEN 'L-CITY' ELSE 'L-' || lpad(u::text, 2, '0') END,
            CASE WHEN u = 0 THEN '大市' ELSE '区县' || u END,
            CASE WHEN u = 0 THEN 'Large City' ELSE 'County ' || u END,
            (CASE WHEN u = 0 THEN 'CITY' WHEN u % 2 = 0 THEN 'DISTRICT' ELSE 'COUNTY' END)::"UnitKind", now()
       FROM generate_series(0, ${UNITS - 1}) u ORDER BY u`,
  );
  await client.query(`CREATE TEMP TABLE lunit AS SELECT row_number() OVER (ORDER BY id) - 1 AS u, id FROM unit WHERE code LIKE 'L-%'`);
  await step(
    "users",
    `INSERT INTO app_user (email, name, password_hash, role, unit_id, updated_at)
     SELECT 'large-admin@bench.local', '管理员', $1, 'ADMIN'::"Role", (SELECT id FROM lunit WHERE u = 0), now()
     UNION ALL
     SELECT 'large-manager-' || CASE WHEN u = 0 THEN 'city' ELSE u::text END || '@bench.local', '经理' || u, $1, 'MANAGER'::"Role", id, now() FROM lunit
     UNION ALL
     SELECT 'large-officer-' || u || '-' || k || '@bench.local', '专员' || u || '-' || k, $1, 'OFFICER'::"Role", id, now()
       FROM lunit CROSS JOIN generate_series(0, ${OFFICERS_PER_UNIT - 1}) k`,
    [passwordHash],
  );
  await client.query(
    `CREATE TEMP TABLE lofficer AS
     SELECT l.u, (regexp_match(a.email, '-(\\d+)@'))[1]::int AS k, a.id
       FROM app_user a JOIN lunit l ON l.id = a.unit_id WHERE a.role = 'OFFICER' AND a.email LIKE 'large-officer-%'`,
  );
  await client.query("CREATE INDEX ON lofficer (u, k)");
  await step(
    "reference items",
    `INSERT INTO reference_item (kind, code, name_zh, name_en, sort_order, updated_at)
     SELECT 'SECTOR'::"ReferenceKind", 'L-S' || i, '行业' || i, 'Sector ' || i, i, now() FROM generate_series(1, 12) i
     UNION ALL SELECT 'INDUSTRY_CHAIN'::"ReferenceKind", 'L-C' || i, '产业链' || i, 'Chain ' || i, i, now() FROM generate_series(1, 8) i
     UNION ALL SELECT 'SOURCE'::"ReferenceKind", 'L-R' || i, '来源' || i, 'Source ' || i, i, now() FROM generate_series(1, 5) i
     UNION ALL SELECT 'AGREEMENT_KIND'::"ReferenceKind", 'L-K' || i, CASE i WHEN 1 THEN '框架协议' ELSE '正式投资合同' END,
                      CASE i WHEN 1 THEN 'Framework agreement' ELSE 'Investment contract' END, i, now() FROM generate_series(1, 2) i`,
  );
  await client.query(`CREATE TEMP TABLE lref AS SELECT kind::text AS kind, row_number() OVER (PARTITION BY kind ORDER BY sort_order) AS n, id FROM reference_item WHERE code LIKE 'L-%'`);
  await step(
    "companies",
    `INSERT INTO company (id, name_zh, name_en, country_code, group_name, industry, ownership_type, updated_at)
     SELECT i, '企业' || i || '有限公司', 'Company ' || i || ' Ltd',
            CASE WHEN ${H("i", "cc")} % 100 < 78 THEN 'CN'
                 ELSE (ARRAY['HK','US','DE','JP','KR','SG','TW','GB','FR','NL'])[1 + ${H("i", "cc2")} % 10] END,
            CASE WHEN i % 7 = 0 THEN '集团' || (i / 7) % 500 END, '行业' || (1 + i % 12),
            (ARRAY['STATE','PRIVATE','PRIVATE','PRIVATE','FOREIGN','JOINT_VENTURE','HMT','OTHER'])[1 + ${H("i", "own")} % 8]::"OwnershipType", now()
       FROM generate_series(1, ${COMPANIES}) i`,
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('company', 'id'), ${COMPANIES})`);
  await step(
    "promotion events",
    `INSERT INTO promotion_event (id, name_zh, name_en, city_zh, city_en, starts_on, ends_on, unit_id, updated_at)
     SELECT i, '投资推介会' || i, 'Promotion conference ' || i,
            (ARRAY['北京','杭州','深圳','上海'])[1 + i % 4], (ARRAY['Beijing','Hangzhou','Shenzhen','Shanghai'])[1 + i % 4],
            $1::date - 1826 + i * 45, $1::date - 1825 + i * 45, (SELECT id FROM lunit WHERE u = i % ${UNITS}), now()
       FROM generate_series(1, 40) i`,
    [TODAY],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('promotion_event', 'id'), 40)`);

  // The plan: one row per project with every date and amount decided up front.
  // target: the furthest forward stage it is meant to reach (1 FIRST_CONTACT … 6 OPERATING);
  // reach: what it reached by today; side: 0 none, 1 lost, 2 on hold; back: moved back once.
  await step(
    "project plan",
    `CREATE UNLOGGED TABLE IF NOT EXISTS seed_large_plan AS
     WITH base AS (
       SELECT i,
              $1::date - 1 - (${H("i", "c0")} % 1826) AS c0,
              ${H("i", "tg")} % 100 AS tg,
              ${H("i", "un")} % ${UNITS} AS u,
              ${H("i", "ow")} % ${OFFICERS_PER_UNIT} AS k,
              1 + ${H("i", "co")} % ${COMPANIES} AS company_id,
              round(power(10, 7 + (${H("i", "amt")} % 3300) / 1000.0) / 10000) * 10000 AS planned,
              ${H("i", "g")} AS g
         FROM generate_series(1, ${PROJECTS}) i
     ), dates AS (
       SELECT b.*,
              CASE WHEN tg < 35 THEN 1 WHEN tg < 55 THEN 2 WHEN tg < 72 THEN 3 WHEN tg < 84 THEN 4 WHEN tg < 94 THEN 5 ELSE 6 END AS target,
              c0 + 10 + g % 60 AS d2,
              c0 + 40 + g % 60 + (g / 60) % 150 AS d3,
              c0 + 100 + g % 60 + (g / 60) % 150 + (g / 9000) % 200 AS d4,
              c0 + 160 + g % 60 + (g / 60) % 150 + (g / 9000) % 200 + (g / 1800000) % 120 AS d5,
              c0 + 560 + g % 60 + (g / 60) % 150 + (g / 9000) % 200 + (g / 1800000) % 120 AS d6
         FROM base b
     )
     SELECT d.*,
            LEAST(target, CASE WHEN d6 < $1::date THEN 6 WHEN d5 < $1::date THEN 5 WHEN d4 < $1::date THEN 4
                               WHEN d3 < $1::date THEN 3 WHEN d2 < $1::date THEN 2 ELSE 1 END) AS reach,
            CASE WHEN ${H("i", "sd")} % 100 < 8 THEN 1 WHEN ${H("i", "sd")} % 100 < 12 THEN 2 ELSE 0 END AS side,
            ${H("i", "bk")} % 100 < 6 AS back,
            ${H("i", "rv")} % 100 < 3 AS revived
       FROM dates d`,
    [TODAY],
  );
  // Side states only for projects still open (reach ≤ 3), at a day after their last move; revived ones came back.
  await client.query(`ALTER TABLE seed_large_plan ADD COLUMN side_on date, ADD COLUMN n_rounds int, ADD COLUMN last_on date`);
  await step(
    "plan: side states",
    `UPDATE seed_large_plan SET
       side = CASE WHEN reach <= 3 THEN side ELSE 0 END,
       side_on = (CASE reach WHEN 1 THEN c0 WHEN 2 THEN d2 ELSE d3 END) + 5 + g % 30,
       revived = revived AND reach >= 2 AND reach <= 3`,
  );
  await client.query(`UPDATE seed_large_plan SET side = 0 WHERE side_on >= $1::date`, [TODAY]);
  // Rounds: weights by how far a project went; exactly ROUNDS in total (cumulative floor split).
  await step(
    "plan: rounds per project",
    `WITH w AS (
       SELECT i, (CASE reach WHEN 1 THEN 1 + g % 4 WHEN 2 THEN 4 + g % 10 WHEN 3 THEN 12 + g % 40 ELSE 18 + g % 45 END)::bigint AS w FROM seed_large_plan
     ), c AS (
       SELECT i, SUM(w) OVER (ORDER BY i) AS cum, SUM(w) OVER () AS total FROM w
     )
     UPDATE seed_large_plan p SET n_rounds = floor(c.cum * ${ROUNDS} / c.total) - floor((c.cum - w.w) * ${ROUNDS} / c.total)
       FROM c JOIN w USING (i) WHERE p.i = c.i`,
  );
  await client.query(`ALTER TABLE seed_large_plan ADD PRIMARY KEY (i)`);

  await step(
    "projects",
    `INSERT INTO project (id, external_id, company_id, title, sector_id, chain_id, unit_id, phase, planned_investment_cny, foreign_investment_usd,
                          jobs, land_mu, source_id, event_id, anchor_project_id, owner_id, stage, stage_entered_at, stage_reason,
                          first_contact_on, next_follow_up_on, created_at, updated_at)
     SELECT p.i, 'L-' || p.i, p.company_id, '项目' || p.i || (ARRAY['新能源电池','装备制造','煤化工','新材料','电子信息','生物医药','食品加工','现代物流'])[1 + p.g % 8] || '基地',
            (SELECT id FROM lref WHERE kind = 'SECTOR' AND n = 1 + p.g % 12),
            (SELECT id FROM lref WHERE kind = 'INDUSTRY_CHAIN' AND n = 1 + (p.g / 12) % 8),
            lu.id, CASE WHEN p.g % 5 = 0 THEN '一期' END, p.planned,
            CASE WHEN c.country_code <> 'CN' THEN round(p.planned / 7.1 * (0.2 + (p.g % 80) / 100.0), -4) END,
            50 + p.g % 2000, 20 + p.g % 800,
            (SELECT id FROM lref WHERE kind = 'SOURCE' AND n = 1 + (p.g / 7) % 5),
            CASE WHEN p.g % 100 < 4 THEN 1 + (p.i % 40) END,
            CASE WHEN p.i % 500 <> 1 AND p.g % 100 >= 95 THEN 1 + 500 * ((p.g / 100) % ${Math.max(1, Math.floor(PROJECTS / 500))}) END,
            o.id,
            (CASE WHEN p.side = 1 AND NOT p.revived THEN 'LOST' WHEN p.side = 2 AND NOT p.revived THEN 'ON_HOLD'
                  ELSE (ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION','SIGNED','CONSTRUCTION','OPERATING'])[p.reach] END)::"Stage",
            (CASE WHEN p.side > 0 THEN p.side_on ELSE (ARRAY[p.c0, p.d2, p.d3, p.d4, p.d5, p.d6])[p.reach] END)::timestamp + interval '5 hours',
            CASE WHEN p.side = 1 AND NOT p.revived THEN '投资方战略调整' WHEN p.side = 2 AND NOT p.revived THEN '等待审批' END,
            p.c0,
            CASE WHEN p.reach < 6 AND NOT (p.side = 1 AND NOT p.revived) THEN $1::date - 60 + p.g % 120 END,
            p.c0::timestamp, p.c0::timestamp
       FROM seed_large_plan p
       JOIN company c ON c.id = p.company_id
       JOIN lunit lu ON lu.u = p.u
       JOIN lofficer o ON o.u = p.u AND o.k = p.k`,
    [TODAY],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('project', 'id'), ${PROJECTS})`);

  // Stage history: every forward stage up to reach, a move back (NEGOTIATION → INTENT → NEGOTIATION) for some,
  // the side state for lost/on-hold ones, and for revived ones the return to where they were.
  await step(
    "stage changes",
    `INSERT INTO stage_change (project_id, from_stage, to_stage, reason, changed_by_id, changed_at)
     SELECT p.i, (ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION','SIGNED','CONSTRUCTION'])[s - 1]::"Stage",
            (ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION','SIGNED','CONSTRUCTION','OPERATING'])[s]::"Stage", NULL, pr.owner_id,
            (ARRAY[p.c0, p.d2, p.d3, p.d4, p.d5, p.d6])[s]::timestamp + interval '1 hour' + (p.g % 600) * interval '1 minute'
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i CROSS JOIN LATERAL generate_series(1, p.reach) s
     UNION ALL
     SELECT p.i, x.f::"Stage", x.t::"Stage", x.r, pr.owner_id, x.at
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i
       CROSS JOIN LATERAL (VALUES ('NEGOTIATION', 'INTENT', '条件需重新评估', p.d3 + 3 + p.g % 10),
                                  ('INTENT', 'NEGOTIATION', NULL, p.d3 + 20 + p.g % 10)) v(f, t, r, on_day)
       CROSS JOIN LATERAL (SELECT v.f, v.t, v.r, v.on_day::timestamp + interval '3 hours' AS at) x
      WHERE p.back AND p.side = 0 AND p.reach >= 3 AND p.d3 + 30 + p.g % 10 < LEAST(COALESCE(CASE WHEN p.reach >= 4 THEN p.d4 END, $1::date), $1::date)
     UNION ALL
     SELECT p.i, (ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION'])[p.reach]::"Stage", (CASE p.side WHEN 1 THEN 'LOST' ELSE 'ON_HOLD' END)::"Stage",
            CASE p.side WHEN 1 THEN '投资方战略调整' ELSE '等待审批' END, pr.owner_id, p.side_on::timestamp + interval '4 hours'
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i WHERE p.side > 0
     UNION ALL
     SELECT p.i, (CASE p.side WHEN 1 THEN 'LOST' ELSE 'ON_HOLD' END)::"Stage", (ARRAY['FIRST_CONTACT','INTENT','NEGOTIATION'])[p.reach]::"Stage",
            '重新启动', pr.owner_id, p.side_on::timestamp + interval '5 hours'
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i WHERE p.side > 0 AND p.revived`,
    [TODAY],
  );
  await step(
    "contracts",
    `INSERT INTO contract (project_id, signed_on, contracted_investment_cny, contracted_foreign_usd, agreement_kind_id, created_by_id, created_at, updated_at)
     SELECT p.i, p.d4, round(p.planned * (0.8 + (p.g % 41) / 100.0), -4), pr.foreign_investment_usd,
            (SELECT id FROM lref WHERE kind = 'AGREEMENT_KIND' AND n = 1 + p.g % 2), pr.owner_id, p.d4::timestamp, p.d4::timestamp
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i WHERE p.reach >= 4`,
  );
  await step(
    "construction starts",
    `INSERT INTO construction_start (project_id, started_on, created_by_id, created_at, updated_at)
     SELECT p.i, p.d5, pr.owner_id, p.d5::timestamp, p.d5::timestamp FROM seed_large_plan p JOIN project pr ON pr.id = p.i WHERE p.reach >= 5`,
  );
  await step(
    "funds in place",
    `INSERT INTO funds_in_place (project_id, amount, currency, received_on, created_by_id, created_at, updated_at)
     SELECT p.i, CASE WHEN x.usd THEN round(pr.foreign_investment_usd / 4, 2) ELSE round(pr.planned_investment_cny * 0.15, 2) END,
            (CASE WHEN x.usd THEN 'USD' ELSE 'CNY' END)::"Currency", x.on_day, pr.owner_id, x.on_day::timestamp, x.on_day::timestamp
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i
       CROSS JOIN LATERAL generate_series(1, 1 + p.g % 3) t
       CROSS JOIN LATERAL (SELECT p.d5 + 30 + t * 90 AS on_day, pr.foreign_investment_usd IS NOT NULL AND t % 2 = 1 AS usd) x
      WHERE p.reach >= 5 AND x.on_day < $1::date`,
    [TODAY],
  );

  // After the signing (issue 15): each signed project's promises on its contract — figures and the milestone plan
  // 供地 → 开工 → 投产 → 达产 → 入统 with due dates spread after the signing — and what was reached, so that as of
  // SEED_TODAY some milestones are red (past due, not reached), some yellow (due within 30 days) and most green.
  // Construction start is reached by the project's construction_start (lib/data/commitments.ts reads it there).
  await step(
    "commitments (figures and milestone plan)",
    `INSERT INTO commitment (project_id, contract_id, kind, value, due_on, created_by_id, created_at, updated_at)
     SELECT p.i, k.id, x.kind::"CommitmentKind", x.value, x.due_on, pr.owner_id, p.d4::timestamp, p.d4::timestamp
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i JOIN contract k ON k.project_id = p.i
       CROSS JOIN LATERAL (VALUES
         ('INVESTMENT_TOTAL', k.contracted_investment_cny, p.d4 + 730 + p.g % 365),
         ('FIXED_ASSET', round(k.contracted_investment_cny * 0.7, -4), p.d4 + 730 + p.g % 365),
         ('FOREIGN_INVESTMENT', k.contracted_foreign_usd, p.d4 + 730 + p.g % 365),
         ('JOBS', pr.jobs::numeric, p.d4 + 1095),
         ('ANNUAL_TAX', round(k.contracted_investment_cny * 0.02, -4), p.d4 + 1460),
         ('LAND_HANDOVER', NULL, p.d4 + 60 + p.g % 90),
         ('CONSTRUCTION_START', NULL, p.d4 + 120 + (p.g / 7) % 180),
         ('PRODUCTION', NULL, p.d4 + 480 + (p.g / 11) % 240),
         ('FULL_PRODUCTION', NULL, p.d4 + 840 + (p.g / 13) % 300),
         ('STATISTICS', NULL, p.d4 + 900 + (p.g / 17) % 300)) x(kind, value, due_on)
      WHERE p.reach >= 4 AND (x.kind <> 'FOREIGN_INVESTMENT' OR k.contracted_foreign_usd IS NOT NULL)`,
  );
  await step(
    "commitment actuals (milestones reached, figures reported)",
    `INSERT INTO commitment_actual (project_id, kind, value, reported_on, created_by_id, created_at, updated_at)
     SELECT p.i, x.kind::"CommitmentKind", x.value, x.on_day, pr.owner_id, x.on_day::timestamp, x.on_day::timestamp
       FROM seed_large_plan p JOIN project pr ON pr.id = p.i
       CROSS JOIN LATERAL (VALUES
         -- 供地: before the construction start; for a third of the projects signed but not started, not yet.
         ('LAND_HANDOVER', NULL::numeric, CASE WHEN p.reach >= 5 THEN p.d5 - 20 - p.g % 30
                                                 WHEN p.g % 3 <> 0 THEN p.d4 + 30 + p.g % 120 END),
         ('PRODUCTION', NULL, CASE WHEN p.reach = 6 THEN p.d6 END),
         ('FULL_PRODUCTION', NULL, CASE WHEN p.reach = 6 THEN p.d6 + 180 + p.g % 200 END),
         ('STATISTICS', NULL, CASE WHEN p.reach = 6 AND p.g % 4 <> 0 THEN p.d6 + 240 + p.g % 200 END),
         ('JOBS', round(pr.jobs * (0.3 + (p.g % 70) / 100.0)), CASE WHEN p.reach >= 5 THEN GREATEST(p.d5 + 30, $1::date - 1 - p.g % 90) END),
         ('ANNUAL_TAX', round(pr.planned_investment_cny * 0.02 * (0.5 + (p.g % 60) / 100.0), -4), CASE WHEN p.reach = 6 THEN p.d6 + 365 END)
       ) x(kind, value, on_day)
      WHERE p.reach >= 4 AND x.on_day IS NOT NULL AND x.on_day < $1::date`,
    [TODAY],
  );
  // Supervision orders (督办) on about one project in a hundred of those in negotiation or later, issued by the
  // unit's manager to the project's owner; open, answered, resolved or escalated, some past their answer date.
  await step(
    "supervision orders",
    `WITH src AS (
       SELECT p.i AS project_id, pr.unit_id, '请于期限内说明项目' || p.i || '进展缓慢的原因并提交整改计划。' AS requirement, x.due,
              pr.owner_id, m.id AS issuer, x.status
         FROM seed_large_plan p JOIN project pr ON pr.id = p.i
         JOIN app_user m ON m.role = 'MANAGER' AND m.unit_id = pr.unit_id AND m.email LIKE 'large-manager-%'
         CROSS JOIN LATERAL (SELECT $1::date - 30 + p.g % 60 AS due,
                                    CASE WHEN ${H("p.i", "ss")} % 10 < 4 THEN 'OPEN' WHEN ${H("p.i", "ss")} % 10 < 7 THEN 'ANSWERED'
                                         WHEN ${H("p.i", "ss")} % 10 < 9 THEN 'RESOLVED' ELSE 'ESCALATED' END AS status) x
        WHERE p.reach >= 3 AND p.side = 0 AND ${H("p.i", "sv")} % 100 < 2),
     orders AS (
       INSERT INTO supervision_order (unit_id, requirement, answer_due_on, assignee_id, issued_by_id, status, closed_at, created_at, updated_at)
       SELECT unit_id, requirement, due, owner_id, issuer, status::"SupervisionStatus",
              CASE WHEN status = 'RESOLVED' THEN LEAST(due + 3, $1::date - 1)::timestamp + interval '10 hours' END,
              (due - 14)::timestamp + interval '9 hours', (due - 14)::timestamp + interval '9 hours'
         FROM src ORDER BY project_id
       RETURNING id, requirement)
     -- Each order's set: its one project (the requirement names it).
     INSERT INTO supervision_order_project (order_id, project_id)
     SELECT orders.id, src.project_id FROM orders JOIN src ON src.requirement = orders.requirement`,
    [TODAY],
  );
  await step(
    "supervision steps",
    `INSERT INTO supervision_step (order_id, kind, body, author_id, at)
     SELECT o.id, s.kind::"SupervisionStepKind", s.body, s.author, s.at
       FROM supervision_order o
       CROSS JOIN LATERAL (VALUES
         ('PLAN', '已制定整改计划：两周内完成供地手续，月底前开工。', o.assignee_id, o.created_at + interval '5 days', o.status <> 'OPEN'),
         ('PROGRESS', '供地手续已提交，正在审批。', o.assignee_id, o.created_at + interval '9 days', o.status <> 'OPEN' AND o.id % 2 = 0),
         ('RESOLVE', '整改到位，督办办结。', o.issued_by_id, o.closed_at, o.status = 'RESOLVED'),
         ('ESCALATE', '逾期未整改，提请市级督办。', o.issued_by_id, o.created_at + interval '12 days', o.status = 'ESCALATED')
       ) s(kind, body, author, at, present)
      WHERE s.present`,
  );

  // Rounds, in chunks for progress: spread between first contact and the last forward move (or today).
  const CHUNK = 10_000;
  for (let lo = 1; lo <= PROJECTS; lo += CHUNK) {
    await step(
      `negotiation rounds, projects ${lo}-${lo + CHUNK - 1}`,
      `INSERT INTO negotiation_round (project_id, number, held_on, format, place, our_participants, investor_participants, topics, summary,
                                      next_steps, created_by_id, created_at, updated_at)
       SELECT p.i, rn, x.held_on,
              (ARRAY['VISIT_HERE','VISIT_INVESTOR','VIDEO','CONFERENCE','PHONE'])[1 + (p.g + rn) % 5]::"RoundFormat",
              CASE WHEN (p.g + rn) % 5 = 0 THEN '市政府会议室' END, '招商专员', '投资方代表',
              (CASE (p.g + rn) % 5 WHEN 0 THEN ARRAY['land'] WHEN 1 THEN ARRAY['incentives'] WHEN 2 THEN ARRAY['energy','land']
                    WHEN 3 THEN ARRAY['approvals'] ELSE ARRAY['talent'] END)::varchar(32)[],
              '第' || rn || '轮洽谈：就用地、政策与时间表交换意见。', CASE WHEN rn % 3 = 0 THEN '准备下一轮材料' END,
              pr.owner_id, x.held_on::timestamp + interval '9 hours', x.held_on::timestamp + interval '9 hours'
         FROM seed_large_plan p JOIN project pr ON pr.id = p.i
         CROSS JOIN LATERAL generate_series(1, p.n_rounds) rn
         CROSS JOIN LATERAL (SELECT p.c0 + (rn * GREATEST(LEAST((ARRAY[p.c0 + 30, p.d2 + 20, p.d3 + 60, p.d4, p.d4, p.d4])[p.reach], $1::date - 1) - p.c0, 1)) / (p.n_rounds + 1) AS held_on) x
        WHERE p.i BETWEEN ${lo} AND ${lo + CHUNK - 1}`,
      [TODAY],
    );
  }
  await step("project round counts and last round (lib/data/round-stats.ts)", ROUND_STATS_SQL, [null]);
  await step("updated_at = the last activity", `UPDATE project SET updated_at = GREATEST(stage_entered_at, COALESCE(last_round_on::timestamp, stage_entered_at))`);
  await client.query("DROP TABLE seed_large_plan");
  await client.query("COMMIT");
  await step("vacuum analyze (visibility map for index-only scans)", "VACUUM ANALYZE");
  const counts = await client.query(
    `SELECT (SELECT COUNT(*) FROM project)::int AS projects, (SELECT COUNT(*) FROM company)::int AS companies,
            (SELECT COUNT(*) FROM negotiation_round)::int AS rounds, (SELECT COUNT(*) FROM stage_change)::int AS stage_changes,
            (SELECT COUNT(*) FROM contract)::int AS contracts, (SELECT COUNT(*) FROM construction_start)::int AS starts,
            (SELECT COUNT(*) FROM funds_in_place)::int AS funds, (SELECT COUNT(*) FROM commitment)::int AS commitments,
            (SELECT COUNT(*) FROM commitment_actual)::int AS actuals, (SELECT COUNT(*) FROM supervision_order)::int AS supervision_orders,
            (SELECT COUNT(*) FROM app_user)::int AS users`,
  );
  console.log(`${secs()}s  done:`, counts.rows[0]);
  await client.end();
}

main().catch(async (error) => {
  console.error(error);
  await client.query("ROLLBACK").catch(() => {});
  await client.end().catch(() => {});
  process.exit(1);
});
