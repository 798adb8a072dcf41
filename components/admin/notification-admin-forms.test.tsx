/**
 * The reminder settings form on the shared VersionedSettingsForm: the same heading (its accessible name), fields,
 * values and button as before, and the version it was rendered with sent back (notification_setting's version).
 */
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined, push: () => undefined }) }));
vi.mock("@/app/(app)/admin/notifications/actions", () => ({ updateNotificationSettingsAction: async () => ({ ok: true, data: { version: 1 } }), saveWebhookAction: async () => ({ ok: true, data: {} }) }));

const { NotificationSettingsForm } = await import("@/components/admin/notification-admin-forms");

const render = (locale: "en" | "zh-CN") =>
  renderToStaticMarkup(
    <IntlProvider locale={locale} timeZone="Asia/Shanghai" messages={locale === "en" ? en : zh}>
      <NotificationSettingsForm digestTime="09:15" ownerOnlyDays={2} copyManagerDays={4} highRiskDays={9} version={7} />
    </IntlProvider>,
  );

describe("NotificationSettingsForm", () => {
  it("names itself by its heading, holds the settings and sends back its version", () => {
    const html = render("en");
    expect(html).toMatch(/<form [^>]*aria-labelledby="notify-settings-title"/);
    expect(html).toContain('<h2 id="notify-settings-title" class="text-lg font-semibold text-slate-900">Morning digest and overdue escalation</h2>');
    expect(html).toMatch(/<input type="hidden" name="version" value="7"\/>/);
    for (const [name, value] of [["digestTime", "09:15"], ["ownerOnlyDays", "2"], ["copyManagerDays", "4"], ["highRiskDays", "9"]]) {
      expect(html).toMatch(new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"|<input[^>]*value="${value}"[^>]*name="${name}"`));
    }
    expect(html).toContain("The days must climb");
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Save<\/button>/);
    expect(render("zh-CN")).toContain("晨报和逾期升级");
  });
});
