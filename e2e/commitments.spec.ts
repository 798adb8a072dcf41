import { expect, test, type Page } from "@playwright/test";
import { signIn, ymd } from "./helpers";

test.use({ locale: "zh-CN" });

/** A signed (under construction) demo project of the officer's unit. */
const PROJECT = "港湾储能储能系统集成项目";

async function openProject(page: Page) {
  await page.goto("/projects?q=" + encodeURIComponent(PROJECT));
  await page.getByRole("link", { name: PROJECT }).click();
  await expect(page.getByTestId("commitments")).toBeVisible();
}

test("an officer records a signed project's commitments and actuals and sees the colours; in English too", async ({ page, context }) => {
  await signIn(page, "officer@demo.local");
  await openProject(page);
  const section = page.getByTestId("commitments");
  const promise = section.getByRole("form", { name: "记录或变更承诺" });

  async function promiseDate(kind: string, due: string) {
    await promise.getByLabel("事项").selectOption({ label: kind });
    await promise.getByLabel("承诺日期").fill(due);
    await promise.getByRole("button", { name: "保存承诺" }).click();
    await expect(promise.getByRole("status")).toHaveText("承诺已保存。");
  }

  // 供地 past due: red; 投产 within 30 days: yellow; 达产 far off: green.
  await promiseDate("供地", ymd(-5));
  await expect(section.getByTestId("milestone-LAND_HANDOVER")).toContainText("逾期");
  // My work lists it, red first.
  const projectUrl = page.url();
  await page.goto("/");
  const work = page.getByTestId("work-milestones");
  await expect(work.getByRole("row").filter({ hasText: PROJECT }).first()).toContainText("逾期");
  await page.goto(projectUrl);

  await promiseDate("投产", ymd(10));
  await expect(section.getByTestId("milestone-PRODUCTION")).toContainText("临期");
  // Amended (a supplementary agreement): green now, the earlier promise kept beside it.
  await promiseDate("投产", ymd(90));
  await expect(section.getByTestId("milestone-PRODUCTION")).toContainText("正常");
  await expect(section.getByTestId("milestone-PRODUCTION")).toContainText("原承诺：");
  await promiseDate("投产", ymd(10));
  await expect(section.getByTestId("milestone-PRODUCTION")).toContainText("临期");
  await promiseDate("达产", ymd(400));
  await expect(section.getByTestId("milestone-FULL_PRODUCTION")).toContainText("正常");
  // Construction start is read from the project's start record: reached, green.
  await expect(section.getByTestId("milestone-CONSTRUCTION_START")).toContainText("正常");

  // A figure: 800 jobs promised, 320 reported.
  await promise.getByLabel("事项").selectOption({ label: "就业人数" });
  await promise.getByLabel("承诺值").fill("800");
  await promise.getByRole("button", { name: "保存承诺" }).click();
  await expect(promise.getByRole("status")).toHaveText("承诺已保存。");
  await expect(section.getByTestId("figure-JOBS")).toContainText("800 人");

  const actual = section.getByRole("form", { name: "记录实际完成" });
  await actual.getByLabel("事项").selectOption({ label: "就业人数" });
  await actual.getByLabel("实际值").fill("320");
  await actual.getByRole("button", { name: "保存实际" }).click();
  await expect(actual.getByRole("status")).toHaveText("实际情况已保存。");
  await expect(section.getByTestId("figure-JOBS")).toContainText("320 人");

  // 供地 reached today (late): green.
  await actual.getByLabel("事项").selectOption({ label: "供地" });
  await actual.getByRole("button", { name: "保存实际" }).click();
  await expect(actual.getByRole("status")).toHaveText("实际情况已保存。");
  await expect(section.getByTestId("milestone-LAND_HANDOVER")).toContainText("正常");

  // In English.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.reload();
  const en = page.getByTestId("commitments");
  await expect(en.getByRole("heading", { name: "Delivery" })).toBeVisible();
  await expect(en.getByTestId("milestone-PRODUCTION")).toContainText("Due soon");
  await expect(en.getByTestId("figure-JOBS")).toContainText("800 people");
});

test("an admin sets the days before a deadline turns yellow", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "里程碑颜色" });
  const days = form.getByLabel("到期前多少天变为临期（黄色）");
  await expect(days).toHaveValue(/^\d+$/);
  await days.fill("45");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存。");
  await page.reload();
  await expect(form.getByLabel("到期前多少天变为临期（黄色）")).toHaveValue("45");
  // Back to the default, for the other tests.
  await form.getByLabel("到期前多少天变为临期（黄色）").fill("30");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存。");
});
