import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

const BATTERY = "恒宁时代江州动力电池生产基地项目";
/** A chain project of the battery anchor in the high-tech zone: outside the city officer's scope. */
const GAOXIN_SUPPLIER = "天华锂电年产20万吨电解液项目";

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a county officer links a supplier to the city's anchor, and the anchor's page counts the whole chain", async ({ browser }) => {
  const city = await signedIn(browser, "officer@demo.local");
  await city.page.goto("/projects?q=" + encodeURIComponent(BATTERY));
  await city.page.getByRole("link", { name: BATTERY }).click();
  const chain = city.page.getByTestId("chain");
  await expect(chain.getByTestId("chain-count")).toHaveText(/带动的项目（\d+）/);
  const before = Number((await chain.getByTestId("chain-count").innerText()).match(/\d+/)![0]);
  expect(before).toBeGreaterThanOrEqual(20);
  // Other units' chain projects: unit and stage, never their titles.
  await expect(chain.getByText("江州高新区的项目").first()).toBeVisible();
  expect(await city.page.content()).not.toContain(GAOXIN_SUPPLIER);
  const anchorUrl = city.page.url();

  const county = await signedIn(browser, "officer2@demo.local");
  await county.page.goto("/projects/new");
  await county.page.getByLabel("查找企业").fill("格元");
  await county.page.getByRole("list", { name: "匹配的企业" }).getByRole("button", { name: /格元环保科技股份有限公司/ }).click();
  const title = `青山电池壳体配套项目 ${Math.random().toString(36).slice(2, 8)}`;
  await county.page.getByLabel("项目名称").fill(title);
  await county.page.getByLabel("查找链主项目").fill("恒宁时代");
  const hit = county.page.getByRole("list", { name: "匹配的项目" }).getByRole("button", { name: new RegExp(BATTERY) });
  // Outside the officer's scope the hit names the anchor's unit, not its investor.
  await expect(hit).toContainText("江州市");
  await expect(hit).not.toContainText("恒宁时代新能源");
  await hit.click();
  await expect(county.page.getByTestId("chosen-anchor")).toContainText(BATTERY);
  await county.page.getByRole("button", { name: "创建项目" }).click();
  await expect(county.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(county.page.getByTestId("chain-anchor")).toHaveText(`${BATTERY}（江州市，其他单位的项目）`);

  await city.page.goto(anchorUrl);
  await expect(city.page.getByTestId("chain-count")).toHaveText(`带动的项目（${before + 1}）`);
  await expect(city.page.getByTestId("chain").getByText("青山县的项目")).toBeVisible();
  expect(await city.page.content()).not.toContain(title);
  await city.context.close();
  await county.context.close();
});
