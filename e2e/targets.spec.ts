import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const YEAR = new Date().getFullYear();

// A city-wide dashboard computed afresh and a PDF set in Noto Sans SC take a while on a shared 2-core machine.
test.describe.configure({ timeout: 240_000 });

/** A target of this run's own (the server may be reused between runs: each save must change something). */
const N = String(100 + (Date.now() % 800));

/** Downloads a link's file: its suggested name and its bytes. */
async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("an admin sets the city's target, the dashboard shows progress and pace, the assessment downloads as XLSX and PDF", async ({ page }) => {
    await signIn(page, "admin@demo.local");
    await page.goto(`/admin/targets?year=${YEAR}`);
    await expect(page.getByRole("heading", { level: 1, name: "年度目标" })).toBeVisible();

    const cell = page.getByRole("textbox", { name: "江州市：签约项目数" });
    await cell.fill(N);
    await page.getByRole("textbox", { name: "江州市：签约额" }).fill(`${N}亿`);
    await page.getByRole("button", { name: "保存目标" }).click();
    await expect(page.getByRole("status")).toHaveText("已保存 2 项目标。");

    // A wrong amount is refused with its own message, and nothing is written.
    await page.getByRole("textbox", { name: "江州市：开工项目数" }).fill("3.5");
    await page.getByRole("button", { name: "保存目标" }).click();
    await expect(page.getByText("应为整数。")).toBeVisible();

    await page.goto(`/dashboard?period=year&year=${YEAR}`);
    const section = page.getByRole("region", { name: "目标完成" });
    await expect(section).toBeVisible();
    const table = section.getByRole("table", { name: "目标完成：江州市" });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "签约项目数", exact: true }) });
    await expect(row.getByRole("cell").nth(1)).toHaveText(N);
    await expect(row.getByRole("cell").nth(4)).toHaveText(/超前|持平|落后/);
    // The count links to its projects.
    await expect(row.getByRole("link")).toHaveAttribute("href", new RegExp(`/projects\\?.*signedFrom=${YEAR}-01-01`));
    await expect(section.getByRole("table", { name: "各县区排名" })).toBeVisible();

    await page.goto(`/admin/targets?year=${YEAR}`);
    const xlsx = await download(page, /XLSX/);
    expect(xlsx.name).toBe(`assessment-${YEAR}.xlsx`);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe("PK");
    const pdf = await download(page, /PDF/);
    expect(pdf.name).toBe(`assessment-${YEAR}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const csv = await download(page, /CSV/);
    expect(csv.bytes.toString("utf8")).toContain("考核得分");
  });

  test("an officer cannot open the targets page nor fetch the assessment", async ({ page }) => {
    await signIn(page, "officer@demo.local");
    await page.goto("/admin/targets");
    await expect(page).toHaveURL(/\/forbidden$/);
    expect((await page.request.get(`/api/assessment/${YEAR}.json`)).status()).toBe(403);
  });
});

test.describe("in English", () => {
  test.use({ locale: "en" });

  test("an admin sets a county's target, sees it on the dashboard, and downloads the assessment in English", async ({ page, context }) => {
    await signIn(page, "admin@demo.local");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.goto(`/admin/targets?year=${YEAR}`);
    await expect(page.getByRole("heading", { level: 1, name: "Annual targets" })).toBeVisible();
    const first = page.getByRole("textbox", { name: /: Projects signed$/ }).nth(1);
    const label = (await first.getAttribute("aria-label"))!;
    const county = label.replace(/: Projects signed$/, "");
    await first.fill(N);
    await page.getByRole("button", { name: "Save targets" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved 1 target.");

    await page.goto(`/dashboard?period=year&year=${YEAR}`);
    const ranking = page.getByRole("region", { name: "Targets" }).getByRole("table", { name: "Units ranked" });
    const row = ranking.getByRole("row").filter({ has: page.getByRole("rowheader", { name: county, exact: true }) });
    await expect(row).toContainText(`/ ${N}`);

    await page.goto(`/admin/targets?year=${YEAR}`);
    const pdf = await download(page, /PDF/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = await download(page, /XLSX/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe("PK");
    const json = await page.request.get(`/api/assessment/${YEAR}.json?lang=en`);
    expect(json.status()).toBe(200);
    const body = await json.json();
    expect(body.rows.find((r: { nameEn: string }) => r.nameEn === county).measures.SIGNED.target).toBe(N);
  });
});
