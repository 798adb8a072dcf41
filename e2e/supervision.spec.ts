import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

/** YYYY-MM-DD, `days` from today in the bureau's time zone. */
function ymd(days = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a county manager issues a supervision order, the officer answers with a plan from My work, the manager resolves it", async ({ browser }) => {
  test.setTimeout(120_000);
  const requirement = `请于一周内报送开工整改计划 ${Math.random().toString(36).slice(2, 8)}`;

  // The manager issues an order on one of the county's signed projects.
  const manager = await signedIn(browser, "manager2@demo.local");
  await manager.page.goto("/projects?stage=SIGNED");
  await manager.page.locator('table tbody a[href^="/projects/"]').first().click();
  await expect(manager.page).toHaveURL(/\/projects\/\d+$/);
  const projectUrl = manager.page.url();
  const section = manager.page.getByTestId("supervision");
  await section.getByText("下达督办单").click();
  const issue = section.getByRole("form", { name: "新督办单" });
  await issue.getByLabel("督办事项").fill(requirement);
  await issue.getByLabel("答复期限").fill(ymd(7));
  await issue.getByRole("button", { name: "下达" }).click();
  await expect(issue.getByRole("status")).toHaveText("督办单已下达。");
  const order = section.getByTestId("supervision-order").filter({ hasText: requirement });
  await expect(order.getByTestId("supervision-status")).toHaveText("待答复");
  await expect(order.getByText("未超期")).toBeVisible();

  // The project's officer finds it under 督办待答复 on My work and answers with a plan.
  const officer = await signedIn(browser, "officer2@demo.local");
  await officer.page.goto("/");
  const toAnswer = officer.page.getByTestId("work-supervision-answer");
  await expect(toAnswer.getByText("已超期").first()).toBeVisible(); // the demo's overdue order
  await toAnswer.getByRole("link", { name: new RegExp(requirement) }).click();
  await expect(officer.page).toHaveURL(new RegExp(`${new URL(projectUrl).pathname}`));
  const officerOrder = officer.page.getByTestId("supervision-order").filter({ hasText: requirement });
  await officerOrder.getByText(/^答复督办单/).click();
  const answer = officerOrder.getByRole("form", { name: /答复督办单/ });
  await expect(answer.getByLabel("类型")).toHaveValue("PLAN");
  await answer.getByLabel("整改计划或进展").fill("整改计划：本月底前完成施工许可，下月开工。");
  await answer.getByRole("button", { name: "提交答复" }).click();
  await expect(officerOrder.getByTestId("supervision-status")).toHaveText("已答复");
  await expect(officerOrder.getByText("整改计划：本月底前完成施工许可，下月开工。")).toBeVisible();

  // The manager reviews it from 督办待审核 and resolves it.
  await manager.page.goto("/");
  await manager.page.getByTestId("work-supervision-review").getByRole("link", { name: new RegExp(requirement) }).click();
  const managerOrder = manager.page.getByTestId("supervision-order").filter({ hasText: requirement });
  await managerOrder.getByText(/^办结督办单/).click();
  const close = managerOrder.getByRole("form", { name: /办结督办单/ });
  await expect(close.getByLabel("处理结果")).toHaveValue("RESOLVE");
  await close.getByLabel("说明").fill("已核实整改计划，同意办结。");
  await close.getByRole("button", { name: "提交" }).click();
  await expect(managerOrder.getByTestId("supervision-status")).toHaveText("已办结");
  await manager.page.goto("/");
  await expect(manager.page.getByTestId("work-supervision-review").getByText(requirement)).toHaveCount(0);


  // The dashboard counts the county's orders: the demo's two still open, one of them overdue.
  await manager.page.goto("/dashboard");
  const counts = manager.page.getByRole("table", { name: "各单位督办情况" }).getByRole("row", { name: /青山/ });
  await expect(counts.locator("td")).toHaveText(["2", "1", /^\d+$/]);

  await manager.context.close();
  await officer.context.close();
});
