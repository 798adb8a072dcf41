import { expect, test, type Locator, type Page } from "@playwright/test";
import { newProject, shownDate, signIn, unique, ymd } from "./helpers";

test.use({ locale: "zh-CN" });

/** The stage form: the project moved to 考察/意向, saved. */
async function moveToIntent(journey: Locator) {
  await journey.getByRole("button", { name: "变更阶段" }).click();
  const stageForm = journey.getByRole("form", { name: "变更阶段" });
  await stageForm.getByLabel("变更为").selectOption({ label: "考察/意向" });
  await stageForm.getByLabel("投资意向说明").fill("对方表示有意落户");
  await stageForm.getByRole("button", { name: "变更为“考察/意向”" }).click();
  await expect(stageForm.getByRole("status")).toHaveText("已变更为“考察/意向”。");
}

/**
 * Logging a round answers with what changed and the page shows it in place, without re-rendering the page
 * (issue 14): everything a round moves must show at once, as after a reload, and the page's other forms must save
 * against the project's version the round moved to.
 */
test("a logged round shows at once everywhere on the page; the stage form saves after it without a conflict; Back and reload agree", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "officer@demo.local");
  const title = `回执测试项目 ${Math.random().toString(36).slice(2, 8)}`;
  await newProject(page, { title, firstContactOn: ymd(-60) });
  const url = page.url();

  const journey = page.getByTestId("project-journey");
  const timeline = page.getByTestId("timeline");
  const facts = page.getByTestId("facts");
  const rounds = timeline.locator('li[data-kind="round"]');
  await expect(rounds).toHaveCount(0);

  await journey.getByRole("button", { name: "记录洽谈" }).click();
  const roundForm = journey.getByRole("form", { name: /记录洽谈/ });
  await roundForm.getByLabel("洽谈纪要").fill("首轮：介绍用地。");
  await roundForm.getByRole("button", { name: "保存第 1 轮" }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 1 轮洽谈已记录。");
  await roundForm.getByLabel("洽谈纪要").fill("第二轮：能耗指标。");
  await roundForm.getByLabel("下次跟进").fill(ymd(5));
  await roundForm.getByRole("button", { name: "保存第 2 轮" }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 2 轮洽谈已记录。");

  // Without a reload: the timeline (newest first, only the newest open), its filter's counts, the facts, the journey.
  const showsBothRounds = async () => {
    await expect(rounds).toHaveCount(2);
    await expect(rounds.nth(0)).toContainText("第 2 轮");
    await expect(rounds.nth(0)).toContainText("第二轮：能耗指标。");
    await expect(rounds.nth(0).locator("details")).toHaveAttribute("open", "");
    await expect(rounds.nth(1).locator("details")).not.toHaveAttribute("open", "");
    await expect(page.getByRole("group", { name: "显示" }).getByRole("button", { name: "洽谈 (2)" })).toBeVisible();
    await expect(facts).toContainText(shownDate(ymd(5)));
    await expect(facts).toContainText(shownDate(ymd(0)));
    await expect(journey.getByTestId("journey-round-count")).toHaveText(`2 · 最近一次 ${shownDate(ymd(0))}`);
    await expect(journey.getByTestId("journey-follow-up")).toHaveText(shownDate(ymd(5)));
  };
  await showsBothRounds();
  await expect(journey.getByTestId("next-round-number")).toHaveText("第 3 轮");

  // Back to the page from another one (in the app: the router restores the page as first rendered): still shown.
  await page.getByRole("link", { name: /全部项目/ }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await page.goBack();
  await expect(page).toHaveURL(url);
  await showsBothRounds();

  // The stage form saves against the version the rounds moved the project to: no conflict.
  await moveToIntent(journey);

  await page.reload();
  await showsBothRounds();
});

/**
 * The logged round and the server's render of it are one entry (components/projects/project-live.tsx TimelineList):
 * when another save refreshes the page, the round's entry is kept as the officer left it, not mounted anew (which
 * reopened it, and dropped an upload's confirmation).
 */
test("a logged round the officer closed stays closed when another save refreshes the page", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "officer@demo.local");
  await newProject(page, { title: `保持展开状态 ${unique()}`, firstContactOn: ymd(-60) });

  const journey = page.getByTestId("project-journey");
  const timeline = page.getByTestId("timeline");
  await journey.getByRole("button", { name: "记录洽谈" }).click();
  const roundForm = journey.getByRole("form", { name: /记录洽谈/ });
  await roundForm.getByLabel("洽谈纪要").fill("首轮：介绍用地。");
  await roundForm.getByRole("button", { name: "保存第 1 轮" }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 1 轮洽谈已记录。");
  const round = timeline.locator('li[data-kind="round"]');
  await expect(round.locator("details")).toHaveAttribute("open", "");
  await round.locator("summary").click();
  await expect(round.locator("details")).not.toHaveAttribute("open", "");

  // A stage change refreshes the page from the server (its entry appears first in the timeline).
  await moveToIntent(journey);
  await expect(timeline.locator("li").first()).toHaveAttribute("data-kind", "stage");
  await expect(round).toHaveCount(1);
  await expect(round.locator("details")).not.toHaveAttribute("open", "");
});
