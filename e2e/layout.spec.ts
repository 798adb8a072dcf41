import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

/** A demo project of the officer's with rounds, a contract and funds in place. */
const PROJECT = "恒宁时代江州动力电池生产基地项目";

async function openProject(page: Page) {
  await page.goto(`/projects?q=${encodeURIComponent(PROJECT)}`);
  await page.getByRole("link", { name: PROJECT, exact: true }).first().click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByTestId("timeline")).toBeVisible();
}

/** Whether the element lies inside the viewport, left to right. */
async function inViewWidth(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.left >= 0 && r.right <= window.innerWidth;
  });
}

test("the project page leads with the project; the forms open on demand, by button or shortcut, and close with Escape", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await openProject(page);
  const journey = page.getByTestId("project-journey");

  // Nothing is open and nothing has the focus (no page jump, no phone keyboard).
  await expect(journey.getByTestId("journey-stage")).toBeInViewport();
  for (const name of [/记录洽谈/, "变更阶段", "资金到位"]) await expect(page.getByRole("form", { name })).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // The shortcut opens the round form with the focus in the summary; Ctrl+Enter saves as before.
  const open = journey.getByRole("button", { name: "记录洽谈" });
  await expect(open).toHaveAttribute("aria-keyshortcuts", "N");
  await page.keyboard.press("n");
  const roundForm = page.getByRole("form", { name: /记录洽谈/ });
  await expect(roundForm.getByLabel("洽谈纪要")).toBeFocused();
  await page.keyboard.type("电话沟通二期用地指标。");
  await page.keyboard.press("Control+Enter");
  await expect(roundForm.getByRole("status")).toHaveText(/第 \d+ 轮洽谈已记录。/);

  // Escape closes it and gives the focus back to its button.
  await page.keyboard.press("Escape");
  await expect(roundForm).toHaveCount(0);
  await expect(open).toBeFocused();

  // The stage form opens by its button with the focus on its first field; Cancel closes it.
  await journey.getByRole("button", { name: "变更阶段" }).click();
  const stageForm = page.getByRole("form", { name: "变更阶段" });
  await expect(stageForm.getByLabel("变更为")).toBeFocused();
  await stageForm.getByRole("button", { name: "取消" }).click();
  await expect(stageForm).toHaveCount(0);
  await expect(journey.getByRole("button", { name: "变更阶段" })).toBeFocused();
});

test("My work's 记录洽谈 opens the project with the round form ready", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await openProject(page);
  await page.goto(`${page.url()}#log-round`);
  await page.reload();
  await expect(page.getByRole("form", { name: /记录洽谈/ }).getByLabel("洽谈纪要")).toBeFocused();
});

test("the manager's board shows all eight columns at 1366 px, and the page stays a screen or two tall", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "manager@demo.local");
  await page.goto("/pipeline");
  const board = page.getByRole("region", { name: "项目看板" });
  for (const name of ["首次接洽", "已投产", "暂缓", "已流失"]) {
    const header = board.getByRole("heading", { level: 2, name, exact: true });
    await expect(header).toBeVisible();
    expect(await inViewWidth(header), `${name} within 1366 px`).toBe(true);
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(1600);
  // A long column scrolls on its own, and its last card can be reached.
  const busiest = board.locator('[data-testid="pipeline-column"][data-stage="NEGOTIATION"] ol');
  const last = busiest.getByTestId("pipeline-card").last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
});

test("My work on a 390 px phone: each project's follow-up date and 记录洽谈 are in view, nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "officer@demo.local");
  await page.goto("/");
  const rows = page.getByTestId("work-overdue").getByTestId("work-row");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) {
    const date = row.getByText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(date).toBeVisible();
    expect(await inViewWidth(date)).toBe(true);
    const button = row.getByRole("link", { name: /^为.+记录洽谈$/ });
    await expect(button).toBeVisible();
    expect(await inViewWidth(button)).toBe(true);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the dashboard filter shows only the chosen period kind's fields", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/dashboard");
  const form = page.getByRole("form", { name: "期间与筛选" });
  // The default is a quarter: only the quarter is asked for.
  await expect(form.getByLabel("季度")).toBeVisible();
  for (const label of ["月份", "年份", "起始日期", "截止日期（含）"]) await expect(form.getByLabel(label, { exact: true })).toBeHidden();

  await form.getByLabel("期间").selectOption("custom");
  await expect(form.getByLabel("季度")).toBeHidden();
  await expect(form.getByLabel("起始日期", { exact: true })).toBeVisible();
  await expect(form.getByLabel("截止日期（含）", { exact: true })).toBeVisible();
});

test("two dates cost two Tab presses: typed as officials write them, echoed, and read by the server", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/dashboard?period=custom");
  const form = page.getByRole("form", { name: "期间与筛选" });
  const from = form.getByLabel("起始日期", { exact: true });
  const to = form.getByLabel("截止日期（含）", { exact: true });

  // Two dates, as officials write them: one Tab from the first to the second, one Tab out.
  await from.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("2026/1/5");
  await page.keyboard.press("Tab");
  await expect(to).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("2026年3月31日");
  await expect(to).toHaveAccessibleDescription(/2026年3月31日/);
  await page.keyboard.press("Tab");
  await expect(to).not.toBeFocused();
  await expect(from).not.toBeFocused();
  await form.getByRole("button", { name: "应用" }).click();
  await expect(page.getByText("2026年1月5日 至 2026年3月31日")).toBeVisible();
});

test("the signed-value chart's legend and axis labels do not overprint", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "manager@demo.local");
  await page.goto("/dashboard");
  const chart = page.getByRole("region", { name: "签约额" }).getByRole("img").first();
  await expect(chart.locator("svg text").first()).toBeAttached();
  const overlaps = await chart.evaluate((el) => {
    const boxes = [...el.querySelectorAll("svg text")].map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() })).filter((b) => b.text.trim() && b.r.width > 0);
    const hits: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) hits.push(`${boxes[i].text} × ${boxes[j].text}`);
      }
    return hits;
  });
  expect(overlaps).toEqual([]);
});
