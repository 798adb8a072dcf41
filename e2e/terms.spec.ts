import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

const unique = () => Math.random().toString(36).slice(2, 8);

test("the project page names the investor's country and the timeline shows an edited amount as 亿元 and a chosen sector by name", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  const title = `东和化成隔膜涂覆项目 ${unique()}`;
  await page.goto("/projects/new");
  await page.getByLabel("查找企业").fill("东和化成");
  await page.getByRole("list", { name: "匹配的企业" }).getByRole("button", { name: /东和化成株式会社/ }).click();
  await page.getByLabel("项目名称").fill(title);
  await page.getByLabel("计划投资（元）").fill("350000000");
  await page.getByRole("button", { name: "创建项目" }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const id = new URL(page.url()).pathname.split("/").pop();

  const facts = page.getByTestId("facts");
  await expect(facts).toContainText("日本");
  await expect(facts).not.toContainText(/\bJP\b/);

  await page.goto(`/projects/${id}/edit`);
  await page.getByLabel("计划投资（元）").fill("420000000");
  const sector = page.getByLabel("产业领域", { exact: true });
  const sectorName = (await sector.locator("option").nth(1).textContent())!.trim();
  await sector.selectOption({ index: 1 });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${id}$`));
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("3.5亿元 → 4.2亿元");
  await expect(timeline).not.toContainText("350000000");
  await expect(timeline).toContainText(`（空） → ${sectorName}`); // the sector by name, not "已修改"
  // Dates as official documents write them.
  await expect(timeline.locator("summary, div").first()).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
});
