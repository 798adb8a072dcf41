import { readFile } from "node:fs/promises";
import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("count once: an admin adds a reason and sets a rule, a manager marks a project 不予认定, the report reconciles in zh and en and downloads in every format", async ({ browser }) => {
  // A year's report in two languages and four formats, on a shared 2-core machine.
  test.setTimeout(300_000);
  const tag = Math.random().toString(36).slice(2, 8);
  const reasonZh = `政府投资项目${tag}`;

  // The admin adds a reason to the list and sets the automatic threshold.
  const admin = await signedIn(browser, "admin@demo.local");
  await admin.page.goto("/admin/reference?kind=NOT_RECOGNISED_REASON");
  const add = admin.page.getByRole("form", { name: "新增不予认定原因" });
  await add.getByLabel("编码").fill(`gov-${tag}`);
  await add.getByLabel("中文名称").fill(reasonZh);
  await add.getByLabel("英文名称").fill(`Government-funded ${tag}`);
  await add.getByRole("button", { name: "新增" }).click();
  await expect(add.getByRole("status")).toHaveText(`已新增 ${reasonZh}。`);

  await admin.page.goto("/admin/settings");
  const rules = admin.page.getByRole("form", { name: "签约计数规则（不予认定）" });
  await rules.getByLabel("认定金额标准（元）").fill("1");
  await rules.getByRole("button", { name: "保存" }).click();
  await expect(rules.getByRole("status")).toHaveText("已保存。");
  await admin.page.reload();
  await expect(admin.page.getByRole("form", { name: "签约计数规则（不予认定）" }).getByLabel("认定金额标准（元）")).toHaveValue("1");

  // A county manager marks one of the county's signed projects not recognised, with that reason.
  const manager = await signedIn(browser, "manager2@demo.local");
  await manager.page.goto("/projects?stage=SIGNED");
  await manager.page.locator('table tbody a[href^="/projects/"]').first().click();
  await expect(manager.page).toHaveURL(/\/projects\/\d+$/);
  const title = (await manager.page.getByRole("heading", { level: 1 }).textContent())!;
  const section = manager.page.getByTestId("signings");
  const firstSigning = (await section.getByTestId("signing").first().locator("td").first().textContent())!;
  const year = firstSigning.match(/(\d{4})年/)![1];
  const form = section.getByRole("form", { name: "设置不予认定" });
  await form.getByLabel("不予认定原因").selectOption({ label: reasonZh });
  await form.getByLabel("说明").fill("全部为财政资金");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存。");
  await expect(section.getByTestId("recognition-status")).toHaveText(`不予认定：${reasonZh}`);
  await expect(section.getByTestId("signing").first()).toContainText("不予认定");

  // The report of the signing's year reconciles, and the reason's line lists the project.
  await manager.page.goto(`/reports?kind=year&year=${year}`);
  const reconciliation = manager.page.getByTestId("reconciliation");
  await expect(reconciliation.getByRole("heading", { name: "签约核对（同一项目只计一次）" })).toBeVisible();
  for (const line of ["录入的签约", "减：不予认定", "减：重复签约", "减：升格（不计新增金额）", "计入签约"]) {
    await expect(reconciliation.getByRole("link", { name: line, exact: true })).toBeVisible();
  }
  // The demo has a 不予认定 signing of its own in the current quarter.
  await expect(manager.page.getByRole("region", { name: /报告摘要/ })).toContainText(/不予认定\d+份/);
  await reconciliation.getByRole("link", { name: new RegExp(`其中：${reasonZh}$`) }).click();
  await expect(manager.page).toHaveURL(/signings=notRecognised&excludedBy=\d+/);
  await expect(manager.page.getByTestId("narrowing-filters")).toContainText(`不予认定（${reasonZh}）`);
  const rows = manager.page.locator("table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: title })).toBeVisible();
  await expect(rows.first().getByTestId("not-recognised")).toHaveText("不予认定");

  // Every format carries the reconciliation.
  for (const format of ["json", "csv", "xlsx", "pdf"]) {
    const response = await manager.page.request.get(`/api/reports/${year}.${format}`);
    expect(response.status(), format).toBe(200);
    const body = await response.body();
    if (format === "json") {
      const report = JSON.parse(body.toString("utf8"));
      const reason = report.reconciliation.find((l: { line: string; nameZh: string | null }) => l.line === "reason" && l.nameZh === reasonZh);
      expect(reason).toMatchObject({ signings: 1, projects: 1 });
      expect(report.summary.en).toContain("not recognised");
    }
    if (format === "csv") expect(body.toString("utf8")).toContain(`"　其中：${reasonZh}",1,1,`);
    if (format === "xlsx") expect(body.subarray(0, 2).toString()).toBe("PK");
    if (format === "pdf") expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  }
  const [download] = await Promise.all([manager.page.waitForEvent("download"), manager.page.goto(`/reports?kind=year&year=${year}`).then(() => manager.page.getByRole("link", { name: "CSV" }).click())]);
  expect((await readFile((await download.path())!)).toString("utf8")).toContain("签约核对（同一项目只计一次）");

  // In English.
  await manager.context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: manager.page.url() }]);
  await manager.page.goto(`/reports?kind=year&year=${year}`);
  const en = manager.page.getByTestId("reconciliation");
  await expect(en.getByRole("heading", { name: "Reconciliation of signings (a project counts once)" })).toBeVisible();
  await expect(en.getByRole("link", { name: "Less: not recognised", exact: true })).toBeVisible();
  await expect(en.getByRole("link", { name: "Counted", exact: true })).toBeVisible();

  await admin.context.close();
  await manager.context.close();
});

/** Today as the browser's date field takes it (the server checks it is not in the future in Beijing time). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test("a further contract on a signed project: an officer records a capital increase and a repeat signing at an event, each shown with how it counts (zh and en)", async ({ browser }) => {
  test.setTimeout(180_000);
  const officer = await signedIn(browser, "officer@demo.local");
  const page = officer.page;
  await page.goto("/projects?stage=SIGNED");
  await page.locator('table tbody a[href^="/projects/"]').first().click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const section = page.getByTestId("signings");
  const before = await section.getByTestId("signing").count();

  await section.getByText("登记后续合同（升格、增资或再次签约）").click();
  const form = section.getByRole("form", { name: "登记后续合同" });
  await form.getByLabel("合同类型").selectOption({ label: "增资（只填增加部分）" });
  await form.getByLabel("签约日期").fill(today());
  await form.getByLabel("协议类型").selectOption({ index: 1 });
  await form.getByLabel("合同投资额（元）").fill("3000万");
  await form.getByRole("button", { name: "登记合同" }).click();
  await expect(form.getByRole("status")).toHaveText("已登记：增资，只计增加部分。");
  await expect(section.getByTestId("signing")).toHaveCount(before + 1);
  await expect(section.getByTestId("signing").last()).toHaveAttribute("data-role", "INCREASE");
  await expect(section.getByTestId("signing").last()).toContainText("3,000万元");

  // The same project signed again at a promotion event: recorded, flagged, not counted.
  await form.getByLabel("合同类型").selectOption({ label: "再次签约：正式投资合同" });
  await form.getByLabel("签约日期").fill(today());
  await form.getByLabel("协议类型").selectOption({ index: 1 });
  await form.getByLabel("合同投资额（元）").fill("5亿");
  await form.getByLabel("签约所在推介活动").selectOption({ index: 1 });
  const event = (await form.getByLabel("签约所在推介活动").locator("option:checked").textContent())!;
  await form.getByRole("button", { name: "登记合同" }).click();
  await expect(form.getByRole("status")).toHaveText("已登记：重复签约，不计入。");
  await expect(section.getByTestId("repeat-flag")).toBeVisible();
  const repeat = section.locator('[data-testid="signing"][data-role="REPEAT"]').last();
  await expect(repeat).toContainText(event);

  // In English: the form and what it says.
  await officer.context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.reload();
  const en = page.getByTestId("signings");
  await en.getByText("Record a further contract (upgrade, capital increase or another signing)").click();
  const enForm = en.getByRole("form", { name: "Record a further contract" });
  await enForm.getByLabel("Contract", { exact: true }).selectOption({ label: "Capital increase (enter the increase only)" });
  await enForm.getByLabel("Signed on").fill(today());
  await enForm.getByLabel("Agreement type").selectOption({ index: 1 });
  await enForm.getByLabel("Contracted investment (yuan)").fill("1000万");
  await enForm.getByRole("button", { name: "Record the contract" }).click();
  await expect(enForm.getByRole("status")).toHaveText("Recorded: Capital increase, only the increase counts.");
  await expect(en.getByTestId("signing")).toHaveCount(before + 3);
  await officer.context.close();
});
