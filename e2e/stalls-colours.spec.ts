import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });
// Several full pages each (the dashboard among them) on a shared, busy machine.
test.setTimeout(240_000);

/** The number in the list's "共 N 个项目" line. */
async function listCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("project-count").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

async function setIntentLimit(page: Page, days: number) {
  await page.goto("/admin/settings");
  const field = page.getByLabel("考察/意向", { exact: true });
  await field.fill(String(days));
  await page.getByRole("form", { name: "里程碑颜色" }).getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
}

test("an admin sets the intent stage's stall limit to 45 days: the list's stalled count and the dashboard's change at once", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  const stalledCounts = async () => {
    await page.goto("/projects?stalled=0");
    await expect(page.getByText("停滞：超过所在阶段的停滞期限")).toBeVisible();
    const list = await listCount(page);
    await page.goto("/projects?stalled=0&stage=INTENT");
    const intent = await listCount(page);
    await page.goto("/dashboard");
    const kpi = Number(((await page.locator('a[href="/projects?stalled=0"]').first().textContent()) ?? "").replace(/[^\d]/g, ""));
    return { list, intent, kpi };
  };
  const before = await stalledCounts();
  expect(before.kpi).toBe(before.list);

  await setIntentLimit(page, 45);
  const after = await stalledCounts();
  expect(after.intent).toBeLessThan(before.intent);
  expect(after.list).toBe(before.list - (before.intent - after.intent));
  expect(after.kpi).toBe(after.list);

  // Back to the default: every screen as before.
  await setIntentLimit(page, 30);
  expect(await stalledCounts()).toEqual(before);
});

test("a manager filters the list and the board by red: every project shown carries the red badge", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/projects");
  await page.getByText("筛选", { exact: true }).click();
  await page.getByLabel("里程碑颜色").selectOption({ label: "逾期" });
  await page.getByRole("button", { name: "应用", exact: true }).click();
  await expect(page).toHaveURL(/colour=RED/);
  const rows = page.locator("tbody tr");
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expect(rows.nth(i).locator('[data-colour="RED"]')).toHaveText("逾期");
  expect(await listCount(page)).toBe(n);

  await page.goto("/pipeline");
  await page.getByLabel("里程碑颜色").selectOption({ label: "逾期" });
  await page.getByRole("button", { name: "应用", exact: true }).click();
  await expect(page).toHaveURL(/colour=RED/);
  const cards = page.getByTestId("pipeline-card");
  await expect(cards.first()).toBeVisible();
  const m = await cards.count();
  expect(m).toBe(n);
  for (let i = 0; i < m; i++) await expect(cards.nth(i).locator('[data-colour="RED"]')).toHaveText("逾期");
});
