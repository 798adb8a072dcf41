import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

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
  await expect(page.getByTestId("import-errors")).toContainText("not a CSV (UTF-8) or XLSX file");
});

test("a manager cannot open the Import page or download the template", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/import");
  await expect(page).toHaveURL(/\/forbidden$/);
  const response = await page.request.get("/api/import/template.csv");
  expect(response.status()).toBe(403);
});
