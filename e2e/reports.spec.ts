import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

test("a unit manager opens Reports, sees the summary for their unit and downloads the CSV", async ({ page }) => {
  await signIn(page, "manager2@demo.local");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "报表" })).toBeVisible();

  // A unit manager gets no unit picker: the report is their unit's.
  const form = page.getByRole("form", { name: "报告期与单位" });
  await expect(form.getByLabel("单位")).toHaveCount(0);
  await expect(form.getByText(/^本单位：/)).toBeVisible();

  const year = String(new Date().getFullYear() - 1);
  await form.getByLabel("报告期类型").selectOption("year");
  await form.getByLabel("年份").selectOption(year);
  await form.getByRole("button", { name: "预览" }).click();
  await expect(page).toHaveURL(new RegExp(`kind=year.*year=${year}`));

  const summary = page.getByRole("region", { name: /报告摘要/ });
  await expect(summary).toContainText(`${year}年，`);
  await expect(summary).toContainText("共签约项目");
  await expect(summary).toContainText(`In ${year} `);
  await expect(page.getByRole("region", { name: "主要指标" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^report-${year}-unit\\d+\\.csv$`));
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString("utf8")).toContain("签约项目");

  // Any other unit's report through the API is refused.
  const other = await page.request.get("/api/reports/2023.json?unit=2000000000");
  expect(other.status()).toBe(403);
});

test("an officer cannot open Reports nor fetch a report", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByText("无权访问").first()).toBeVisible();
  const response = await page.request.get("/api/reports/2023-Q4.json");
  expect(response.status()).toBe(403);
});

test("an admin picks a unit and every download link serves its format", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.goto("/reports");
  const form = page.getByRole("form", { name: "报告期与单位" });
  const unit = form.getByLabel("单位");
  await expect(unit).toHaveValue("");
  const options = await unit.locator("option").all();
  expect(options.length).toBeGreaterThan(2);
  const unitValue = (await options[2].getAttribute("value"))!;
  await unit.selectOption(unitValue);
  await form.getByRole("button", { name: "预览" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${unitValue}`));
  if (process.env.REPORTS_SCREENSHOT) await page.screenshot({ path: process.env.REPORTS_SCREENSHOT, fullPage: true });

  const downloads = page.getByRole("navigation", { name: "下载" });
  const expected: Record<string, RegExp> = { "Excel（XLSX）": /spreadsheetml/, CSV: /text\/csv/, PDF: /application\/pdf/, JSON: /application\/json/ };
  for (const [name, type] of Object.entries(expected)) {
    const href = (await downloads.getByRole("link", { name }).getAttribute("href"))!;
    expect(href).toContain(`?unit=${unitValue}`);
    const response = await page.request.get(href);
    expect(response.status(), name).toBe(200);
    expect(response.headers()["content-type"]).toMatch(type);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="report-\d{4}-Q[1-4]-unit\d+\.(xlsx|csv|pdf|json)"$/);
    const body = await response.body();
    if (name === "PDF") expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    if (name === "Excel（XLSX）") expect(body.subarray(0, 2).toString()).toBe("PK");
  }
});
