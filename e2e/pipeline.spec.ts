import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

const JOURNEY = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING"] as const;
const STAGE_ZH: Record<string, string> = {
  FIRST_CONTACT: "首次接洽",
  INTENT: "考察/意向",
  NEGOTIATION: "洽谈",
  SIGNED: "已签约",
  CONSTRUCTION: "已开工",
  OPERATING: "已投产",
  ON_HOLD: "暂缓",
  LOST: "已流失",
};

const column = (page: Page, stage: string) => page.locator(`[data-testid="pipeline-column"][data-stage="${stage}"]`);

/** The number in a column's "N个项目" line (0 for "暂无项目"). */
async function columnCount(page: Page, stage: string): Promise<number> {
  const text = (await column(page, stage).getByTestId("column-count").textContent()) ?? "";
  const match = text.match(/\d[\d,]*/);
  return match ? Number(match[0].replaceAll(",", "")) : 0;
}

/**
 * A mouse drag that starts on the card before the board scrolls to the target
 * (locator.dragTo scrolls first, and the board's horizontal scroll would put
 * another card under the pressed mouse).
 */
async function drag(page: Page, source: Locator, target: Locator) {
  await source.hover();
  await page.mouse.down();
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2 + 12, { steps: 3 });
  await target.hover();
  await page.mouse.up();
}

test("an officer sees the pipeline board: a column per stage with counts, sums and cards", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await page.goto("/pipeline");
  await expect(page.getByRole("heading", { level: 1, name: "项目看板" })).toBeVisible();
  const board = page.getByRole("region", { name: "项目看板" });
  for (const stage of [...JOURNEY, "ON_HOLD", "LOST"]) {
    await expect(board.getByRole("heading", { level: 2, name: STAGE_ZH[stage], exact: true })).toBeVisible();
  }
  let total = 0;
  for (const stage of JOURNEY) {
    const count = await columnCount(page, stage);
    total += count;
    // Up to 50 cards per column; the rest behind "另有N个".
    await expect(column(page, stage).getByTestId("pipeline-card")).toHaveCount(Math.min(count, 50));
    if (count > 0) await expect(column(page, stage).getByTestId("column-sum")).toContainText(/计划投资 [\d,.]+(亿元|万元)/);
  }
  expect(total).toBeGreaterThan(0);
  // A card shows investor, amount, owner, days in stage and last round, and links to the project.
  const card = page.getByTestId("pipeline-card").first();
  await expect(card).toContainText("计划投资");
  await expect(card).toContainText("负责人");
  await expect(card).toContainText(/本阶段\d+天|今日进入本阶段/);
  await expect(card).toContainText(/最近洽谈|尚无洽谈/);
  await expect(card.getByRole("link")).toHaveAttribute("href", /^\/projects\/\d+$/);
  // Paused and lost are collapsed side columns that open on request.
  const onHold = column(page, "ON_HOLD");
  if ((await columnCount(page, "ON_HOLD")) > 0) {
    await expect(onHold.getByTestId("pipeline-card")).toHaveCount(0);
    await onHold.getByRole("button", { name: "展开卡片" }).click();
    await expect(onHold.getByTestId("pipeline-card").first()).toBeVisible();
  }
});

test("an officer moves a card with the keyboard: menu, dialog, and the card is in its new column", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await page.goto("/pipeline");
  // A card one step along the journey, moved one step back (a backward move needs a reason).
  let from: string | undefined;
  for (const stage of ["NEGOTIATION", "INTENT", "SIGNED", "CONSTRUCTION"]) {
    if ((await column(page, stage).getByTestId("pipeline-card").count()) > 0) {
      from = stage;
      break;
    }
  }
  expect(from, "the demo city unit has a project to move").toBeDefined();
  const to = JOURNEY[JOURNEY.indexOf(from as (typeof JOURNEY)[number]) - 1];
  const card = column(page, from!).getByTestId("pipeline-card").first();
  const projectId = await card.getAttribute("data-project-id");
  const title = (await card.getByRole("heading").textContent())!.trim();
  const before = { from: await columnCount(page, from!), to: await columnCount(page, to) };

  // Keyboard only: Tab to the card's "move" button, open the menu, arrow to the stage, Enter.
  const moveButton = card.getByRole("button", { name: `将${title}移至其他阶段` });
  await moveButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "移至阶段" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  const items = await menu.getByRole("menuitem").allTextContents();
  for (let i = 0; i < items.indexOf(STAGE_ZH[to]); i++) await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: STAGE_ZH[to], exact: true })).toBeFocused();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("pipeline-live")).toContainText(`正在将${title}移至${STAGE_ZH[to]}`);
  await dialog.getByLabel(/原因/).fill("投资方要求重新评估选址，退回上一阶段。");
  await dialog.getByRole("button", { name: `变更为“${STAGE_ZH[to]}”` }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("pipeline-live")).toContainText(`${title}已移至${STAGE_ZH[to]}`);
  await expect(column(page, to).locator(`[data-project-id="${projectId}"]`)).toBeVisible();
  await expect(column(page, from!).locator(`[data-project-id="${projectId}"]`)).toHaveCount(0);
  expect(await columnCount(page, to)).toBe(before.to + 1);
  expect(await columnCount(page, from!)).toBe(before.from - 1);
  // Focus follows the card to its new column.
  await expect(column(page, to).locator(`[data-project-id="${projectId}"]`).getByRole("button", { name: /移至其他阶段/ })).toBeFocused();
});

test("a card dragged with the mouse onto the on-hold column is put on hold after the dialog", async ({ page }) => {
  await signIn(page, "officer2@demo.local");
  await page.goto("/pipeline");
  const first = page.locator('[data-testid="pipeline-column"]:not([data-stage="ON_HOLD"]):not([data-stage="LOST"]) [data-testid="pipeline-card"]').first();
  const projectId = await first.getAttribute("data-project-id");
  const card = page.locator(`[data-testid="pipeline-card"][data-project-id="${projectId}"]`);
  const before = await columnCount(page, "ON_HOLD");
  await drag(page, card, column(page, "ON_HOLD"));
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // Cancelling changes nothing.
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  expect(await columnCount(page, "ON_HOLD")).toBe(before);

  await drag(page, card, column(page, "ON_HOLD"));
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/原因/).fill("企业年度预算冻结，暂缓推进。");
  await dialog.getByRole("button", { name: "变更为“暂缓”" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => columnCount(page, "ON_HOLD")).toBe(before + 1);
  await column(page, "ON_HOLD").getByRole("button", { name: "展开卡片" }).click();
  await expect(column(page, "ON_HOLD").locator(`[data-project-id="${projectId}"]`)).toBeVisible();
});

test("My work lists the officer's overdue follow-ups, each with a quick 'log a round' link", async ({ page }) => {
  await signIn(page, "officer@demo.local");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "我的工作" })).toBeVisible();
  const overdue = page.getByRole("region", { name: /逾期未跟进/ });
  const row = overdue.getByTestId("work-row").first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(/逾期\d+天/);
  const projectId = await row.getAttribute("data-project-id");
  await expect(row.getByRole("link", { name: /^为.+记录洽谈$/ })).toHaveAttribute("href", `/projects/${projectId}#log-round`);
  await expect(page.getByRole("region", { name: /未来14天待跟进/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /30天以上未洽谈/ }).getByTestId("work-row").first()).toBeVisible();
  await expect(page.getByRole("region", { name: /最新动态/ }).getByTestId("work-activity").first()).toBeVisible();
  // An officer has no unit-wide toggle.
  await expect(page.getByRole("navigation", { name: "查看范围" })).toHaveCount(0);
});

test("a manager switches My work to the unit view, which shows owners", async ({ page }) => {
  await signIn(page, "manager@demo.local");
  await page.goto("/");
  const toggle = page.getByRole("navigation", { name: "查看范围" });
  await toggle.getByRole("link", { name: /全部单位|本单位/ }).click();
  await expect(page).toHaveURL(/\?view=unit$/);
  await expect(toggle.getByRole("link", { name: /全部单位|本单位/ })).toHaveAttribute("aria-current", "page");
  const overdue = page.getByRole("region", { name: /逾期未跟进/ });
  await expect(overdue.getByRole("columnheader", { name: "负责人" })).toBeVisible();
  await expect(overdue.getByTestId("work-row").first()).toBeVisible();
});
