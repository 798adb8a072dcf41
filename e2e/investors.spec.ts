import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** One record per investor (issue 16): duplicates shown before saving, a manager merges, other units in talks. */

test.describe("zh-CN", () => {
  test.use({ locale: "zh-CN" });
  // Several sign-ins and page loads per test on a shared machine.
  test.setTimeout(180_000);

  test("an officer creating a company that exists sees it before saving and opens it; a wrong credit code is explained", async ({ page }) => {
    await signIn(page, "officer@demo.local");
    await page.goto("/companies/new");
    await page.getByLabel("中文名称", { exact: true }).fill("中能建设投资（集团）有限公司");
    await page.getByLabel("企业性质").selectOption({ label: "国有" });
    await page.getByLabel("统一社会信用代码").fill("91440300192317458E");
    await page.getByRole("button", { name: "创建企业" }).click();
    await expect(page.getByLabel("统一社会信用代码")).toHaveAccessibleDescription(/校验位不符/);

    await page.getByLabel("统一社会信用代码").fill("");
    await page.getByRole("button", { name: "创建企业" }).click();
    const found = page.getByTestId("company-duplicates");
    await expect(found.getByRole("heading", { name: "该企业可能已经存在" })).toBeFocused();
    await expect(found).toContainText("中能建设投资有限公司");
    await expect(found).toContainText("名称相同");
    await found.getByRole("link", { name: "打开 中能建设投资有限公司" }).click();
    await expect(page).toHaveURL(/\/companies\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "中能建设投资有限公司" })).toBeVisible();
  });

  test("an officer creating a project with a company that exists gets it shown while typing and picks it", async ({ page }) => {
    const title = `中能建设江州储能电站 ${Math.random().toString(36).slice(2, 8)}`;
    await signIn(page, "officer@demo.local");
    await page.goto("/projects/new");
    await page.getByRole("button", { name: "列表中没有该企业：新建企业" }).click();
    await page.getByLabel("企业名称（中文）").fill("中能建设投资（集团）有限公司");
    const found = page.getByTestId("company-duplicates");
    await expect(found).toContainText("中能建设投资有限公司");
    await expect(found).toContainText("名称相同");
    await found.getByRole("button", { name: "使用已有企业 中能建设投资有限公司" }).click();
    await expect(page.getByTestId("chosen-company")).toContainText("中能建设投资有限公司");
    await page.getByLabel("项目名称").fill(title);
    await page.getByRole("button", { name: "创建项目" }).click();
    await expect(page).toHaveURL(/\/projects\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: "中能建设投资有限公司" }).first()).toBeVisible();
  });

  test("an officer who saves a look-alike without choosing is stopped; confirming it is another company creates it", async ({ page }) => {
    const s = Math.random().toString(36).slice(2, 8);
    await signIn(page, "officer@demo.local");
    await page.goto("/projects/new");
    await page.getByRole("button", { name: "列表中没有该企业：新建企业" }).click();
    await page.getByLabel("企业名称（中文）").fill("中能建设投资股份公司");
    await page.getByLabel("项目名称").fill(`另一家中能 ${s}`);
    await expect(page.getByTestId("company-duplicates")).toContainText("中能建设投资有限公司");
    await page.getByRole("button", { name: "创建项目" }).click();
    await expect(page.getByLabel("企业名称（中文）")).toHaveAccessibleDescription(/已有相同信用代码或相似名称的企业/);
    await expect(page).toHaveURL(/\/projects\/new$/);
    await page.getByLabel("这是另一家企业，仍然新建").check();
    await page.getByRole("button", { name: "创建项目" }).click();
    await expect(page).toHaveURL(/\/projects\/\d+$/);
    await expect(page.getByRole("link", { name: "中能建设投资股份公司" }).first()).toBeVisible();
  });

  test("a manager creates a look-alike that is another company, then merges the two; the merged address leads to the one kept", async ({ page }) => {
    const s = Math.random().toString(36).slice(2, 8);
    const keep = `澜汐${s}智能装备有限公司`;
    const merged = `澜汐${s}智能装备（集团）股份有限公司`;
    await signIn(page, "manager@demo.local");

    await page.goto("/companies/new");
    await page.getByLabel("中文名称", { exact: true }).fill(keep);
    await page.getByLabel("企业性质").selectOption({ label: "民营" });
    await page.getByRole("button", { name: "创建企业" }).click();
    await expect(page.getByRole("heading", { level: 1, name: keep })).toBeVisible();
    const keepUrl = page.url();

    await page.goto("/companies/new");
    await page.getByLabel("中文名称", { exact: true }).fill(merged);
    await page.getByLabel("企业性质").selectOption({ label: "民营" });
    await page.getByLabel("统一社会信用代码").fill("9135 0900 5875 2778 3p");
    await page.getByRole("button", { name: "创建企业" }).click();
    await expect(page.getByTestId("company-duplicates")).toContainText(keep);
    await page.getByRole("button", { name: "这是另一家企业，继续新建" }).click();
    await expect(page.getByRole("heading", { level: 1, name: merged })).toBeVisible();
    await expect(page.getByText("91350900587527783P")).toBeVisible();
    const mergedUrl = page.url();

    await page.getByRole("link", { name: "与另一家企业合并…" }).click();
    await page.getByLabel("要合并的企业").selectOption({ label: keep });
    await page.getByRole("button", { name: "对比" }).click();
    const form = page.getByTestId("merge-form");
    const keepRadio = form.getByRole("radio", { name: new RegExp(`^保留 ${keep} `) });
    await keepRadio.click();
    await expect(keepRadio).toBeChecked();
    await form.getByRole("button", { name: "合并" }).click();

    await expect(page).toHaveURL(keepUrl);
    await expect(page.getByTestId("merged-from")).toContainText(`合并自 ${merged}`);
    // The kept company took the merged one's credit code.
    await expect(page.getByText("91350900587527783P")).toBeVisible();
    await page.goto(mergedUrl);
    await expect(page).toHaveURL(keepUrl);
  });

  test("an officer sees which other units are in talks with the investor, and nothing else of their projects", async ({ page }) => {
    const company = "中能建设投资有限公司";
    await signIn(page, "admin@demo.local");
    await page.goto("/companies");
    await page.getByRole("link", { name: company }).click();
    await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
    const companyUrl = page.url();
    const allTitles = await page.getByTestId("company-projects").locator("tbody tr td:first-child a").allInnerTexts();

    await page.context().clearCookies();
    await signIn(page, "officer2@demo.local");
    await page.goto(companyUrl);
    const ownTitles = await page.getByTestId("company-projects").locator("tbody tr td:first-child a").allInnerTexts();
    const talks = page.getByTestId("other-units-in-talks");
    await expect(talks.getByRole("heading", { name: "其他单位也在洽谈" })).toBeVisible();
    await expect(talks.getByRole("listitem")).not.toHaveCount(0);
    const others = allTitles.filter((t) => !ownTitles.includes(t));
    expect(others.length).toBeGreaterThan(0);
    const html = await page.content();
    for (const title of others) expect(html).not.toContain(title);

    // The officer's own project of the same investor says so too.
    await page.getByTestId("company-projects").locator("tbody tr td:first-child a").first().click();
    await expect(page.getByTestId("other-units-in-talks")).toBeVisible();
    const projectHtml = await page.content();
    for (const title of others) expect(projectHtml).not.toContain(title);
  });
});

test.describe("en", () => {
  test.use({ locale: "en" });

  test("an officer creating a company that exists under another spelling sees it and opens it", async ({ page }) => {
    await signIn(page, "officer@demo.local");
    await page.goto("/companies/new");
    await page.getByLabel("Chinese name", { exact: true }).fill("格元环保科技（集团）有限公司");
    await page.getByLabel("English name", { exact: true }).fill("GEYUAN ENVIRONMENTAL TECHNOLOGY CO LTD");
    await page.getByLabel("Ownership").selectOption({ label: "Private" });
    await page.getByRole("button", { name: "Create company" }).click();
    const found = page.getByTestId("company-duplicates");
    await expect(found.getByRole("heading", { name: "This company may already exist" })).toBeFocused();
    await expect(found).toContainText("Geyuan Environmental Technology Co., Ltd.");
    await found.getByRole("link", { name: "Open 格元环保科技股份有限公司" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "格元环保科技股份有限公司" })).toBeVisible();
  });
});
