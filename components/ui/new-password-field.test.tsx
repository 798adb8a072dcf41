/**
 * Every form where a password is chosen — an admin creating an account or resetting one, a user changing their own —
 * asks the browser for the same field: a required password input of the policy's length (PASSWORD_MIN..PASSWORD_MAX,
 * lib/auth/password-policy.ts) that password managers are told is new.
 */
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import en from "@/messages/en";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-policy";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined, push: () => undefined }) }));
vi.mock("@/app/(app)/admin/users/actions", () => ({
  createUserAction: async () => ({ ok: true, data: {} }),
  resetPasswordAction: async () => ({ ok: true, data: {} }),
  setUserDisabledAction: async () => ({ ok: true, data: {} }),
  updateUserAccessAction: async () => ({ ok: true, data: {} }),
}));
vi.mock("@/app/(auth)/account/actions", () => ({ changeOwnPasswordAction: async () => ({ ok: true, data: {} }) }));

const { CreateUserForm } = await import("@/components/admin/create-user-form");
const { UserAdminPanel } = await import("@/components/admin/user-admin-panel");
const { ChangePasswordForm } = await import("@/components/auth/change-password-form");

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(
    <IntlProvider locale="en" timeZone="Asia/Shanghai" messages={en}>
      {node}
    </IntlProvider>,
  );

/** The <input> named `name`, its attributes as a map. */
function input(html: string, name: string): Map<string, string> {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  expect(tag, `an input named ${name}`).toBeDefined();
  return new Map([...tag!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1].toLowerCase(), m[2] ?? ""]));
}

const units = [{ value: "1", label: "City" }];
const user = { id: 3, version: 2, role: "OFFICER", unitId: 1, mobile: "", disabled: false, name: "Li Wei" };

describe("a new password's field", () => {
  for (const [form, html, name] of [
    ["create an account", () => render(<CreateUserForm units={units} />), "password"],
    ["reset an account's password", () => render(<UserAdminPanel user={user} units={units} />), "password"],
    ["change one's own password", () => render(<ChangePasswordForm forced={false} />), "newPassword"],
  ] as const) {
    it(`is the policy's, in the form to ${form}`, () => {
      const a = input(html(), name);
      expect(a.get("type")).toBe("password");
      expect(a.has("required")).toBe(true);
      expect(a.get("minlength")).toBe(String(PASSWORD_MIN));
      expect(a.get("maxlength")).toBe(String(PASSWORD_MAX));
      expect(a.get("autocomplete")).toBe("new-password");
      expect(a.get("aria-describedby"), "its hint is announced with it").toMatch(/\S/);
    });
  }
});
