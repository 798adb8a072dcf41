import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { newProject, signIn, unique } from "./helpers";

test.use({ locale: "zh-CN" });


test("an officer logs a round the mayor attended, attaches its minutes and downloads them; the project number shows and finds the project", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "officer@demo.local");

  // A new project gets its unit's next number.
  const { title } = await newProject(page, { title: `附件测试项目 ${unique()}` });
  const number = (await page.getByTestId("project-number").locator(".tabular-nums").textContent())!.trim();
  expect(number).toMatch(/^[A-Z0-9-]+-\d{4}-\d{4,}$/);

  // A round with the mayor, chosen from the list.
  const journey = page.getByTestId("project-journey");
  const roundForm = journey.getByRole("form", { name: /记录洽谈/ });
  await journey.getByRole("button", { name: "记录洽谈" }).click(); // the forms open on demand
  await roundForm.getByLabel("洽谈纪要").fill("市长会见投资方，商定用地方案。");
  await roundForm.getByLabel("出席领导").selectOption({ label: "市长" });
  await roundForm.getByRole("button", { name: /保存第 1 轮/ }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 1 轮洽谈已记录。");

  const timeline = page.getByTestId("timeline");
  const round = timeline.locator('li[data-kind="round"]').first();
  await expect(round.getByTestId("round-leader")).toHaveText("· 市长出席");
  // The timeline narrows to the rounds a leader attended.
  await page.getByRole("group", { name: "显示" }).getByRole("button", { name: "领导出席 (1)" }).click();
  await expect(timeline.locator('li[data-kind="stage"]').first()).toBeHidden();
  await expect(round).toBeVisible();

  // The minutes, attached to the round.
  const attachments = round.getByTestId("attachments-round");
  await attachments.getByRole("button", { name: /添加附件/ }).click();
  await attachments.getByLabel("添加附件").setInputFiles({ name: "第1轮会议纪要.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 minutes of round 1") });
  await expect(attachments.getByText("每个文件不超过 10 MB")).toBeVisible();
  await attachments.getByRole("button", { name: "上传" }).click();
  // The file is listed once the page has re-rendered from the server, which
  // remounts a round logged on this page; the confirmation is still there.
  const link = attachments.getByRole("link", { name: "下载 第1轮会议纪要.pdf" });
  await expect(link).toBeVisible();
  await expect(attachments.getByRole("status")).toHaveText("已上传：第1轮会议纪要.pdf");
  await expect(attachments).toContainText("李明 上传于");

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("第1轮会议纪要.pdf");
  expect(await readFile((await download.path())!, "utf8")).toBe("%PDF-1.4 minutes of round 1");

  // The list finds the project by its number.
  await page.goto(`/projects?q=${encodeURIComponent(number)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByText(number)).toBeVisible();
});
