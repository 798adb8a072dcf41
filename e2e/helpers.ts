import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";

/** Signs in through the form, as a person would, and waits for the shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // On a phone the user's name sits inside the folded menu: attached, not visible.
  await expect(page.getByTestId("current-user").first()).toBeAttached();
}

/** A short random suffix, so a test's records are its own. */
export const unique = () => Math.random().toString(36).slice(2, 8);

/** Today plus `days`, as YYYY-MM-DD in the bureau's time zone (what a date field takes). */
export function ymd(days = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date as the pages show it in zh-CN (formatDate: 2024年3月1日). */
export const shownDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

type NewProject = {
  title: string;
  /** The demo investor: what is typed to find it and its full name (格元环保 by default). */
  investor?: { query: string; name: RegExp };
  /** YYYY-MM-DD; the form's default (today) when not given. */
  firstContactOn?: string;
  /** Planned investment in yuan, as typed. */
  plannedCny?: string;
};

/** A new project of a demo investor, made through the projects form as an officer would; the page is left on it. */
export async function newProject(page: Page, { title, investor = { query: "格元", name: /格元环保科技股份有限公司/ }, firstContactOn, plannedCny }: NewProject) {
  await page.goto("/projects/new");
  await page.getByLabel("查找企业").fill(investor.query);
  await page.getByRole("list", { name: "匹配的企业" }).getByRole("button", { name: investor.name }).click();
  await expect(page.getByTestId("chosen-company")).toContainText(investor.name);
  await page.getByLabel("项目名称").fill(title);
  if (firstContactOn) await page.getByLabel("首次接洽日期").fill(firstContactOn);
  if (plannedCny) await page.getByLabel("计划投资（元）").fill(plannedCny);
  await page.getByRole("button", { name: "创建项目" }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  return { id: Number(new URL(page.url()).pathname.split("/").pop()), title };
}
