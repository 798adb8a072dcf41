import { expect, test, type Page } from "@playwright/test";
import { newProject, shownDate, signIn, unique, ymd } from "./helpers";

test.use({ locale: "zh-CN" });

/**
 * A fresh first-contact project of the officer's unit, made through the projects form. First met two months ago: the
 * journey's later dates (a signing 10 days ago) may not come before it.
 */
const newJourneyProject = (page: Page) => newProject(page, { title: `进程测试项目 ${unique()}`, firstContactOn: ymd(-60), plannedCny: "1200000000" });

test("an officer logs three rounds and moves a project through intent, negotiation, signing and construction", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "officer@demo.local");
  const { id } = await newJourneyProject(page);
  await page.goto(`/projects/${id}`);

  const journey = page.getByTestId("project-journey");
  const roundForm = journey.getByRole("form", { name: /记录洽谈/ });
  await journey.getByRole("button", { name: "记录洽谈" }).click(); // the forms open on demand
  await expect(journey.getByTestId("next-round-number")).toHaveText("第 1 轮");
  await expect(roundForm.getByLabel("我方参加人员")).toHaveValue("李明"); // the officer by default
  await expect(roundForm.getByLabel("日期", { exact: true })).toHaveValue(ymd(0)); // today by default

  // Round 1, keyboard only: the opened form's summary has the focus; Tab to the topics, Space ticks one, Ctrl+Enter saves.
  const summary = roundForm.getByLabel("洽谈纪要");
  await expect(summary).toBeFocused();
  await page.keyboard.type("首次洽谈：介绍园区用地和配套，对方关注电价。");
  await page.keyboard.press("Tab");
  await expect(roundForm.getByLabel("用地")).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Control+Enter");
  await expect(roundForm.getByRole("status")).toHaveText("第 1 轮洽谈已记录。");
  await expect(journey.getByTestId("next-round-number")).toHaveText("第 2 轮");
  await expect(summary).toHaveValue(""); // ready for the next one

  // Round 2 with a next meeting: it becomes the project's follow-up date.
  await summary.fill("第二轮：讨论优惠政策与能耗指标。");
  await roundForm.getByLabel("优惠政策").check();
  await roundForm.getByLabel("下次跟进").fill(ymd(7));
  await roundForm.getByLabel("投资方参加人员").fill("张总（董事长）");
  await roundForm.getByRole("button", { name: "保存第 2 轮" }).click();
  await expect(roundForm.getByRole("status")).toHaveText("第 2 轮洽谈已记录。");
  await expect(journey.getByTestId("journey-follow-up")).toHaveText(shownDate(ymd(7)));

  // A next meeting in the past is refused next to the field, and what was typed stays.
  await summary.fill("第三轮：审批手续与人才公寓。");
  await roundForm.getByLabel("下次跟进").fill(ymd(-3));
  await roundForm.getByRole("button", { name: "保存第 3 轮" }).click();
  await expect(roundForm.getByRole("alert")).toContainText("请更正标出的内容");
  await expect(roundForm.getByText("日期不能早于今天。")).toBeVisible();
  await expect(summary).toHaveValue("第三轮：审批手续与人才公寓。");

  // Round 3, double-clicked: one round.
  await roundForm.getByLabel("下次跟进").fill("");
  await roundForm.getByRole("button", { name: "保存第 3 轮" }).dblclick();
  await expect(roundForm.getByRole("status")).toHaveText("第 3 轮洽谈已记录。");
  await expect(journey.getByTestId("next-round-number")).toHaveText("第 4 轮");
  await page.reload();
  await expect(journey.getByTestId("journey-round-count")).toContainText("3");
  await journey.getByRole("button", { name: "记录洽谈" }).click();
  await expect(journey.getByTestId("next-round-number")).toHaveText("第 4 轮");

  await journey.getByRole("button", { name: "变更阶段" }).click();
  const stageForm = journey.getByRole("form", { name: "变更阶段" });
  const target = stageForm.getByLabel("变更为");
  const moveTo = async (stage: string) => {
    await stageForm.getByRole("button", { name: `变更为“${stage}”` }).click();
    await expect(stageForm.getByRole("status")).toHaveText(`已变更为“${stage}”。`);
    await expect(stageForm.getByTestId("current-stage")).toHaveText(`当前阶段：${stage}`);
  };

  // Intent needs a visit or a note of the stated intent.
  await target.selectOption({ label: "考察/意向" });
  await stageForm.getByRole("button", { name: "变更为“考察/意向”" }).click();
  await expect(stageForm.getByRole("alert")).toContainText("该阶段还需要更多信息");
  await expect(stageForm.getByText("请填写考察日期或投资意向说明。")).toBeVisible();
  await stageForm.getByLabel("投资意向说明").fill("董事长实地考察后表示有意落户");
  await moveTo("考察/意向");

  await target.selectOption({ label: "洽谈" });
  await moveTo("洽谈");

  // Signed: the contract, all in one move.
  await target.selectOption({ label: "已签约" });
  await stageForm.getByLabel("签约日期").fill(ymd(-10));
  await stageForm.getByLabel("协议类型").selectOption({ label: "正式投资合同" });
  // Separators that could mean two things are refused next to the field, not stored as 123 yuan.
  const contracted = stageForm.getByLabel("合同投资额（元）");
  await contracted.fill("1,2,3");
  await stageForm.getByRole("button", { name: "变更为“已签约”" }).click();
  await expect(contracted).toHaveAccessibleDescription(/分隔符不明确/);
  // The amount as the officer says it, echoed as it will be stored.
  await contracted.fill("12亿");
  await expect(contracted).toHaveAccessibleDescription(/^将保存为 12亿元（1,200,000,000 元）/); // the refusal stays until the next save
  await moveTo("已签约");
  await expect(journey.getByTestId("journey-contract")).toContainText("12亿元");

  // Construction: not before the signing date.
  await target.selectOption({ label: "已开工" });
  await stageForm.getByLabel("开工日期").fill(ymd(-11));
  await stageForm.getByRole("button", { name: "变更为“已开工”" }).click();
  await expect(stageForm.getByText(`不能早于签约日期 ${shownDate(ymd(-10))}。`)).toBeVisible(); // the refusal names the date
  await expect(stageForm.getByLabel("开工日期")).toHaveValue(ymd(-11));
  await stageForm.getByLabel("开工日期").fill(ymd(-2));
  await moveTo("已开工");
  await expect(journey.getByTestId("journey-start")).toHaveText(shownDate(ymd(-2)));

  // Funds in place, now that it is signed.
  await journey.getByRole("button", { name: "资金到位" }).click();
  const funds = journey.getByRole("form", { name: "资金到位" });
  await funds.getByLabel("金额").fill("3亿");
  await expect(funds.getByLabel("金额")).toHaveAccessibleDescription("将保存为 3亿元（300,000,000 元）");
  await funds.getByRole("button", { name: "记录到位资金" }).click();
  await expect(funds.getByRole("status")).toHaveText("到位资金已记录。");
  await expect(journey.getByTestId("journey-funds")).toHaveText("3亿元");

  // All of it on the page after a fresh load, in the timeline too.
  await page.reload();
  await expect(journey.getByTestId("journey-stage")).toContainText("已开工");
  const timeline = page.getByTestId("timeline");
  for (const text of ["第 1 轮洽谈", "第 2 轮洽谈", "第 3 轮洽谈", "首次接洽 → 考察/意向", "考察/意向 → 洽谈", "洽谈 → 已签约", "已签约 → 已开工", "签约：12亿元", "项目开工"]) {
    await expect(timeline).toContainText(text);
  }
  await expect(timeline.getByText("第 3 轮洽谈")).toHaveCount(1);
});

test("moving back, on hold and reviving need a reason; skipping a stage needs its data", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  const { id } = await newJourneyProject(page);
  await page.goto(`/projects/${id}`);
  const journey = page.getByTestId("project-journey");
  await journey.getByRole("button", { name: "变更阶段" }).click();
  const stageForm = journey.getByRole("form", { name: "变更阶段" });
  const target = stageForm.getByLabel("变更为");

  // Skip to signed without the contract: refused, the contract fields are asked for.
  await target.selectOption({ label: "已签约" });
  await stageForm.getByRole("button", { name: "变更为“已签约”" }).click();
  await expect(stageForm.getByRole("alert")).toContainText("跨越了阶段");
  await expect(stageForm.getByTestId("current-stage")).toHaveText("当前阶段：首次接洽");

  await target.selectOption({ label: "暂缓" });
  await stageForm.getByRole("button", { name: "变更为“暂缓”" }).click();
  await expect(stageForm.getByText("请填写原因。")).toBeVisible();
  await stageForm.getByLabel("原因").fill("对方集团暂停对外投资");
  await stageForm.getByRole("button", { name: "变更为“暂缓”" }).click();
  await expect(stageForm.getByTestId("current-stage")).toHaveText("当前阶段：暂缓");
  await expect(journey).toContainText("对方集团暂停对外投资"); // the reason, shown with the stage

  await target.selectOption({ label: "首次接洽" });
  await expect(stageForm.getByText("暂缓前项目处于“首次接洽”阶段")).toBeVisible();
  await stageForm.getByLabel("原因").fill("对方重启项目");
  await stageForm.getByRole("button", { name: "变更为“首次接洽”" }).click();
  await expect(stageForm.getByTestId("current-stage")).toHaveText("当前阶段：首次接洽");
});

test("in English: a round by keyboard, and a zero contract amount refused next to its field", async ({ page, context }) => {
  await signIn(page, "officer@demo.local");
  const { id } = await newJourneyProject(page);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto(`/projects/${id}`);
  const journey = page.getByTestId("project-journey");
  const roundForm = journey.getByRole("form", { name: /Log a round/ });
  await page.keyboard.press("n"); // the page's shortcut opens the round form
  await expect(roundForm.getByLabel("Summary")).toBeFocused();
  await page.keyboard.type("Introductory call about land and power prices.");
  await page.keyboard.press("Control+Enter");
  await expect(roundForm.getByRole("status")).toHaveText("Round 1 logged.");

  await journey.getByRole("button", { name: "Move stage" }).click();
  const stageForm = journey.getByRole("form", { name: "Move stage" });
  await stageForm.getByLabel("Move to").selectOption({ label: "Signed" });
  await stageForm.getByLabel("Signing date").fill(ymd(-1));
  await stageForm.getByLabel("Contracted investment (yuan)").fill("0");
  await stageForm.getByLabel("Kind of agreement").selectOption({ label: "Framework agreement" });
  await stageForm.getByRole("button", { name: "Move to Signed" }).click();
  await expect(stageForm.getByText("Enter an amount above zero.")).toBeVisible();
  await expect(stageForm.getByLabel("Contracted investment (yuan)")).toHaveValue("0");
  await expect(stageForm.getByTestId("current-stage")).toHaveText("Current stage: First contact");
});
