/**
 * Issue 17's last step of the ladder on the screens: a project overdue by at least the high-risk days
 * (Admin → Notifications, notification_setting) is 高风险 on the project list and the board, and the
 * list's highRisk=1 filter finds exactly those. Its own database: the setting is one row for the installation.
 *
 * "Today" is 2026-06-15 in Shanghai. Projects of officer O (unit U), next follow-up:
 *   A  NEGOTIATION  7 days ago   high risk by the default 7 (exactly the days)
 *   B  NEGOTIATION  6 days ago   overdue, not high risk — until the setting is 6
 *   C  LOST         30 days ago  never (not in play)
 *   D  INTENT       today        never (not overdue)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import { testDb } from "@/test/factories";
import { makeActor, makeProject, type TestActor } from "@/lib/data/stage.test-helpers";
import { listProjects } from "@/lib/data/project-list";
import { getPipeline } from "@/lib/data/pipeline";
import { getNotificationSettings, updateNotificationSettings } from "@/lib/data/notification-settings";
import { fromSearchParams } from "@/lib/domain/project-filter";
import { NOTIFICATION_DEFAULTS, isHighRisk } from "@/lib/domain/notifications";
import type { Stage } from "@/lib/generated/prisma/enums";

const NOW = new Date("2026-06-15T04:00:00Z");
const TODAY = new Date("2026-06-15T00:00:00Z");
const daysAgo = (n: number) => new Date(TODAY.getTime() - n * 86_400_000);

let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
let officer: TestActor, admin: TestActor;
const ids: Record<string, number> = {};

beforeAll(async () => {
  own = await ownDatabase("crm_test_high_risk");
  process.env.DATABASE_URL = own.url; // testDb() is made on first use: on this database.
  officer = await makeActor("OFFICER");
  admin = await makeActor("ADMIN");
  const rows: [string, Stage[], number][] = [
    ["A", ["INTENT", "NEGOTIATION"], 7],
    ["B", ["INTENT", "NEGOTIATION"], 6],
    ["C", ["INTENT", "LOST"], 30],
    ["D", ["INTENT"], 0],
  ];
  for (const [name, path, days] of rows) {
    const p = await makeProject(officer, { path });
    await testDb().project.update({ where: { id: p.id }, data: { nextFollowUpOn: daysAgo(days), title: `项目 ${name}` } });
    ids[name] = p.id;
  }
});
afterAll(async () => {
  await testDb().$disconnect();
  await own?.dispose();
});

const nameOf = (id: number) => Object.entries(ids).find(([, v]) => v === id)![0];

/** The high-risk projects as each screen shows them: list badges, board badges, the list's filter. */
async function onScreens() {
  const list = await listProjects(testDb(), officer, fromSearchParams({ ownerId: String(officer.id) }), NOW);
  const board = await getPipeline(testDb(), officer, { now: NOW });
  const filtered = await listProjects(testDb(), officer, fromSearchParams({ highRisk: "1" }), NOW);
  return {
    list: list.rows.filter((r) => r.highRisk).map((r) => nameOf(r.id)).sort(),
    board: board.flatMap((c) => c.cards).filter((c) => c.highRisk).map((c) => nameOf(c.id)).sort(),
    filter: filtered.rows.map((r) => nameOf(r.id)).sort(),
    overdueOnList: list.rows.filter((r) => r.overdue).map((r) => nameOf(r.id)).sort(),
  };
}

describe("high risk: overdue by at least the high-risk days, on the list and the board", () => {
  it("by the default days: exactly 7 days overdue is high risk, 6 is not, a closed project never", async () => {
    expect(NOTIFICATION_DEFAULTS.highRiskDays).toBe(7);
    expect([isHighRisk(7, NOTIFICATION_DEFAULTS), isHighRisk(6, NOTIFICATION_DEFAULTS), isHighRisk(null, NOTIFICATION_DEFAULTS)]).toEqual([true, false, false]);
    expect(await onScreens()).toEqual({ list: ["A"], board: ["A"], filter: ["A"], overdueOnList: ["A", "B"] });
  });

  it("an admin's setting moves it: high-risk days 6 makes B high risk too, 8 makes neither", async () => {
    const save = async (highRiskDays: number) => {
      const { version } = await getNotificationSettings(testDb());
      await updateNotificationSettings(testDb(), admin, { version, digestTime: "08:30", ownerOnlyDays: 3, copyManagerDays: 5, highRiskDays });
    };
    await save(6);
    expect(await onScreens()).toMatchObject({ list: ["A", "B"], board: ["A", "B"], filter: ["A", "B"] });
    await save(8);
    expect(await onScreens()).toMatchObject({ list: [], board: [], filter: [] });
  });
});
