import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

/**
 * Headers a client can send that the app sets for itself (issue 12, section 4):
 * a request flagged as a router prefetch used to skip proxy.ts, so its HTML had
 * no CSP and the page trusted the client's own x-pathname.
 */
test("a page asked for as a router prefetch still carries the CSP", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  const response = await page.request.get("/projects", { headers: { "next-router-prefetch": "1" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
});

test("a refused page is audited under its real path, not the x-pathname the client sent", async ({ page, browser }) => {
  const forged = `/forged-${Date.now()}`;
  await signIn(page, "officer@demo.local");
  await page.request.get("/admin", { headers: { "next-router-prefetch": "1", "x-pathname": forged } });

  const admin = await browser.newPage();
  await signIn(admin, "admin@demo.local");
  await admin.goto(`/admin/audit?action=access.denied&entityId=${encodeURIComponent(forged)}`);
  await expect(admin.getByText("没有符合条件的记录。")).toBeVisible();
  await admin.goto(`/admin/audit?action=access.denied&entityId=${encodeURIComponent("/admin")}`);
  await expect(admin.getByTestId("audit-table").getByRole("row").nth(1)).toContainText("route #/admin");
  await admin.close();
});
