import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { megabytes, xlsxOf } from "../lib/import/hostile-files.test-helpers";

test.use({ locale: "en-US" });

test("an admin imports the CSV template, then sees every error of a broken file", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@demo.local");
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import projects" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "负责人邮箱" })).toBeVisible(); // the Chinese header names are listed

  // The template: a header row and one example row, UTF-8 with a BOM.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV template" }).click()]);
  const path = await download.path();
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text.trim().split(/\r?\n/)).toHaveLength(2);

  const file = page.getByLabel(/^File \(CSV or XLSX/);
  await file.setInputFiles({ name: "template.csv", mimeType: "text/csv", buffer: bytes });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toHaveText(/created 1, updated 0/);

  // A broken copy: a bad date and an unknown unit in row 2, a duplicate id in row 3.
  const [header, example] = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  const cols = header.split(",");
  const broken = example.replace(/2024-03-15/, "15/03/2024").replace(/,city,/, ",atlantis,");
  await file.setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from([header, broken, example].join("\n")) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Nothing was imported");
  const table = page.getByTestId("import-errors");
  await expect(table.getByRole("row", { name: /first_contact_date/ })).toContainText("YYYY-MM-DD");
  await expect(table.getByRole("row", { name: /^2 first_contact_date/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /^2 unit/ })).toContainText('"atlantis"');
  await expect(table.getByRole("row", { name: /^3 external_id/ })).toContainText("row 2");
  expect(cols).toContain("owner_email");

  // Not a spreadsheet at all.
  await file.setInputFiles({ name: "picture.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-errors")).toContainText("not a CSV (UTF-8 or GBK) or XLSX file");
});

test("a manager cannot open the Import page or download the template", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/import");
  await expect(page).toHaveURL(/\/forbidden$/);
  const response = await page.request.get("/api/import/template.csv");
  expect(response.status()).toBe(403);
});

test("an upload posted with the admin's cookie from another origin is refused; the app's own origin is not", async ({ page, baseURL }) => {
  await signIn(page, "admin@demo.local");
  const own = new URL(baseURL!);
  const other = `${own.protocol}//${own.hostname}:${Number(own.port) + 1}`; // another port of the same host: same site
  const file = { name: "p.csv", mimeType: "text/csv", buffer: Buffer.from("external_id\n") };
  const forged = await page.request.post("/api/import/projects", { multipart: { file }, headers: { origin: other } });
  expect(forged.status()).toBe(403);
  // In the admin's remembered language.
  expect((await forged.json()).errors[0].message).toMatch(/did not come from this application's own pages|不是来自本系统自己的页面/);
  const ownPost = await page.request.post("/api/import/projects", { multipart: { file }, headers: { origin: own.origin } });
  expect(ownPost.status()).toBe(400); // read and refused for its content: it got past the check
  expect((await ownPost.json()).errors[0].message).toMatch(/Required columns missing|缺少必填列/);
});

test("hostile uploads are refused quickly while /api/health stays fast, and an oversized body is called too large", async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@demo.local");
  const header = ["external_id", "project_title", "investor_name", "unit", "stage", "first_contact_date", "owner_email"];
  const bomb = await xlsxOf({ header, rows: () => [], sharedExtra: () => megabytes(300) });
  const manyRows = await xlsxOf({
    header,
    rows: function* () {
      for (let r = 2; r <= 440_001; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c></row>`;
    },
  });
  const lines = [header.join(",")];
  for (let i = 0; lines.length < 255_000; i++) lines.push(`X-${i},t,i,u,intent,2023-01-01,a@b.c`);
  const bigCsv = Buffer.from(lines.join("\n"));

  // Another user's requests meanwhile: /api/health, one after another, timed (first without uploads).
  const other = await playwright.request.newContext({ baseURL });
  const quiet: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = Date.now();
    await other.get("/api/health");
    quiet.push(Date.now() - started);
  }
  quiet.sort((a, b) => a - b);
  const latencies: number[] = [];
  let uploading = true;
  const poller = (async () => {
    while (uploading) {
      const started = Date.now();
      expect((await other.get("/api/health")).status()).toBe(200);
      latencies.push(Date.now() - started);
    }
  })();
  const post = (name: string, buffer: Buffer | Uint8Array) =>
    page.request.post("/api/import/projects", { multipart: { file: { name, mimeType: "application/octet-stream", buffer: Buffer.from(buffer) } } });
  const results: string[] = [];
  for (const [name, buffer] of [["bomb.xlsx", bomb], ["rows.xlsx", manyRows], ["rows.csv", bigCsv]] as const) {
    const started = Date.now();
    const response = await post(name, buffer);
    expect(response.status()).toBe(400);
    results.push(`${name}: ${Date.now() - started} ms, "${(await response.json()).errors[0].message}"`);
  }
  uploading = false;
  await poller;
  await other.dispose();
  latencies.sort((a, b) => a - b);
  console.log(results.join("\n"));
  console.log(`/api/health without uploads: median ${quiet[quiet.length >> 1]} ms, max ${quiet.at(-1)} ms`);
  console.log(`/api/health during the uploads: ${latencies.length} checks, median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms`);
  expect(results[0]).toMatch(/unpacks to more than 100 MB|解压后超过 100 MB/);
  expect(results[1]).toMatch(/more than 20000 data rows|数据行超过 20000 行/);
  expect(results[2]).toMatch(/more than 20000 data rows|数据行超过 20000 行/);
  expect(latencies.at(-1)!).toBeLessThan(1_500); // before: health went unanswered for many seconds

  // Over the proxy's 12 MB: "too large", not "no file".
  const huge = await post("huge.csv", Buffer.alloc(13 * 1024 * 1024, 0x41));
  expect(huge.status()).toBe(400);
  expect((await huge.json()).errors[0].message).toMatch(/^(The file is larger than 10 MB\.|文件超过 10 MB。)$/);
});
