/**
 * My work counts by the same rules as the project list and the dashboard: for
 * the same user and day, its overdue total is the list's overdue=1 total (and
 * the dashboard's overdue), and its stalled total the dashboard's "stalled" (past the limit)
 * (and the list's stalled=0) — in each scope. Upcoming is what turns overdue
 * the day after its date (isOverdue, the overdue rule read on a row).
 *
 * Own data set in two fresh units (U, and V for scope), "today" 2026-06-15 in
 * Shanghai. A grid for each of officer A and manager M in U and officer V in
 * V: every stage × follow-up (yesterday, today, +14, +15 days, none) ×
 * silence (last round 30 / 29 days ago, never met with first contact 30 / 29
 * days ago). Officer B in U has LIST_LIMIT + 3 projects both overdue and
 * stalled: longer lists than My work shows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDb, uniq } from "@/test/factories";
import { makeDashboardActors } from "@/lib/data/dashboard/actors.test-helpers";
import { LIST_LIMIT, UPCOMING_DAYS, getMyWork, type MyWorkView } from "@/lib/data/my-work";
import { listProjects } from "@/lib/data/project-list";
import { stalledAndOverdue, type Actor } from "@/lib/data/dashboard";
import { isOverdue } from "@/lib/data/sql-rules";
import { STAGES } from "@/lib/domain/stages";
import { quarterPeriod } from "@/lib/domain/period";
import { fromSearchParams, projectsHref, toSearchParams } from "@/lib/domain/project-filter";
import { todayDate } from "@/lib/validation/fields";
import type { Stage } from "@/lib/generated/prisma/enums";

const NOW = new Date("2026-06-15T04:00:00Z");
const TODAY = todayDate(NOW);
const day = (offset: number) => new Date(TODAY.getTime() + offset * 86_400_000);

const FOLLOW_UPS = [-1, 0, UPCOMING_DAYS, UPCOMING_DAYS + 1, null];
const SILENCES = [
  { lastRoundOn: day(-30), firstContactOn: day(-400) },
  { lastRoundOn: day(-29), firstContactOn: day(-400) },
  { lastRoundOn: null, firstContactOn: day(-30) },
  { lastRoundOn: null, firstContactOn: day(-29) },
];

type Row = { unitId: number; ownerId: number; stage: Stage; nextFollowUpOn: Date | null; lastRoundOn: Date | null; firstContactOn: Date };
const made: Row[] = [];

let U: number;
let officerA: Actor, officerB: Actor, managerU: Actor, officerV: Actor, managerV: Actor, cityManager: Actor;

async function create(rows: Row[]) {
  const db = testDb();
  const company = await db.company.create({ data: { nameZh: `规则企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE" } });
  await db.project.createMany({ data: rows.map((r) => ({ ...r, companyId: company.id, title: `规则项目${uniq()}` })) });
  made.push(...rows);
}

function grid(owner: Actor): Row[] {
  return STAGES.flatMap((stage) =>
    FOLLOW_UPS.flatMap((f) => SILENCES.map((s) => ({ unitId: owner.unitId, ownerId: owner.id, stage, nextFollowUpOn: f === null ? null : day(f), ...s }))),
  );
}

beforeAll(async () => {
  ({ U, managerU, officerA, officerB, officerV, managerV, cityManager } = await makeDashboardActors());
  await create([...grid(officerA), ...grid(managerU), ...grid(officerV)]);
  await create(
    Array.from({ length: LIST_LIMIT + 3 }, (_, i) => ({
      unitId: U,
      ownerId: officerB.id,
      stage: STAGES[i % 4],
      nextFollowUpOn: day(-1 - i),
      lastRoundOn: day(-40 - i),
      firstContactOn: day(-400),
    })),
  );
});

/** The list's total for these URL params, as the list page reads them. */
async function listTotal(who: Actor, params: Record<string, string>): Promise<number> {
  return (await listProjects(testDb(), who, fromSearchParams(params), NOW)).total;
}

/** My work's totals next to the list's and the dashboard's for the same projects. */
async function side(who: Actor, view: MyWorkView) {
  const db = testDb();
  const work = await getMyWork(db, who, { view, today: TODAY });
  // "Mine" is an owner filter on the scope, for the list and the dashboard alike.
  const mine: Record<string, string> = Object.fromEntries(toSearchParams(work.inView));
  expect(work.inView).toEqual(view === "mine" ? { ownerId: who.id } : {});
  expect(projectsHref(work.overdue.filter)).toBe(`/projects?${new URLSearchParams({ ...mine, overdue: "1" })}`);
  const dashboard = await stalledAndOverdue(db, who, { period: quarterPeriod(2026, 2), ...work.inView }, NOW);
  return {
    work,
    overdue: { myWork: work.overdue.total, list: await listTotal(who, { overdue: "1", ...mine }), dashboard: dashboard.overdue },
    stalled: { myWork: work.stalled.total, list: await listTotal(who, { stalled: "0", ...mine }), dashboard: dashboard.stalled.find((s) => s.days === 0)!.count },
  };
}

/** Upcoming, read off the rows made: a follow-up within the window that turns overdue the day after it. */
function upcomingMade(inView: (r: Row) => boolean): number {
  const horizon = day(UPCOMING_DAYS);
  return made.filter(
    (r) => inView(r) && r.nextFollowUpOn !== null && r.nextFollowUpOn >= TODAY && r.nextFollowUpOn <= horizon && isOverdue(r, new Date(r.nextFollowUpOn.getTime() + 86_400_000)),
  ).length;
}

describe("my work counts as the project list and the dashboard do", () => {
  it("an officer's own projects: overdue and stalled totals equal the list's and the dashboard's", async () => {
    const { work, overdue, stalled } = await side(officerA, "mine");
    // Six stages in play × yesterday × four silences; four open stages × five follow-ups × two silences of 30 days.
    expect(overdue).toEqual({ myWork: 24, list: 24, dashboard: 24 });
    expect(stalled).toEqual({ myWork: 40, list: 40, dashboard: 40 });
    expect(work.upcoming.total).toBe(upcomingMade((r) => r.ownerId === officerA.id));
    expect(work.upcoming.total).toBe(48);
  });

  it("a manager's unit view: the unit's projects of every owner", async () => {
    const { work, overdue, stalled } = await side(managerU, "unit");
    expect(overdue.myWork).toBe(24 + 24 + LIST_LIMIT + 3);
    expect(overdue.list).toBe(overdue.myWork);
    expect(overdue.dashboard).toBe(overdue.myWork);
    expect(stalled.myWork).toBe(40 + 40 + LIST_LIMIT + 3);
    expect(stalled.list).toBe(stalled.myWork);
    expect(stalled.dashboard).toBe(stalled.myWork);
    expect(work.upcoming.total).toBe(upcomingMade((r) => r.unitId === U));
  });

  it("a manager's own view, and another unit's manager", async () => {
    const own = await side(managerU, "mine");
    expect(own.overdue).toEqual({ myWork: 24, list: 24, dashboard: 24 });
    expect(own.stalled).toEqual({ myWork: 40, list: 40, dashboard: 40 });
    const v = await side(managerV, "unit");
    expect(v.overdue).toEqual({ myWork: 24, list: 24, dashboard: 24 });
    expect(v.stalled).toEqual({ myWork: 40, list: 40, dashboard: 40 });
    expect(v.work.upcoming.total).toBe(upcomingMade((r) => r.ownerId === officerV.id));
  });

  it("longer than the list: LIST_LIMIT rows shown, the total counts them all", async () => {
    const { work, overdue, stalled } = await side(officerB, "mine");
    expect(work.overdue.rows).toHaveLength(LIST_LIMIT);
    expect(work.stalled.rows).toHaveLength(LIST_LIMIT);
    expect(overdue).toEqual({ myWork: LIST_LIMIT + 3, list: LIST_LIMIT + 3, dashboard: LIST_LIMIT + 3 });
    expect(stalled).toEqual({ myWork: LIST_LIMIT + 3, list: LIST_LIMIT + 3, dashboard: LIST_LIMIT + 3 });
    // Oldest follow-up first; the longest silence first.
    expect(work.overdue.rows.map((r) => r.daysUntil)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => i - (LIST_LIMIT + 3)));
    expect(work.stalled.rows[0].daysSilent).toBe(40 + LIST_LIMIT + 2);
    expect(work.upcoming).toEqual({ rows: [], total: 0, totalIsAtLeast: false });
  });

  it("empty lists have a total of 0 (the city manager owns no project)", async () => {
    const work = await getMyWork(testDb(), cityManager, { view: "mine", today: TODAY });
    for (const list of [work.overdue, work.upcoming, work.stalled]) expect({ rows: list.rows, total: list.total }).toEqual({ rows: [], total: 0 });
  });
});
