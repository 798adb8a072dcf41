import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

/** The demo's county project whose construction start is past due (prisma/seed/demo-commitments.ts). */
const RED_COUNTY_PROJECT = "拓冷热管理电池液冷板项目";

test("a manager reads the delivery rates in zh and en, follows one to the list, and downloads the report with them", async ({ page, context }) => {
  // Several dashboard loads and three report files: more than the default minute on the shared machine.
  test.setTimeout(180_000);
  await signIn(page, "manager@demo.local");
  const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
  await page.goto(`/dashboard?period=year&year=${year}`);

  const rates = page.getByRole("region", { name: "履约与落地率" });
  await expect(rates).toBeVisible();
  const overall = rates.getByRole("table", { name: "履约与落地率" });
  await expect(overall.getByRole("row", { name: /履约率/ })).toBeVisible();
  await expect(overall.getByRole("row", { name: /开工率/ }).first()).toContainText(/%|—/);
  // Units ranked: a header re-sorts the table by its rate.
  const units = rates.getByRole("table", { name: "各单位排名" });
  await units.getByRole("link", { name: "按开工率排名" }).click();
  await expect(page).toHaveURL(/rank=started/);
  await expect(page.getByRole("region", { name: "履约与落地率" }).getByRole("table", { name: "各单位排名" }).getByRole("columnheader", { name: /开工率/ }).first()).toHaveAttribute("aria-sort", "descending");

  // Past a deadline: the number opens exactly those projects, the red county project among them.
  const pastDue = page.getByRole("region", { name: "履约与落地率" }).getByRole("table", { name: "履约与落地率" }).getByRole("row", { name: /逾期未达成项目/ }).getByRole("link");
  const n = Number(((await pastDue.textContent()) ?? "").replace(/\D/g, ""));
  expect(n).toBeGreaterThan(0);
  await pastDue.click();
  await expect(page).toHaveURL(/\/projects\?.*delivery=pastDue&deliveryTo=/);
  await expect(page.getByTestId("project-count")).toHaveText(`共 ${n} 个项目`);
  await expect(page.getByRole("region", { name: "当前限定" }).getByText(/^履约：有里程碑逾期未达成/)).toBeVisible();
  await expect(page.getByRole("link", { name: RED_COUNTY_PROJECT })).toBeVisible();

  // In English.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto(`/dashboard?period=year&year=${year}`);
  const en = page.getByRole("region", { name: "Delivery rates" }).getByRole("table", { name: "Delivery rates" });
  await expect(en.getByRole("row", { name: /^Fulfilment rate/ })).toBeVisible();
  await expect(en.getByRole("row", { name: /^Projects past a deadline/ }).getByRole("link")).toHaveText(String(n));

  // The report carries the section in its files.
  const csv = await page.request.get(`/api/reports/${year}.csv`);
  expect(csv.status()).toBe(200);
  const text = Buffer.from(await csv.body()).toString("utf8");
  // In the reader's language (English now).
  expect(text).toContain("Delivery rates (as of");
  expect(text).toMatch(/\r\nFulfilment rate,\d+,\d+,/);
  const json = await (await page.request.get(`/api/reports/${year}.json`)).json();
  expect(json.deliveryRates.overall.pastDue).toBe(n);
  expect(json.summary.en).toContain("the fulfilment rate was");
  await page.goto("/reports");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "XLSX" }).click()]);
  expect((await readFile((await download.path())!)).length).toBeGreaterThan(1000);
});
