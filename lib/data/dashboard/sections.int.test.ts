/**
 * Each dashboard section is cached on the stamps of what it declares it reads (sections.ts, cache.ts, migration
 * 20261201230000_data_source_version). Two things keep that honest:
 * - the declarations against the SQL each section sends (every table it names, every project column it mentions,
 *   the summaries standing for what they are made of), for a city manager, a county manager and every filter;
 * - the dashboard served from the cache after each kind of write equals a fresh computation (the page never shows a
 *   number older than the last commit), while a write computes again only the sections reading what it changed.
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { testDb } from "@/test/factories";
import { makeActor, makeProject, moveAsForm, newRequestId, ymd, type TestActor } from "@/lib/data/stage.test-helpers";
import { logRound } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { yearPeriod } from "@/lib/domain/period";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import { getDashboard } from "@/lib/data/dashboard";
import { cachedDashboard } from "@/lib/data/dashboard/cache";
import { ACTIVITY_SECTIONS, RECORD_SECTIONS, sourcesOf, type Section } from "@/lib/data/dashboard/sections";

// Every statement this file's client sends, by text (patched before the first query).
const sent: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  sent.push(typeof first === "string" ? first : (first?.text ?? ""));
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const db = testDb();
const SECTIONS: Record<string, Section<unknown>> = { ...RECORD_SECTIONS, ...ACTIVITY_SECTIONS };

/** The summaries stand for what their triggers make them of. */
const MADE_OF: Record<string, string[]> = {
  round_day_summary: ["negotiation_round", "project.unit_id", "project.owner_id"],
  round_week_summary: ["negotiation_round", "project.unit_id", "project.owner_id"],
  round_month_summary: ["negotiation_round", "project.unit_id", "project.owner_id"],
  project_day_summary: ["project.stage", "project.unit_id", "project.last_round_on", "project.first_contact_on", "project.next_follow_up_on"],
  project_month_summary: ["project.stage", "project.unit_id", "project.last_round_on", "project.first_contact_on", "project.next_follow_up_on"],
  milestone_reached: ["construction_start", "commitment_actual"],
  funnel_period_fact: ["stage_change"],
  funnel_summary: ["stage_change", "project.unit_id", "project.owner_id", "project.sector_id", "project.chain_id"],
  funnel_unit_summary: ["stage_change", "project.unit_id", "project.owner_id"],
  project_stage_summary: ["project", ...["unit_id", "owner_id", "sector_id", "chain_id", "stage", "planned_investment_cny", "foreign_investment_usd"].map((c) => `project.${c}`)],
  project_stage_unit_summary: ["project", ...["unit_id", "owner_id", "stage", "planned_investment_cny", "foreign_investment_usd"].map((c) => `project.${c}`)],
};

describe("each section's declared sources", () => {
  it("name every table its SQL reads and every project column it mentions, and every such table moves data_version", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const city = await makeActor("MANAGER", undefined, "CITY");
    await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION"], contractOn: ymd(-30), startedOn: ymd(-10) });
    const sector = await db.referenceItem.findFirst({ where: { kind: "SECTOR" }, select: { id: true } });
    const year = yearPeriod(Number(ymd().slice(0, 4)));
    const cases: [TestActor, DashboardFilters][] = [
      [city, { period: year }],
      [manager, { period: year }],
      [city, { period: year, unitId: manager.unitId }],
      [city, { period: year, sectorId: sector?.id ?? 1, chainId: 1, ownerId: officer.id }],
    ];
    const tables = new Set((await db.$queryRaw<{ t: string }[]>`SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'`).map((r) => r.t));
    const projectColumns = (await db.$queryRaw<{ c: string }[]>`SELECT column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'project'`).map((r) => r.c);
    const moving = new Set(
      (await db.$queryRaw<{ t: string }[]>`
        SELECT DISTINCT c.relname::text AS t FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_proc f ON f.oid = tg.tgfoid
         WHERE f.proname LIKE 'data_version%'`).map((r) => r.t),
    );
    const problems: string[] = [];
    for (const [name, section] of Object.entries(SECTIONS)) {
      sent.length = 0;
      for (const [user, filters] of cases) await section.compute(db, user, filters, new Date());
      const sql = sent.join("\n");
      const declared = new Set(sourcesOf(section));
      const needed = new Set<string>();
      for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi)) {
        const t = m[1].toLowerCase();
        if (!tables.has(t)) continue; // a CTE, a function
        for (const s of MADE_OF[t] ?? [t]) needed.add(s);
      }
      // id never changes and version is no source (the trigger stamps neither): mentions of them (any table's) need nothing.
      // A column is read from project only where the SQL reads project: counted_signing's copies of unit_id, owner_id, …
      // are the table counted_signing, which its triggers stamp when a copy changes.
      if (needed.has("project"))
        for (const c of projectColumns.filter((c) => c !== "id" && c !== "version")) if (new RegExp(`\\.\\s*"?${c}"?\\b`).test(sql)) needed.add(`project.${c}`);
      for (const s of needed) {
        if (!declared.has(s)) problems.push(`${name} reads ${s} but does not declare it`);
        const table = s.split(".")[0];
        if (!moving.has(table)) problems.push(`${name} reads ${table}, which moves no data_version`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the dashboard served from the cache", () => {
  it("equals a fresh computation after each kind of write, and computes again only what reads what the write changed", async () => {
    const manager = await makeActor("MANAGER");
    const officer = await makeActor("OFFICER", manager.unitId);
    const other = await makeActor("OFFICER", manager.unitId);
    const today = ymd();
    const year: DashboardFilters = { period: yearPeriod(Number(today.slice(0, 4))) };
    const signed = await makeProject(officer, { path: ["INTENT", "NEGOTIATION", "SIGNED"], firstContactOn: ymd(-200), contractOn: ymd(-40) });
    const talking = await makeProject(officer, { path: ["INTENT", "NEGOTIATION"], firstContactOn: ymd(-100) });
    const lead = await makeProject(officer, { firstContactOn: ymd(-5) });
    const now = new Date();
    const computed: string[] = [];
    const compute = (name: string, fresh: () => Promise<unknown>) => (computed.push(name), fresh());
    const served = async () => JSON.parse(JSON.stringify(await cachedDashboard(db, manager, year, { now, compute })));
    const fresh = async () => JSON.parse(JSON.stringify(await getDashboard(db, manager, year, now)));
    const check = async (what: string) => {
      computed.length = 0;
      const s = await served();
      expect({ what, dashboard: s }).toEqual({ what, dashboard: await fresh() });
      return [...computed].sort();
    };
    const sql = (text: TemplateStringsArray, ...values: unknown[]) => db.$executeRaw(text, ...values);

    await check("first");
    expect(await check("nothing written")).toEqual([]);

    // A title edited: only what shows titles.
    await sql`UPDATE project SET title = title || '（改）', version = version + 1 WHERE id = ${talking.id}`;
    expect(await check("title")).toEqual(["chains", "closest"]);
    await sql`UPDATE project SET planned_investment_cny = 7700000000, version = version + 1 WHERE id = ${talking.id}`;
    const planned = await check("planned investment");
    expect(planned).toContain("pipelineStages");
    expect(planned).not.toContain("funnel");

    await logRound(db, officer, ZLogRound.parse({ projectId: String(talking.id), requestId: newRequestId(), format: "VISIT_INVESTOR", summary: "拜访投资方。", heldOn: today }));
    expect(await check("a round today")).toEqual(Object.keys(ACTIVITY_SECTIONS).sort());
    await logRound(db, officer, ZLogRound.parse({ projectId: String(signed.id), requestId: newRequestId(), format: "PHONE", summary: "补录签约前。", heldOn: ymd(-45) }));
    expect(await check("a round before the signing")).toContain("durations");

    await moveAsForm(officer, talking.id, "SIGNED", { signedOn: today, contractedInvestmentCny: "300000000" }).catch(() => undefined);
    await check("a stage move (and its contract, when the form takes one)");
    await sql`INSERT INTO stage_change (project_id, from_stage, to_stage, changed_by_id, changed_at) VALUES (${lead.id}, 'FIRST_CONTACT', 'INTENT', ${officer.id}, now())`;
    await sql`UPDATE project SET stage = 'INTENT', version = version + 1 WHERE id = ${lead.id}`;
    await check("a stage move by hand");

    await sql`UPDATE contract SET contracted_investment_cny = contracted_investment_cny + 1 WHERE project_id = ${signed.id}`;
    const contract = await check("a contract's amount");
    // The activity index's signings are counted again, not its leads, events and starts.
    expect(contract).toContain("activitySignings");
    expect(contract).not.toContain("activityCounts");
    await sql`UPDATE contract SET signed_on = ${today}::date WHERE project_id = ${signed.id}`;
    await check("a contract's day");
    await sql`INSERT INTO construction_start (project_id, started_on, created_by_id, updated_at) VALUES (${signed.id}, ${today}::date, ${officer.id}, now())`;
    await check("a construction start");
    await sql`INSERT INTO funds_in_place (project_id, amount, currency, received_on, created_by_id, updated_at) VALUES (${signed.id}, 1000, 'CNY', ${today}::date, ${officer.id}, now())`;
    await check("funds in place");

    await sql`UPDATE project SET next_follow_up_on = ${ymd(-3)}::date, version = version + 1 WHERE id = ${lead.id}`;
    await check("a follow-up date");
    await sql`UPDATE project SET owner_id = ${other.id}, version = version + 1 WHERE id = ${talking.id}`;
    await check("another owner");
    // A project never signed given to another officer: no signed number is read again (counted_signing unchanged).
    await sql`UPDATE project SET owner_id = ${other.id}, version = version + 1 WHERE id = ${lead.id}`;
    const reassigned = await check("a lead given to another officer");
    expect(reassigned).toContain("projectCounts");
    expect(reassigned).not.toContain("totals");
    expect(reassigned).not.toContain("deliveryRates");
    await sql`UPDATE app_user SET name = name || '（改）' WHERE id = ${other.id}`;
    await check("an officer renamed");
    await sql`UPDATE unit SET name_zh = name_zh || '（改）' WHERE id = ${manager.unitId}`;
    await check("the unit renamed");
    await sql`UPDATE company SET name_zh = name_zh || '（改）', country_code = 'DE' WHERE id = (SELECT company_id FROM project WHERE id = ${signed.id})`;
    await check("a company renamed and moved abroad");
    await sql`UPDATE installation_setting SET min_recognised_cny = 400000000 WHERE id = 1`;
    await check("the automatic rules");
    await sql`UPDATE installation_setting SET min_recognised_cny = NULL WHERE id = 1`;
    await check("the automatic rules back");
    await sql`INSERT INTO promotion_event (name_zh, city_zh, starts_on, ends_on, unit_id, updated_at) VALUES ('推介会', '上海', ${today}::date, ${today}::date, ${manager.unitId}, now())`;
    await sql`UPDATE project SET event_id = (SELECT max(id) FROM promotion_event), version = version + 1 WHERE id = ${lead.id}`;
    await check("an event and its lead");
    await sql`INSERT INTO target (unit_id, year, measure, value, updated_at) VALUES (${manager.unitId}, ${Number(today.slice(0, 4))}, 'SIGNED', 5, now())`;
    await check("a target");

    // One transaction that edits a project (records) and then logs a round: activity does not move, the stamps do.
    await db.$transaction([
      db.$executeRaw`UPDATE project SET title = title || '！', version = version + 1 WHERE id = ${lead.id}`,
      db.$executeRaw`INSERT INTO negotiation_round (project_id, number, held_on, format, our_participants, summary, created_by_id, updated_at)
                     VALUES (${lead.id}, 1, ${today}::date, 'VISIT_HERE', '招商局', '来访。', ${officer.id}, now())`,
      db.$executeRaw`UPDATE project SET round_count = round_count + 1, last_round_on = ${today}::date WHERE id = ${lead.id}`,
    ]);
    await check("an edit and a round in one transaction");

    await sql`UPDATE project SET unit_id = (SELECT id FROM unit WHERE id <> ${manager.unitId} ORDER BY id LIMIT 1), version = version + 1 WHERE id = ${talking.id}`;
    await check("a project moved to another unit");
    await sql`DELETE FROM project WHERE id = ${lead.id}`;
    await check("a project deleted");
  });
});
