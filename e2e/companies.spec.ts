import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ locale: "zh-CN" });

test("an officer creates a company, adds a contact, finds it by English and Chinese substrings and edits it", async ({ page }) => {
  const s = Math.random().toString(36).slice(2, 8);
  const nameZh = `澜沧星河精密制造有限公司${s}`;
  const nameEn = `Lancang Galaxy Precision ${s} Co., Ltd.`;

  await signIn(page, "officer@demo.local");
  await page.goto("/companies");
  await expect(page.getByRole("heading", { name: "企业", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "新建企业" }).click();

  // A missing Chinese name is refused next to the field; what was typed stays.
  await page.getByLabel("英文名称", { exact: true }).fill(nameEn);
  await page.getByLabel("企业性质").selectOption({ label: "外资" });
  await page.getByRole("button", { name: "创建企业" }).click();
  await expect(page.locator("#company-form-summary")).toHaveText("请更正标出的内容后再提交。");
  await expect(page.getByLabel("中文名称", { exact: true })).toHaveAccessibleDescription("此项必填。");
  await expect(page.getByLabel("英文名称", { exact: true })).toHaveValue(nameEn);

  await page.getByLabel("中文名称", { exact: true }).fill(nameZh);
  await page.getByLabel("国家或地区").selectOption({ label: "新加坡" });
  await page.getByLabel("主营业务", { exact: true }).fill("精密零部件");
  await page.getByLabel("所属集团").fill("澜沧集团");
  await page.getByRole("button", { name: "创建企业" }).click();

  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: nameZh })).toBeVisible();
  await expect(page.getByText(nameEn)).toBeVisible();
  await expect(page.getByText("新加坡")).toBeVisible();
  const companyUrl = page.url();

  // A contact: a bad email is refused, then the corrected one is added.
  const addForm = page.getByRole("form", { name: "添加联系人" });
  await addForm.getByLabel("姓名").fill("陈立航");
  await addForm.getByLabel("职务").fill("中国区投资总监");
  await addForm.getByLabel("电话").fill("+65 6123 4567");
  await addForm.getByLabel("邮箱").fill("chen.lihang@");
  await addForm.getByRole("button", { name: "添加联系人" }).click();
  await expect(addForm.getByLabel("邮箱")).toHaveAccessibleDescription("请输入有效的邮箱地址。");
  await expect(addForm.getByLabel("姓名")).toHaveValue("陈立航");
  await addForm.getByLabel("邮箱").fill("chen.lihang@galaxy.example.sg");
  await addForm.getByRole("button", { name: "添加联系人" }).click();
  const contacts = page.getByTestId("contacts");
  await expect(contacts.getByText("陈立航")).toBeVisible();
  await expect(contacts.getByText("chen.lihang@galaxy.example.sg")).toBeVisible();
  await expect(addForm.getByLabel("姓名")).toHaveValue("");

  // Found by an English substring in another case…
  await page.goto("/companies");
  await page.getByLabel("按中文或英文名称搜索").fill(`galaxy PRECISION ${s}`);
  await page.getByLabel("按中文或英文名称搜索").press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  const table = page.getByTestId("companies-table");
  await expect(table.getByRole("link", { name: nameZh })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  // …and by a Chinese substring.
  await page.getByLabel("按中文或英文名称搜索").fill(`星河精密制造有限公司${s}`);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent("星河精密")}`));
  await expect(table.getByRole("link", { name: nameZh })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  // Edit: the form opens with the saved values, the change shows on the company page.
  await table.getByRole("link", { name: nameZh }).click();
  await expect(page).toHaveURL(companyUrl);
  await page.getByRole("link", { name: "编辑企业" }).click();
  await expect(page.getByLabel("中文名称", { exact: true })).toHaveValue(nameZh);
  await page.getByLabel("主营业务", { exact: true }).fill("精密零部件及模具");
  await page.getByLabel("企业性质").selectOption({ label: "合资" });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByText("精密零部件及模具")).toBeVisible();
  await expect(page.getByText("合资", { exact: true })).toBeVisible();
  await expect(page.getByText(/版本 2/)).toBeVisible();
});

test("a manager creates a promotion event (an end before the start is refused); an officer sees events but cannot create one", async ({ page }) => {
  const s = Math.random().toString(36).slice(2, 8);
  const nameZh = `2025江州市（上海）投资推介会${s}`;

  await signIn(page, "manager@demo.local");
  await page.goto("/events");
  await expect(page.getByTestId("events-table").getByRole("link", { name: "2023江州市（北京）投资环境推介会" })).toBeVisible();
  await page.getByRole("link", { name: "新建活动" }).click();
  await page.getByLabel("中文名称", { exact: true }).fill(nameZh);
  await page.getByLabel("城市（中文）").fill("上海");
  await page.getByLabel("开始日期").fill("2025-03-12");
  await page.getByLabel("结束日期").fill("2025-03-11");
  await page.getByRole("button", { name: "创建活动" }).click();
  await expect(page.getByLabel("结束日期")).toHaveAccessibleDescription("结束日期不能早于开始日期。");
  await expect(page).toHaveURL(/\/events\/new$/);

  await page.getByLabel("结束日期").fill("2025-03-13");
  await page.getByRole("button", { name: "创建活动" }).click();
  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: nameZh })).toBeVisible();
  await expect(page.getByTestId("event-stats")).toContainText("线索 0 个");

  await page.context().clearCookies();
  await signIn(page, "officer@demo.local");
  await page.goto("/events");
  await expect(page.getByTestId("events-table").getByRole("link", { name: nameZh })).toBeVisible();
  await expect(page.getByRole("link", { name: "新建活动" })).toHaveCount(0);
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});
