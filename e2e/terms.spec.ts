import { expect, test } from "@playwright/test";
import { newProject, signIn, unique } from "./helpers";

test.use({ locale: "zh-CN" });


test("the project page names the investor's country and the timeline shows an edited amount as 亿元 and a chosen sector by name", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  const { id, title } = await newProject(page, { title: `东和化成隔膜涂覆项目 ${unique()}`, investor: { query: "东和化成", name: /东和化成株式会社/ }, plannedCny: "350000000" });

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
