import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

test.use({ locale: "zh-CN" });

const unique = () => Math.random().toString(36).slice(2, 8);

test("an admin creates a user, who must replace the admin-set password at the first sign-in; the admin disables them and the session ends", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const s = unique();
  const name = `测试用户${s}`;
  const email = `e2e-${s}@demo.local`;
  const password = `a long initial ${unique()}`; // its own suffix: a password may not contain the email's name

  await signIn(page, "admin@demo.local");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "系统管理" })).toBeVisible();
  await page.getByRole("link", { name: /^用户/ }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  // A short password is refused next to its field; what was typed stays.
  const form = page.getByRole("form", { name: "新建用户" });
  await form.getByLabel("姓名").fill(name);
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("角色").selectOption({ label: "招商专员" });
  await form.getByLabel("所属单位").selectOption({ label: "青山县" });
  await form.getByLabel("初始密码").fill("short");
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("alert")).toHaveText("请更正标出的内容后再提交。");
  await expect(form.getByLabel("初始密码")).toHaveAccessibleDescription(/至少 12 个字符。/);
  await expect(form.getByLabel("姓名")).toHaveValue(name);

  await form.getByLabel("初始密码").fill(password);
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByRole("status")).toContainText(`已创建用户 ${name}`);
  await expect(form.getByLabel("姓名")).toHaveValue("");
  const row = page.getByTestId("users-table").getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("青山县");
  await expect(row).toContainText("正常");

  // The same email again is a field error.
  await form.getByLabel("姓名").fill(`${name}二`);
  await form.getByLabel("邮箱").fill(email.toUpperCase());
  await form.getByLabel("所属单位").selectOption({ label: "青山县" });
  await form.getByLabel("初始密码").fill(password);
  await form.getByRole("button", { name: "创建用户" }).click();
  await expect(form.getByLabel("邮箱")).toHaveAccessibleDescription("该邮箱已被其他账号使用。");

  // The new user signs in, in a browser of their own (and on a second device), and must first
  // replace the password the admin set: every page leads to the change form until they do.
  const signInAs = async (context: import("@playwright/test").BrowserContext) => {
    const p = await context.newPage();
    await p.goto("/login");
    await p.getByLabel(/邮箱/).fill(email);
    await p.getByLabel(/密码/).fill(password);
    await p.getByRole("button", { name: "登录" }).click();
    await expect(p).toHaveURL(/\/account\/password$/);
    return p;
  };
  const theirs = await browser.newContext({ locale: "zh-CN" });
  const second = await browser.newContext({ locale: "zh-CN" });
  const userPage = await signInAs(theirs);
  const secondPage = await signInAs(second);
  await expect(userPage.getByRole("status")).toContainText("您的密码由管理员设置");
  await userPage.goto("/projects");
  await expect(userPage).toHaveURL(/\/account\/password$/);

  const change = async (current: string, next: string) => {
    await userPage.getByLabel("当前密码").fill(current);
    await userPage.getByLabel("新密码", { exact: true }).fill(next);
    await userPage.getByLabel("再次输入新密码").fill(next);
    await userPage.getByRole("button", { name: "修改密码" }).click();
  };
  // A common password is refused next to its field.
  await change(password, "password1234");
  await expect(userPage.getByLabel("新密码", { exact: true })).toHaveAccessibleDescription(/过于常见/);
  const own = `quiet-harbour-violet-${unique()}`;
  await change(password, own);
  await expect(userPage).toHaveURL((url) => url.pathname === "/");
  await expect(userPage.getByTestId("current-user").first()).toContainText(name);
  // The change ended the session on the other device; this one goes on.
  await secondPage.goto("/projects");
  await expect(secondPage).toHaveURL(/\/login/);
  await second.close();

  // Later they change it again from the shell's link: the form says so and they stay signed in.
  await userPage.getByRole("link", { name: "修改密码" }).first().click();
  await expect(userPage.getByRole("heading", { name: "修改密码" })).toBeVisible();
  const newer = `amber-meadow-falcon-${unique()}`;
  await change(own, newer);
  await expect(userPage.getByRole("status")).toContainText("密码已修改");
  await userPage.goto("/projects");
  await expect(userPage.getByTestId("current-user").first()).toContainText(name);

  // The admin disables them…
  await row.getByRole("link", { name: `管理 ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByText("账号已停用，该用户的登录已失效。")).toBeVisible();
  await expect(page.getByTestId("user-status")).toHaveText("账号已停用：该用户无法登录。");
  await expect(page.getByRole("button", { name: "启用账号" })).toBeVisible();

  // …and their session ends at their next request; they cannot sign in again.
  await userPage.goto("/projects");
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel(/邮箱/).fill(email);
  await userPage.getByLabel(/密码/).fill(newer);
  await userPage.getByRole("button", { name: "登录" }).click();
  await expect(userPage.getByRole("alert").filter({ hasText: "邮箱或密码不正确。" })).toBeVisible();
  await theirs.close();

  await page.goto("/admin/users");
  await expect(page.getByTestId("users-table").getByRole("row", { name: new RegExp(email) })).toContainText("已停用");

  // The audit log shows the disabling with its difference.
  await page.goto(`/admin/audit?action=user.disable`);
  const entry = page.getByTestId("audit-table").getByRole("row").nth(1);
  await expect(entry).toContainText("停用用户"); // the action as people read it, with its code
  await expect(entry).toContainText("user.disable");
  await expect(entry.getByTestId("audit-diff")).toContainText("disabled");
  await expect(entry.getByTestId("audit-diff")).toContainText("true");
});

test("a manager opening the Admin pages gets the not-allowed page", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  for (const path of ["/admin", "/admin/users", "/admin/tokens", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "无权访问" })).toBeVisible();
  }
});

test("an admin creates an API token, sees it once, and revokes it", async ({ page }) => {
  const name = `季度报表导出 ${unique()}`;
  await signIn(page, "admin@demo.local", DEMO_PASSWORD);
  await page.goto("/admin/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API 令牌" })).toBeVisible();

  const form = page.getByRole("form", { name: "新建令牌" });
  await form.getByLabel("名称").fill(name);
  await form.getByRole("button", { name: "创建令牌" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText(`已创建令牌“${name}”`);
  await expect(shown).toContainText("请立即复制：令牌不会再次显示。");
  const token = (await page.getByTestId("token-value").textContent())!.trim();
  expect(token).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);

  const row = page.getByTestId("tokens-table").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("有效");
  await expect(row).toContainText("从未使用");

  // Once dismissed, or after a reload, the token is nowhere on the page.
  await shown.getByRole("button", { name: "我已复制" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(token);
  expect(await page.content()).not.toContain(token.slice(4));

  await row.getByRole("button", { name: `吊销 ${name}` }).click();
  await expect(row).toContainText("已吊销");
  await expect(row.getByRole("button")).toHaveCount(0);
});

test("an admin adds a sector, is refused a used code, renames the sector, retires and restores it, and adds a county", async ({ page }) => {
  const code = `e2e-${unique()}`;
  await signIn(page, "admin@demo.local");
  await page.goto("/admin/reference?kind=SECTOR");
  await expect(page.getByRole("link", { name: "产业领域", exact: true })).toHaveAttribute("aria-current", "page");

  const form = page.getByRole("form", { name: "新增产业领域" });
  await form.getByLabel("编码").fill(code);
  await form.getByLabel("中文名称").fill("低空经济");
  await form.getByLabel("英文名称").fill("Low-altitude economy");
  await form.getByRole("button", { name: "新增" }).click();
  await expect(form.getByRole("status")).toHaveText("已新增 低空经济。");
  const item = page.getByTestId(`item-${code}`);
  await expect(item).toContainText("使用中");

  await form.getByLabel("编码").fill(code);
  await form.getByLabel("中文名称").fill("重复");
  await form.getByLabel("英文名称").fill("Duplicate");
  await form.getByRole("button", { name: "新增" }).click();
  await expect(form.getByLabel("编码")).toHaveAccessibleDescription(/该编码已被使用。/);
  await expect(form.getByLabel("中文名称")).toHaveValue("重复");

  const rename = item.getByRole("form", { name: `修改 ${code} 的名称` });
  await rename.getByLabel("中文名称").fill("低空经济产业");
  await rename.getByRole("button", { name: "保存" }).click();
  await expect(item.getByText("已保存。")).toBeVisible();

  await item.getByRole("button", { name: "停用" }).click();
  await expect(item.getByText("已停用。已使用它的记录保持不变。")).toBeVisible();
  await expect(item.getByRole("button", { name: "恢复" })).toBeVisible();
  await item.getByRole("button", { name: "恢复" }).click();
  await expect(item.getByText("已恢复。")).toBeVisible();
  await expect(item.getByRole("button", { name: "停用" })).toBeVisible();

  const unitCode = `e2e${unique()}`;
  await page.goto("/admin/units");
  const unitForm = page.getByRole("form", { name: "新增县区" });
  await unitForm.getByLabel("编码").fill(unitCode);
  await unitForm.getByLabel("中文名称").fill("东湖区");
  await unitForm.getByLabel("英文名称").fill("Donghu District");
  await unitForm.getByLabel("类型").selectOption({ label: "区" });
  await unitForm.getByRole("button", { name: "新增单位" }).click();
  await expect(unitForm.getByRole("status")).toHaveText("已新增单位 东湖区。");
  await expect(page.getByTestId(`item-${unitCode}`)).toContainText("区 · 0 个用户 · 0 个项目");
  await expect(page.getByTestId("item-city").getByRole("button", { name: "停用" })).toHaveCount(0);
});
