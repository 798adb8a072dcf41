import { expect, test, type Browser, type Page } from "@playwright/test";
import { newProject, signIn, unique } from "./helpers";

test.use({ locale: "zh-CN" });


/** Creates a project through the form for an existing demo company; returns its id. */
async function createProjectViaForm(page: Page, title: string, amount = "350000000") {
  const { id } = await newProject(page, { title, plannedCny: amount });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return id;
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("an officer creates a project for an existing company and finds it in the list", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  const title = `格元环保江州回收基地 ${unique()}`;
  await createProjectViaForm(page, title);
  await expect(page.getByTestId("facts")).toContainText("3.5亿元");
  await expect(page.getByTestId("owner-name")).toHaveText("李明");
  await expect(page.getByTestId("timeline")).toContainText("进入“首次接洽”");

  await page.goto("/projects");
  await page.getByLabel("搜索", { exact: true }).fill(title.split(" ").pop()!);
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("project-count")).toHaveText("共 1 个项目");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("two people edit one project: after the conflict, B's re-save keeps A's planned investment and saves B's jobs and phase", async ({ browser }) => {
  const a = await signedIn(browser, "officer@demo.local");
  const title = `冲突测试项目 ${unique()}`;
  const id = await createProjectViaForm(a.page, title);

  const b = await signedIn(browser, "officer.city2@demo.local");
  await a.page.goto(`/projects/${id}/edit`);
  await b.page.goto(`/projects/${id}/edit`);

  // A raises the planned investment, 3.5亿 → 4.2亿, and saves first.
  await a.page.getByLabel("计划投资（元）").fill("420000000");
  await a.page.getByRole("button", { name: "保存" }).click();
  await expect(a.page).toHaveURL(new RegExp(`/projects/${id}$`));
  await expect(a.page.getByTestId("facts")).toContainText("4.2亿元");

  // B, still on the old version, changes jobs and phase.
  await b.page.getByLabel("就业岗位").fill("260");
  await b.page.getByLabel("期次").fill("二期");
  await b.page.getByRole("button", { name: "保存" }).click();
  const conflict = b.page.getByTestId("conflict");
  await expect(conflict).toContainText("在你编辑期间，其他人修改了这个项目");
  // Who changed what, amounts as amounts; nothing to choose, since only A touched the amount.
  await expect(conflict).toContainText("计划投资（元）：3.5亿元 → 4.2亿元");
  await expect(conflict).toContainText("李明");
  await expect(conflict).toContainText("已填入表单");
  await expect(conflict.getByRole("radio")).toHaveCount(0);
  await expect(b.page).toHaveURL(new RegExp(`/projects/${id}/edit$`));
  // The field B left alone now holds A's value; B's own changes stay.
  await expect(b.page.getByLabel("计划投资（元）")).toHaveValue("420000000");
  await expect(b.page.getByLabel("就业岗位")).toHaveValue("260");
  await expect(b.page.getByLabel("期次")).toHaveValue("二期");

  // Nothing of B's was saved yet.
  await a.page.reload();
  await expect(a.page.getByTestId("facts")).not.toContainText("二期");

  // B saves again: A's 4.2亿 stays, and B's jobs and phase are saved.
  await b.page.getByRole("button", { name: "保存" }).click();
  await expect(b.page).toHaveURL(new RegExp(`/projects/${id}$`));
  const facts = b.page.getByTestId("facts");
  await expect(facts).toContainText("4.2亿元");
  await expect(facts).toContainText("260");
  await expect(facts).toContainText("二期");

  await a.context.close();
  await b.context.close();
});

test("an officer opening another unit's project sees not found, and nothing of it", async ({ browser }) => {
  const a = await signedIn(browser, "officer@demo.local");
  const title = `保密项目 ${unique()}`;
  const id = await createProjectViaForm(a.page, title);
  await a.context.close();

  const b = await signedIn(browser, "officer2@demo.local");
  for (const path of [`/projects/${id}`, `/projects/${id}/edit`]) {
    const response = await b.page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(b.page.getByRole("heading", { name: "没有找到" })).toBeVisible();
    expect(await b.page.content()).not.toContain(title);
  }
  // nor in the RSC payload
  const rsc = await b.page.request.get(`/projects/${id}`, { headers: { RSC: "1" } });
  expect(await rsc.text()).not.toContain(title);
  // nor in the list
  await b.page.goto(`/projects?q=${encodeURIComponent(title)}`);
  await expect(b.page.getByTestId("project-count")).toHaveText("没有项目");
  await b.context.close();
});

test("a manager reassigns a project's owner; an officer cannot", async ({ browser }) => {
  const a = await signedIn(browser, "officer@demo.local");
  const title = `换负责人项目 ${unique()}`;
  const id = await createProjectViaForm(a.page, title);
  await expect(a.page.getByText("更换负责人")).toHaveCount(0);
  await a.context.close();

  const m = await signedIn(browser, "manager@demo.local");
  await m.page.goto(`/projects/${id}`);
  await expect(m.page.getByTestId("owner-name")).toHaveText("李明");
  await m.page.getByText("更换负责人").click();
  await m.page.getByLabel("新负责人").selectOption({ label: "郑雪" });
  await m.page.getByRole("button", { name: "更换", exact: true }).click();
  await expect(m.page.getByTestId("owner-name")).toHaveText("郑雪");
  await expect(m.page.getByTestId("timeline")).toContainText("负责人变更：李明 → 郑雪");
  await m.context.close();
});
