import { expect, test, type Browser } from "@playwright/test";
import { signIn, ymd } from "./helpers";

test.use({ locale: "zh-CN" });

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a county manager issues a supervision order, the officer answers with a plan from My work, the manager resolves it", async ({ browser }) => {
  test.setTimeout(240_000); // a shared, loaded machine: the flows take minutes there
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

test("a county manager issues ONE order on the county's red projects from the list; it shows on each of them and in My work, and is resolved once", async ({ browser }) => {
  test.setTimeout(240_000); // a shared, loaded machine: the flows take minutes there
  const requirement = `请各红色项目逐一报送整改计划 ${Math.random().toString(36).slice(2, 8)}`;
  const manager = await signedIn(browser, "manager2@demo.local");
  const page = manager.page;
  await page.goto("/projects?colour=RED");
  const count = Number((await page.getByTestId("project-count").innerText()).replace(/\D/g, ""));
  expect(count).toBeGreaterThan(1);
  const titles = await page.locator('table tbody a[href^="/projects/"]').allInnerTexts();

  const entry = page.getByTestId("supervision-for-list");
  await entry.getByText("对这些项目下达督办单").click();
  await expect(entry.getByText(`涵盖当前筛选出的 ${count} 个项目`)).toBeVisible();
  const form = entry.getByRole("form", { name: "对所列项目下达督办单" });
  await form.getByLabel("督办事项").fill(requirement);
  await form.getByLabel("答复期限").fill(ymd(7));
  await form.getByRole("button", { name: "下达" }).click();
  await expect(form.getByRole("status")).toHaveText(`督办单已下达，涵盖 ${count} 个项目。`);

  // One order, on each project of the set: the first and the last project's pages list the whole set.
  for (const title of [titles[0], titles[titles.length - 1]]) {
    await page.goto("/projects?colour=RED");
    await page.locator("table tbody").getByRole("link", { name: title, exact: true }).click();
    const order = page.getByTestId("supervision-order").filter({ hasText: requirement });
    await expect(order).toHaveCount(1);
    await expect(order.getByText(`下达给青山县，涉及 ${count} 个项目：`)).toBeVisible();
    await expect(order.getByRole("list", { name: "本督办单涉及的项目" }).getByRole("listitem")).toHaveCount(count);
  }

  // The unit's manager answers it (the default assignee) from My work, then resolves it.
  await page.goto("/");
  await page.getByTestId("work-supervision-answer").getByRole("link", { name: new RegExp(`等 ${count - 1} 个项目：${requirement}`) }).click();
  const order = page.getByTestId("supervision-order").filter({ hasText: requirement });
  await order.getByText(/^答复督办单/).click();
  const answer = order.getByRole("form", { name: /答复督办单/ });
  await answer.getByLabel("整改计划或进展").fill("整改计划：逐个项目明确开工节点。");
  await answer.getByRole("button", { name: "提交答复" }).click();
  await expect(order.getByTestId("supervision-status")).toHaveText("已答复");
  await order.getByText(/^办结督办单/).click();
  const close = order.getByRole("form", { name: /办结督办单/ });
  await close.getByLabel("说明").fill("已核实，同意办结。");
  await close.getByRole("button", { name: "提交" }).click();
  await expect(order.getByTestId("supervision-status")).toHaveText("已办结");
  await manager.context.close();
});

test("in English, a city manager first filters by one unit, then issues one order on its signed projects", async ({ browser }) => {
  test.setTimeout(240_000); // a shared, loaded machine: the flows take minutes there
  const requirement = `Report each project's construction plan ${Math.random().toString(36).slice(2, 8)}`;
  const context = await browser.newContext({ locale: "en" });
  const page = await context.newPage();
  await signIn(page, "manager@demo.local");
  await page.goto("/projects?stage=SIGNED");
  const entry = page.getByTestId("supervision-for-list");
  await entry.getByText("Issue a supervision order for these projects").click();
  await expect(entry.getByText("To issue one order for these projects, first filter by one unit.")).toBeVisible();

  await page.getByLabel("Unit", { exact: true }).selectOption({ label: "Qingshan County" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/unitId=\d+/);
  const count = Number((await page.getByTestId("project-count").innerText()).replace(/\D/g, ""));
  expect(count).toBeGreaterThan(0);
  await entry.getByText("Issue a supervision order for these projects").click();
  const form = entry.getByRole("form", { name: "Supervision order for the projects shown" });
  await expect(entry.getByText(`One order to Qingshan County on the ${count} projects this filter shows now.`)).toBeVisible();
  await form.getByLabel("What must happen").fill(requirement);
  await form.getByLabel("Answer due by").fill(ymd(5));
  await expect(form.getByLabel("Who must answer")).toHaveValue(""); // the unit's manager, by default
  await form.getByRole("button", { name: "Issue the order" }).click();
  await expect(form.getByRole("status")).toHaveText(`Order issued on ${count} projects.`);

  await page.locator("table tbody a[href^='/projects/']").first().click();
  const order = page.getByTestId("supervision-order").filter({ hasText: requirement });
  await expect(order.getByTestId("supervision-status")).toHaveText("Open");
  await expect(order.getByText("To answer: 刘丽华")).toBeVisible();
  // The city manager closes it here (any project of the set opens the same order).
  await order.getByText(/^Close order/).click();
  const close = order.getByRole("form", { name: /Close order/ });
  await close.getByLabel("Note").fill("Withdrawn: issued for the test.");
  await close.getByRole("button", { name: "Record the decision" }).click();
  await expect(order.getByTestId("supervision-status")).toHaveText("Resolved");
  await context.close();
});
