/**
 * Screenshots of the pages officials read most, as the demo users see them,
 * for the before/after notes of a layout change:
 *
 *   npx tsx scripts/screenshots.ts docs/screenshots/after                 # starts `npm run start:e2e` on E2E_PORT (3204)
 *   npx tsx scripts/screenshots.ts docs/screenshots/after http://host:3000  # against a running server with the demo data
 *
 * Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH), Chinese UI. Each
 * PNG is a viewport (not a full page), so the files stay small; the page
 * measurements that matter (page height, columns in view, sideways scroll)
 * are printed beside them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const PASSWORD = "demo-password";
/** A demo project with rounds, a contract and funds: every part of the project page shows. */
const PROJECT = "恒宁时代江州动力电池生产基地项目";

/**
 * The machine has no Chinese system font (Chinese text would show as boxes):
 * Chromium gets a fontconfig of its own that adds Noto Sans SC from
 * node_modules (the font the PDF report embeds), as an official's PC has one.
 */
function fontConfig() {
  const dir = mkdtempSync(path.join(tmpdir(), "crm-fonts-"));
  const fonts = path.resolve("node_modules/@expo-google-fonts/noto-sans-sc");
  const file = path.join(dir, "fonts.conf");
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(fonts, "400Regular")}</dir>
  <dir>${path.join(fonts, "600SemiBold")}</dir>
  <cachedir>${path.join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}

async function waitForHealth(url: string, server: ChildProcess) {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not come up`);
}

async function startServer(port: string) {
  const server = spawn("npm", ["run", "start:e2e"], { env: { ...process.env, PORT: port }, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const url = `http://localhost:${port}`;
  await waitForHealth(url, server);
  return { url, stop: () => server.pid && process.kill(-server.pid, "SIGTERM") };
}

async function signedIn(browser: Browser, baseURL: string, email: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport, locale: "zh-CN", deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/** What the eye cannot measure in a PNG: page height and sideways scroll. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    pageHeight: document.documentElement.scrollHeight,
    pageWidth: document.documentElement.scrollWidth,
    viewport: `${window.innerWidth}×${window.innerHeight}`,
    scrollY: Math.round(window.scrollY),
    focused: document.activeElement && document.activeElement !== document.body ? `${document.activeElement.tagName.toLowerCase()}[name=${document.activeElement.getAttribute("name") ?? ""}]` : "none",
  }));
}

async function shoot(page: Page, dir: string, name: string, extra: Record<string, unknown> = {}) {
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`${file}: ${JSON.stringify({ ...(await measure(page)), ...extra })}`);
}

async function main() {
  const [outArg = "docs/screenshots/after", urlArg] = process.argv.slice(2);
  const dir = path.resolve(outArg);
  mkdirSync(dir, { recursive: true });
  const server = urlArg ? null : await startServer(process.env.E2E_PORT ?? "3204");
  const baseURL = urlArg ?? server!.url;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
      env: { ...process.env, FONTCONFIG_FILE: fontConfig() },
    });
    // The project page as an officer opens it, 1366 wide.
    const officer = await signedIn(browser, baseURL, "officer@demo.local", { width: 1366, height: 768 });
    await officer.goto(`/projects?q=${encodeURIComponent(PROJECT)}`);
    const href = await officer.getByRole("link", { name: PROJECT, exact: true }).first().getAttribute("href");
    await officer.goto(href!);
    await officer.getByTestId("timeline").waitFor();
    await shoot(officer, dir, "project-1366");
    await officer.context().close();

    // The board at 1366×768 as a manager: how many columns are in view, and how tall the page is.
    const manager = await signedIn(browser, baseURL, "manager@demo.local", { width: 1366, height: 768 });
    await manager.goto("/pipeline");
    await manager.getByTestId("pipeline-column").first().waitFor();
    const inView = await manager.getByTestId("pipeline-column").evaluateAll((columns) => columns.filter((c) => c.getBoundingClientRect().right <= window.innerWidth).length);
    await shoot(manager, dir, "board-1366", { columnsInView: inView });

    // The dashboard as a manager: the filter, then the signed-value chart.
    await manager.goto("/dashboard");
    const signed = manager.locator("section:has(#signed-title)");
    await signed.locator('[role="img"] svg').first().waitFor();
    await shoot(manager, dir, "dashboard-1366");
    await signed.locator('[role="img"]').first().screenshot({ path: path.join(dir, "dashboard-signed.png") });
    console.log(`${path.join(dir, "dashboard-signed.png")}`);
    await manager.context().close();

    // My work on a phone as an officer.
    const phone = await signedIn(browser, baseURL, "officer@demo.local", { width: 390, height: 844 });
    await phone.goto("/");
    await phone.getByTestId("work-overdue").waitFor();
    const hidden = await phone.getByTestId("work-row").evaluateAll((rows) => rows.filter((r) => r.getBoundingClientRect().right > window.innerWidth).length);
    await shoot(phone, dir, "my-work-390", { rowsCutOff: hidden });
    await phone.getByTestId("work-overdue").screenshot({ path: path.join(dir, "my-work-390-overdue.png") });
    console.log(`${path.join(dir, "my-work-390-overdue.png")}`);

    // The project page on the same phone: where it opens, and what has the focus (a focused text box opens the keyboard).
    await phone.goto(href!);
    await phone.getByTestId("timeline").waitFor();
    await shoot(phone, dir, "project-390");
  } finally {
    await browser?.close();
    server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
