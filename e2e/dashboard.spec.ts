import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

test("a manager opens the dashboard, reads the funnel's numbers and changes the period in the URL", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "数据看板" })).toBeVisible();

  const funnel = page.getByRole("region", { name: "转化漏斗" });
  await expect(funnel.getByRole("img", { name: "漏斗图：本期间到达各阶段的项目数" })).toBeVisible();
  const table = funnel.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "到达" })).toBeVisible();
  for (const stage of ["首次接洽", "洽谈", "已签约"]) {
    const row = table.getByRole("row", { name: new RegExp(stage) }).first();
    await expect(row.getByRole("cell").first()).toHaveText(/^\d[\d,]*$/);
  }
  // A number opens the projects behind it: those that reached the stage in the period, not those at it today.
  await expect(table.getByRole("link").first()).toHaveAttribute("href", /\/projects\?.*reached=FIRST_CONTACT&reachedFrom=/);

  // What may sign next: the demo's largest project in negotiation, linked to its page.
  const pipeline = page.getByRole("region", { name: "即将签约" });
  const closest = pipeline.getByRole("table", { name: "洽谈中的最大项目" });
  await expect(closest.getByRole("row")).not.toHaveCount(1);
  await expect(closest.getByRole("link").first()).toHaveAttribute("href", /^\/projects\/\d+$/);

  // Change the period: a year, through the GET form; the URL carries it.
  const form = page.getByRole("form", { name: "期间与筛选" });
  await form.getByLabel("期间").selectOption("year");
  const year = String(new Date().getFullYear() - 1);
  await form.getByLabel("年份").selectOption(year);
  await form.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(new RegExp(`period=year.*year=${year}`));
  await expect(page.getByText(`${year}年1月1日 至 ${year}年12月31日`)).toBeVisible();
  await expect(page.getByRole("region", { name: "签约额" })).toBeVisible();
});

test("a dashboard number opens the list of exactly its projects, and says why the list is narrower", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  const year = String(new Date().getFullYear() - 1);
  const count = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));
  const listCount = (n: number) => (n === 0 ? "没有项目" : `共 ${n} 个项目`);

  // Stalled past its stage's limit (as of today): the list reads `stalled` and shows it as a removable filter.
  await page.goto("/dashboard");
  const kpis = page.getByLabel("关键指标");
  const stalled = kpis.locator("div", { has: page.getByText("停滞项目", { exact: true }) }).getByRole("link");
  const stalledCount = count(await stalled.textContent());
  await stalled.click();
  await expect(page).toHaveURL(/\/projects\?.*stalled=0/);
  await expect(page.getByTestId("project-count")).toHaveText(listCount(stalledCount));
  const narrowing = page.getByRole("region", { name: "当前限定" });
  await expect(narrowing.getByText("停滞：超过所在阶段的停滞期限")).toBeVisible();
  await narrowing.getByRole("link", { name: /^移除筛选：停滞/ }).click();
  await expect(page).not.toHaveURL(/stalled=/);
  await expect(page.getByRole("region", { name: "当前限定" })).toHaveCount(0);

  // Signed last year: the KPI opens the projects whose first contract was signed in that year.
  await page.goto(`/dashboard?period=year&year=${year}`);
  const signed = page.getByLabel("关键指标").locator("div", { has: page.getByText("签约项目", { exact: true }) }).getByRole("link");
  const signedCount = count(await signed.textContent());
  await signed.click();
  await expect(page).toHaveURL(new RegExp(`signedFrom=${year}-01-01&signedTo=${Number(year) + 1}-01-01`));
  await expect(page.getByTestId("project-count")).toHaveText(listCount(signedCount));
  await expect(page.getByRole("region", { name: "当前限定" }).getByText(`首份合同签约于${year}年1月1日 至 ${year}年12月31日`)).toBeVisible();
});
