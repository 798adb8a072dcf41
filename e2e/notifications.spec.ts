import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newProject, signIn, unique, ymd } from "./helpers";

/**
 * Issue 17 in the browser: a follow-up falls due ("today" set through the
 * worker's test clock, scripts/notify-worker.ts), the officer's bell count
 * rises, they open the item and mark it read; five days later the manager has
 * the escalation. The email and chat receivers are checked by
 * lib/notify/notify.int.test.ts (the e2e server sends no email).
 */
test.use({ locale: "zh-CN" });

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The reminder worker's clock: what it takes as "now" (08:00 in Shanghai on `day`). */
const setToday = (day: string) => writeFileSync(path.resolve(".data", `e2e-clock-${PORT}`), `${day}T08:00:00+08:00`);

/** The bell's unread count, from its accessible name ("通知，3 条未读"); 0 when it has none. */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId("notification-bell").first().getAttribute("aria-label")) ?? "";
  const m = /(\d+)/.exec(label);
  return m ? Number(m[1]) : 0;
}

test.afterAll(() => setToday("")); // back to the real clock

test("an officer's bell rises when a follow-up falls due, they open it and mark it read; the manager gets the escalation", async ({ page, browser }) => {
  test.setTimeout(180_000);
  setToday(""); // the real clock until the follow-up is set
  await signIn(page, "officer@demo.local");

  // A project of the officer's with its next follow-up in 5 days (logged with a round).
  const { title } = await newProject(page, { title: `提醒测试项目 ${unique()}`, firstContactOn: ymd(-1) });
  const projectPath = new URL(page.url()).pathname;
  const journey = page.getByTestId("project-journey");
  const roundForm = journey.getByRole("form", { name: /记录洽谈/ });
  await journey.getByRole("button", { name: "记录洽谈" }).click();
  await roundForm.getByLabel("洽谈纪要").fill("首次洽谈，约定五天后再谈。");
  await roundForm.getByLabel("下次跟进").fill(ymd(5));
  await roundForm.getByRole("button", { name: /保存第 1 轮/ }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 1 轮洽谈已记录。");

  await page.goto("/notifications");
  const item = page.getByTestId("notification-list").getByRole("listitem").filter({ hasText: `今日跟进：${title}` });
  await expect(item).toHaveCount(0);
  const before = await bellCount(page);

  // The day comes: the worker's next tick puts it in the bell.
  setToday(ymd(5));
  await expect(async () => {
    await page.reload();
    await expect(item).toHaveCount(1);
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000] });
  const risen = await bellCount(page);
  expect(risen).toBeGreaterThan(before);
  await expect(page.getByTestId("notification-bell").first()).toHaveAccessibleName(`通知，${risen > 99 ? "99+" : risen} 条未读`);

  // Opening the item leads to its project.
  await item.getByRole("link", { name: `今日跟进：${title}` }).click();
  await expect(page).toHaveURL(projectPath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  // Marked read: the unread mark goes, and the bell counts one less.
  await page.goto("/notifications");
  await item.getByRole("button", { name: `标为已读: 今日跟进：${title}` }).click();
  await expect(item.getByRole("button")).toHaveCount(0);
  await expect(item).not.toHaveAttribute("data-unread", "true");
  await page.reload();
  expect(await bellCount(page)).toBe(Math.min(risen, 100) - 1);

  // Five days overdue: the unit's manager is told.
  setToday(ymd(10));
  const managerContext = await browser.newContext({ locale: "zh-CN" });
  const manager = await managerContext.newPage();
  await signIn(manager, "manager@demo.local");
  await manager.goto("/notifications");
  const escalation = manager.getByTestId("notification-list").getByRole("listitem").filter({ hasText: `逾期 5 天：${title}` });
  await expect(async () => {
    await manager.reload();
    await expect(escalation).toHaveCount(1);
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000] });
  await expect(escalation).toContainText("李明 负责的");
  await managerContext.close();
});
