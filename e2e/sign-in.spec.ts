import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

const ROLES = [
  { email: "officer@demo.local", role: "招商专员", seesAdmin: false, seesReports: false },
  { email: "manager@demo.local", role: "管理者", seesAdmin: false, seesReports: true },
  { email: "admin@demo.local", role: "系统管理员", seesAdmin: true, seesReports: true },
];

for (const { email, role, seesAdmin, seesReports } of ROLES) {
  test(`${email} signs in, sees the shell with name, role and unit, and signs out`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByTestId("current-user").filter({ visible: true })).toContainText(role);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "项目", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "系统管理" })).toHaveCount(seesAdmin ? 1 : 0);
    await expect(nav.getByRole("link", { name: "报表" })).toHaveCount(seesReports ? 1 : 0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("a wrong password gets a clear error and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("officer2@demo.local");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "邮箱或密码不正确。" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("before the page's script has run", () => {
  // The browser sends the form itself: it must not put the password in the address.
  test.use({ javaScriptEnabled: false });

  test("a sign-in sent by the browser keeps the password out of the address", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("officer2@demo.local");
    await page.getByLabel("密码").fill("secret-in-the-url");
    const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.url().includes("/login"));
    await page.getByRole("button", { name: "登录" }).click();
    expect((await response).request().method()).toBe("POST");
    expect(page.url()).not.toContain("secret-in-the-url");
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  });
});

test("an officer cannot open the admin page", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("the language switch changes every string and is remembered", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.getByRole("button", { name: "English" }).first().click();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Pipeline" })).toBeVisible();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toContainText("Manager");
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" }).first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the shell works on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "officer@demo.local");
  await page.getByText("菜单", { exact: true }).click();
  await expect(page.locator("#mobile-nav")).toBeVisible();
  await page.locator("#mobile-nav").getByRole("link", { name: "项目看板" }).click();
  await expect(page).toHaveURL(/\/pipeline$/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test("pages without a session redirect to sign-in; health answers", async ({ request, page }) => {
  await page.goto("/companies");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcompanies/);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", db: "ok" });
});

test("responses carry the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
});
