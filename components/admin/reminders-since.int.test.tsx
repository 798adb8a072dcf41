/**
 * Admin → Notifications says since when reminders run (notification_start, written by the first scan) and that what
 * was already overdue or stalled then got no reminder of its own: the data function reads the day the scan wrote,
 * and the section shows it in both languages (before the first scan: that reminders have not started).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import { createPrismaClient, type Db } from "@/lib/db";
import { ownDatabase } from "@/test/own-database";
import { getRemindersStart } from "@/lib/data/notification-settings";
import { scan } from "@/lib/notify/scan";
import { RemindersSince } from "@/components/admin/reminders-since";

const i18n = vi.hoisted(() => ({ locale: "en" as "en" | "zh-CN" }));
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: i18n.locale, messages: i18n.locale === "en" ? en : zh, namespace: namespace as never }),
}));

let own: { url: string; dispose: () => Promise<void> };
let db: Db;
beforeAll(async () => {
  own = await ownDatabase("crm_since");
  db = createPrismaClient(own.url, 2);
});
afterAll(async () => {
  await db?.$disconnect();
  await own?.dispose();
});

async function shown(locale: "en" | "zh-CN") {
  i18n.locale = locale;
  const html = renderToStaticMarkup(await RemindersSince({ since: await getRemindersStart(db), locale }));
  return html.replace(/<[^>]+>/g, " ");
}

describe("the switch-on day on Admin → Notifications", () => {
  it("before the first scan: not started yet; after it: the day the scan switched reminders on, which later scans keep", async () => {
    await db.notificationStart.deleteMany();
    expect(await getRemindersStart(db)).toBeNull();
    expect(await shown("en")).toContain("Reminders have not started yet");
    expect(await shown("zh-CN")).toContain("提醒尚未开始");

    await scan(db, { now: new Date("2026-06-15T01:00:00Z"), email: false }); // 09:00 in Beijing, the 15th
    await scan(db, { now: new Date("2026-06-17T01:00:00Z"), email: false });
    expect(await getRemindersStart(db)).toEqual(new Date("2026-06-15T00:00:00Z"));
    const english = await shown("en");
    expect(english).toContain("Reminders have been sent since 15 Jun 2026");
    expect(english).toContain("already stalled before that day got no reminder of their own");
    const chinese = await shown("zh-CN");
    expect(chinese).toContain("系统自 2026年6月15日 起发送提醒");
    expect(chinese).toContain("不再逐条补发提醒");
  });
});
